/**
 * The ClickHouse import sink (engine/import/import-sink.ts). ClickHouse has no
 * transactions, so rows go to staging tables first; keys are checked against
 * the store and the import so far; only at commit are the staged rows copied
 * into the store tables and `attributed` rebuilt. A failed import drops the
 * staging tables and leaves the store as it was.
 */
import { ImportKeys } from '../../import/import-keys.js';
import type { ImportRow, ImportSink, SqlCell } from '../../import/import-sink.js';
import type { StoreTable } from '../../import/table-specs.js';
import { eventPropertyColumns, objectPropertyColumns } from '../duckdb/array-sql/property-columns.js';
import { copySqliteStore } from '../duckdb/array-sql/store-copy.js';
import { STORE_TABLES } from '../sqljs/schema.js';
import { chString } from './clickhouse-escape.js';
import { BASE_TABLES, openClickHouseStore, type ClickHouseStore } from './clickhouse-store.js';

const STAGE = '_stage_';

function literal(value: SqlCell): string {
    if (typeof value === 'number') return String(value);
    return chString(String(value ?? ''));
}

/** One JSONEachRow object for a store row. */
export function clickHouseRow(table: StoreTable, values: SqlCell[]): Record<string, unknown> {
    const row: Record<string, unknown> = {};
    STORE_TABLES[table].forEach((column, i) => { row[column] = values[i] ?? null; });
    if (table === 'events') {
        if (row.properties === null) row.properties = '{}';
        Object.assign(row, eventPropertyColumns(row.properties));
    }
    if (table === 'objects') {
        if (row.properties === null) row.properties = '{}';
        Object.assign(row, objectPropertyColumns(row.created_at as number | null, row.properties));
    }
    if (table === 'event_types') row.supports_anonymous = Number(row.supports_anonymous ?? 0) ? 1 : 0;
    return row;
}

export class ClickHouseImportSink implements ImportSink {
    private readonly store: ClickHouseStore;
    private readonly keys = new ImportKeys((table, keyCols, keys) => {
        const tuples = keys.map(key => `(${key.map(literal).join(', ')})`).join(', ');
        const keyExpr = keyCols.length === 1 ? keyCols[0] : `(${keyCols.join(', ')})`;
        return this.store.client.query(`SELECT ${keyCols.join(', ')} FROM ${this.store.table(table)} WHERE ${keyExpr} IN (${tuples})`);
    });

    constructor(address: string) {
        this.store = openClickHouseStore(address);
    }

    async begin(): Promise<void> {
        await this.store.ensureTables([...BASE_TABLES, 'attributed']);
        await this.store.dropTables(BASE_TABLES, STAGE);
        await this.store.ensureTables(BASE_TABLES, STAGE);
        await this.keys.begin(async table => Number((await this.store.client.query(`SELECT count() AS n FROM ${this.store.table(table)}`))[0].n));
    }

    async insertRows(table: StoreTable, rows: ImportRow[]): Promise<void> {
        await this.keys.take(table, STORE_TABLES[table], rows);
        await this.store.client.insert(this.store.table(STAGE + table), rows.map(r => clickHouseRow(table, r.values)), { settings: this.store.insertSettings });
    }

    async commit(): Promise<void> {
        for (const table of BASE_TABLES) {
            await this.store.client.exec(`INSERT INTO ${this.store.table(table)} SELECT * FROM ${this.store.table(STAGE + table)}`, { settings: this.store.insertSettings });
        }
        await this.store.rebuildAttributed();
        await this.store.dropTables(BASE_TABLES, STAGE);
    }

    async rollback(): Promise<void> {
        try {
            await this.store.dropTables(BASE_TABLES, STAGE);
        } catch {
            // the server is gone; nothing reached the store tables
        }
    }
}

export function openClickHouseImportSink(address: string): ImportSink {
    return new ClickHouseImportSink(address);
}

/** `journey import --db clickhouse://... --store SOURCE.sqlite`. */
export function copySqliteStoreToClickHouse(sourcePath: string, address: string, onProgress?: (fraction: number, message: string) => void): Promise<number> {
    return copySqliteStore(sourcePath, new ClickHouseImportSink(address), onProgress);
}
