/**
 * The DuckDB import sink (engine/import/import-sink.ts): rows inserted as they
 * come (events and objects with their typed property arrays) into a copy of
 * the store, keys checked against the store and the import so far,
 * `attributed` rebuilt, and the copy renamed over the store at commit — all
 * or nothing, without a transaction held open over millions of rows (the
 * one-transaction import of 1M events reached 10 GB and 97 s, and 20M ran
 * out of memory; with the staging below, 1M takes 12 s and 1 GB).
 */
import type { DuckDBAppender } from '@duckdb/node-api';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { ImportKeys } from '../../import/import-keys.js';
import type { ImportRow, ImportSink, SqlCell } from '../../import/import-sink.js';
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

/**
 * Events and objects are appended to staging tables with their property
 * arrays as JSON text, and converted with from_json at commit: the
 * appender's appendList is slow and holds native memory per row (1M events
 * took 10 GB), a VARCHAR is cheap. JSON round-trips every value exactly
 * (doubles in shortest form, which DuckDB reads back to the same double).
 */
const STAGED: Partial<Record<StoreTable, string>> = { events: '_stage_events', objects: '_stage_objects' };
const ARRAY_TYPES = [['pk', 'VARCHAR'], ['pt', 'UTINYINT'], ['ps', 'VARCHAR'], ['pn', 'DOUBLE'], ['pd', 'BIGINT'], ['pdk', 'UTINYINT'], ['pj', 'VARCHAR']] as const;

/** The staging table's DDL: the store columns, then the arrays as text. */
function stagingTableSql(table: 'events' | 'objects'): string {
    const columns = table === 'events'
        ? 'event_id VARCHAR, event_name VARCHAR, occurred_at BIGINT, object_type VARCHAR, object_id VARCHAR, anonymous_id VARCHAR, properties VARCHAR'
        : 'object_type VARCHAR, object_id VARCHAR, created_at BIGINT, properties VARCHAR';
    return `CREATE TABLE ${STAGED[table]} (${columns}, ${ARRAY_TYPES.map(([name]) => `${name} VARCHAR`).join(', ')})`;
}

/** Moves the staged rows into the store table, arrays parsed back from their text. */
function unstageSql(table: 'events' | 'objects'): string {
    const arrays = ARRAY_TYPES.map(([name, type]) => `CAST(from_json(${name}, '["${type}"]') AS ${type}[])`);
    return `INSERT INTO ${table} (${[...STORE_TABLES[table], ...ARRAY_TYPES.map(([name]) => name)].join(', ')})
  SELECT ${[...STORE_TABLES[table], ...arrays].join(', ')} FROM ${STAGED[table]}`;
}

function appendCell(appender: DuckDBAppender, value: SqlCell, kind: 'text' | 'bigint' | 'int'): void {
    if (value === null || value === undefined) appender.appendNull();
    else if (kind === 'bigint') appender.appendBigInt(BigInt(Math.trunc(Number(value))));
    else if (kind === 'int') appender.appendInteger(Number(value));
    else appender.appendVarchar(String(value));
}

function appendProperties(appender: DuckDBAppender, p: PropertyColumns): void {
    for (const [name] of ARRAY_TYPES) appender.appendVarchar(JSON.stringify(p[name]));
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
    /** The copy being filled. */
    private store: DuckDbStore | undefined;
    /** The store itself, held open (DuckDB locks the file) so that no other writer meets it until the copy replaces it. */
    private original: DuckDbStore | undefined;
    private readonly copy: string;
    private readonly appenders = new Map<StoreTable, DuckDBAppender>();
    /** Events and objects once their staging table exists. */
    private readonly stagedTables = new Set<StoreTable>();
    private readonly keys = new ImportKeys((table, keyCols, keys) => {
        const tuples = keys.map(key => `(${key.map(cell).join(', ')})`).join(', ');
        return queryRows(this.store!.conn, `SELECT ${keyCols.join(', ')} FROM ${table} WHERE (${keyCols.join(', ')}) IN (${tuples})`);
    });

    constructor(private readonly path: string) {
        // Its own name, so that two imports never fill one copy; a crash leaves it behind under this name.
        this.copy = `${path}.importing-${process.pid}-${randomBytes(4).toString('hex')}`;
    }

    async begin(): Promise<void> {
        if (existsSync(this.path)) {
            this.original = await openDuckDbStore(this.path);
            await this.original.conn.run('CHECKPOINT');
            copyFileSync(this.path, this.copy);
        }
        this.store = await openDuckDbStore(this.copy, { create: true });
        await this.keys.begin(async table => Number((await queryRows(this.store!.conn, `SELECT count(*) AS n FROM ${table}`))[0].n));
    }

    async insertRows(table: StoreTable, rows: ImportRow[]): Promise<void> {
        const conn = this.store!.conn;
        await this.keys.take(table, STORE_TABLES[table], rows);
        // One appender per table for the whole import; events and objects go to their staging tables.
        let appender = this.appenders.get(table);
        if (!appender) {
            const staged = STAGED[table];
            if (staged) {
                await conn.run(stagingTableSql(table as 'events' | 'objects'));
                this.stagedTables.add(table);
            }
            this.appenders.set(table, appender = await conn.createAppender(staged ?? table));
        }
        for (const row of rows) appendRow(appender, table, row.values);
    }

    /** Writes and closes the appenders (their rows are not in the table before). */
    private closeAppenders(): void {
        const appenders = [...this.appenders.values()];
        this.appenders.clear();
        for (const appender of appenders) appender.closeSync();
    }

    async commit(): Promise<void> {
        const store = this.store!;
        this.store = undefined;
        try {
            this.closeAppenders();
            for (const table of ['events', 'objects'] as const) {
                if (!this.stagedTables.has(table)) continue;
                await store.conn.run(unstageSql(table));
                await store.conn.run(`DROP TABLE ${STAGED[table]}`);
            }
            await rebuildAttributed(store.conn);
            await store.conn.run('CHECKPOINT');
        } catch (error) {
            store.close();
            throw error;
        }
        store.close();
        renameSync(this.copy, this.path);
        rmSync(`${this.copy}.wal`, { force: true });
        this.original?.close();
        this.original = undefined;
    }

    async rollback(): Promise<void> {
        try { this.closeAppenders(); } catch { /* the copy is removed anyway */ }
        this.store?.close();
        this.store = undefined;
        this.original?.close();
        this.original = undefined;
        removeDuckDbFiles(this.copy);
    }
}

function removeDuckDbFiles(file: string): void {
    for (const f of [file, `${file}.wal`]) rmSync(f, { force: true });
}

export function openDuckDbImportSink(path: string): ImportSink {
    return new DuckDbImportSink(path);
}

/** `journey import --db FILE.duckdb --store SOURCE.sqlite`. */
export function copySqliteStoreToDuckDb(sourcePath: string, targetPath: string, onProgress?: (fraction: number, message: string) => void): Promise<number> {
    return copySqliteStore(sourcePath, new DuckDbImportSink(targetPath), onProgress);
}
