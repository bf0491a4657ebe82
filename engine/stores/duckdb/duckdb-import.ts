/**
 * The DuckDB import sink (engine/import/import-sink.ts): one transaction per
 * import, rows inserted as they come (events and objects with their typed
 * property arrays), keys checked against the store and the import so far,
 * and `attributed` rebuilt before the commit — all or nothing.
 */
import { BIGINT, DOUBLE, LIST, UTINYINT, VARCHAR, type DuckDBAppender } from '@duckdb/node-api';
import { existsSync, rmSync } from 'node:fs';
import { IMPORT_KEYS, ImportKeys, KEYED_TABLES } from '../../import/import-keys.js';
import type { ImportRow, ImportSink, SqlCell } from '../../import/import-sink.js';
import { SinkRowError } from '../../import/import-sink.js';
import type { StoreTable } from '../../import/table-specs.js';
import { STORE_TABLES } from '../sqljs/schema.js';
import { eventPropertyColumns, objectPropertyColumns, type PropertyColumns } from './array-sql/property-columns.js';
import { copySqliteStore } from './array-sql/store-copy.js';
import { duckDbDialect, duckDbString } from './duckdb-dialect.js';
import { openDuckDbStore, queryRows, rebuildAttributed, type DuckDbStore } from './duckdb-store.js';

function cell(value: SqlCell): string {
    if (value === null || value === undefined) return 'NULL';
    if (typeof value === 'number') return duckDbDialect.num(value);
    return duckDbString(String(value));
}

function list(values: (string | number)[], type: string): string {
    return `CAST([${values.map(v => (typeof v === 'number' ? duckDbDialect.num(v) : duckDbString(v))).join(', ')}] AS ${type}[])`;
}

export function propertyArraysSql(p: PropertyColumns): string {
    return [list(p.pk, 'VARCHAR'), list(p.pt, 'UTINYINT'), list(p.ps, 'VARCHAR'), list(p.pn, 'DOUBLE'),
        list(p.pd, 'BIGINT'), list(p.pdk, 'UTINYINT'), list(p.pj, 'VARCHAR')].join(', ');
}

export function rowValuesSql(table: StoreTable, values: SqlCell[]): string {
    const cells = values.map(cell);
    if (table === 'events') cells.push(propertyArraysSql(eventPropertyColumns(values[6] ?? '{}')));
    if (table === 'objects') cells.push(propertyArraysSql(objectPropertyColumns(values[2] as number | null, values[3] ?? '{}')));
    return `(${cells.join(', ')})`;
}

export function columnListSql(table: StoreTable): string {
    const cols = [...STORE_TABLES[table]];
    if (table === 'events' || table === 'objects') cols.push('pk', 'pt', 'ps', 'pn', 'pd', 'pdk', 'pj');
    return cols.join(', ');
}

const TEXT_LIST = LIST(VARCHAR);
const U8_LIST = LIST(UTINYINT);
const DOUBLE_LIST = LIST(DOUBLE);
const BIGINT_LIST = LIST(BIGINT);

function appendCell(appender: DuckDBAppender, value: SqlCell, kind: 'text' | 'bigint' | 'int'): void {
    if (value === null || value === undefined) appender.appendNull();
    else if (kind === 'bigint') appender.appendBigInt(BigInt(Math.trunc(Number(value))));
    else if (kind === 'int') appender.appendInteger(Number(value));
    else appender.appendVarchar(String(value));
}

function appendProperties(appender: DuckDBAppender, p: PropertyColumns): void {
    appender.appendList(p.pk, TEXT_LIST);
    appender.appendList(p.pt, U8_LIST);
    appender.appendList(p.ps, TEXT_LIST);
    appender.appendList(p.pn, DOUBLE_LIST);
    appender.appendList(p.pd.map(v => BigInt(v)), BIGINT_LIST);
    appender.appendList(p.pdk, U8_LIST);
    appender.appendList(p.pj, TEXT_LIST);
}

/** Column kinds in STORE_TABLES order (times are BIGINT epoch ms, the flag an INTEGER). */
const KINDS: Record<StoreTable, ('text' | 'bigint' | 'int')[]> = {
    events: ['text', 'text', 'bigint', 'text', 'text', 'text', 'text'],
    objects: ['text', 'text', 'bigint', 'text'],
    identities: ['text', 'text'],
    associations: ['text', 'text', 'text', 'text'],
    event_types: ['text', 'text', 'text', 'int', 'text'],
};

function appendRow(appender: DuckDBAppender, table: StoreTable, values: SqlCell[]): void {
    for (const text of values) {
        if (typeof text === 'string' && text.includes('\u0000')) throw new Error('text with a NUL character cannot be stored in DuckDB');
    }
    KINDS[table].forEach((kind, i) => {
        const value = table === 'events' && i === 6 ? values[i] ?? '{}' : table === 'objects' && i === 3 ? values[i] ?? '{}' : values[i];
        appendCell(appender, value, kind);
    });
    if (table === 'events') appendProperties(appender, eventPropertyColumns(values[6] ?? '{}'));
    if (table === 'objects') appendProperties(appender, objectPropertyColumns(values[2] as number | null, values[3] ?? '{}'));
    appender.endRow();
}

export class DuckDbImportSink implements ImportSink {
    private store: DuckDbStore | undefined;
    /** A store this import created is removed again when the import fails. */
    private created = false;
    private readonly keys = new ImportKeys();
    /** Tables without rows before this import: their keys need no look-up in the store (this import's own are in `keys`). */
    private readonly emptyAtStart = new Set<StoreTable>();

    constructor(private readonly path: string) {}

    async begin(): Promise<void> {
        this.created = !existsSync(this.path);
        this.store = await openDuckDbStore(this.path, { create: true });
        await this.store.conn.run('BEGIN TRANSACTION');
        for (const table of KEYED_TABLES) {
            const rows = await queryRows(this.store.conn, `SELECT count(*) AS n FROM ${table}`);
            if (Number(rows[0].n) === 0) this.emptyAtStart.add(table);
        }
    }

    async insertRows(table: StoreTable, rows: ImportRow[]): Promise<void> {
        const conn = this.store!.conn;
        const keyCols = IMPORT_KEYS[table];
        this.keys.take(table, STORE_TABLES[table], rows);
        if (keyCols.length && !this.emptyAtStart.has(table)) {
            const columns = STORE_TABLES[table];
            const keyIdx = keyCols.map(c => columns.indexOf(c));
            const keyOf = (row: ImportRow) => JSON.stringify(keyIdx.map(i => row.values[i]));
            const tuples = rows.map(r => `(${keyIdx.map(i => cell(r.values[i])).join(', ')})`).join(', ');
            const existing = await queryRows(conn, `SELECT ${keyCols.join(', ')} FROM ${table} WHERE (${keyCols.join(', ')}) IN (${tuples})`);
            if (existing.length) {
                const found = new Set(existing.map(e => JSON.stringify(keyCols.map(c => e[c]))));
                const row = rows.find(r => found.has(keyOf(r)))!;
                throw new SinkRowError(row.source, `${keyCols.join(', ')} ${keyIdx.map(i => row.values[i]).join(', ')} is already in the store`);
            }
        }
        // The appender writes into this connection's open transaction, so a rollback still undoes it.
        const appender = await conn.createAppender(table);
        try {
            for (const row of rows) appendRow(appender, table, row.values);
            appender.flushSync();
        } finally {
            appender.closeSync();
        }
    }

    async commit(): Promise<void> {
        const store = this.store!;
        try {
            await rebuildAttributed(store.conn);
            await store.conn.run('COMMIT');
            await store.conn.run('CHECKPOINT');
        } finally {
            store.close();
            this.store = undefined;
        }
    }

    async rollback(): Promise<void> {
        const store = this.store;
        this.store = undefined;
        if (!store) return;
        try { await store.conn.run('ROLLBACK'); } catch { /* nothing was open */ }
        store.close();
        if (this.created) for (const file of [this.path, `${this.path}.wal`]) rmSync(file, { force: true });
    }
}

export function openDuckDbImportSink(path: string): ImportSink {
    return new DuckDbImportSink(path);
}

/** `journey import --db FILE.duckdb --store SOURCE.sqlite`. */
export function copySqliteStoreToDuckDb(sourcePath: string, targetPath: string, onProgress?: (fraction: number, message: string) => void): Promise<number> {
    return copySqliteStore(sourcePath, new DuckDbImportSink(targetPath), onProgress);
}
