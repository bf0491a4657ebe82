/**
 * The import sink for the embedded store: one sql.js transaction, multi-row
 * prepared INSERTs (the fast path in sql.js is few statement executions with
 * many bound values), then one atomic file write on commit. Until commit the
 * file on disk is untouched, so a failed import leaves it byte-for-byte as it was.
 */
import type { Database, SqlJsStatic } from 'sql.js';
import { loadSqlJs } from '../stores/sqljs/sqljs-loader.js';
import { createStore, openStore, saveStore, type OpenStoreOptions, type SqlJsStore } from '../stores/sqljs/store.js';
import { STORE_TABLES } from '../stores/sqljs/schema.js';
import { SinkRowError, type ImportRow, type ImportSink, type SqlCell } from './import-sink.js';
import { TABLE_SPECS, type StoreTable } from './table-specs.js';
import { prepareInsert, type InsertStatement } from './sqljs-insert-statement.js';

/** Rows per INSERT statement; with 7 columns that is 1,792 bound values, far below SQLite's limit. */
const ROWS_PER_STATEMENT = 256;

export class SqlJsSink implements ImportSink {
    private store: SqlJsStore | undefined;
    private readonly statements = new Map<string, InsertStatement>();
    private SQL: SqlJsStatic | undefined;
    /** Highest rowid per table before this import: tells "already in the store" from "earlier in this import". */
    private readonly rowidBefore = new Map<StoreTable, number>();
    private inTransaction = false;

    /** With `replace`, begin() starts from a new empty store instead of the file's contents (the file is still replaced only on commit). */
    constructor(private readonly storePath: string, private readonly options: Omit<OpenStoreOptions, 'write'> & { replace?: boolean } = {}) {}


    get db(): Database {
        if (!this.store) throw new Error('the sql.js sink is not open (call begin() first)');
        return this.store.db;
    }

    async begin(hint?: { inputBytes?: number }): Promise<void> {
        this.SQL = await loadSqlJs();
        // A store grows by roughly its input's size (CSV about 1:1, NDJSON less): reserve that much room.
        const reserveBytes = this.options.reserveBytes ?? Math.round((hint?.inputBytes ?? 0) * 1.1);
        this.store = this.options.replace
            ? await createStore(this.storePath, { ...this.options, reserveBytes })
            : await openStore(this.storePath, { create: true, ...this.options, reserveBytes, write: true });
        try {
            for (const table of Object.keys(TABLE_SPECS) as StoreTable[]) {
                const max = this.store.db.exec(`SELECT coalesce(max(rowid), 0) FROM ${table}`)[0]?.values[0]?.[0];
                this.rowidBefore.set(table, Number(max ?? 0));
            }
            // A big page cache keeps hot B-tree pages in wasm memory instead of rewriting them to
            // sql.js's in-memory file; the journal in memory still allows ROLLBACK and statement rollback.
            this.store.db.exec('PRAGMA cache_size = -262144; PRAGMA journal_mode = MEMORY; PRAGMA temp_store = MEMORY');
            this.store.db.exec('BEGIN');
            this.inTransaction = true;
        } catch (error) {
            this.store.close(); // releases the lock
            this.store = undefined;
            throw error;
        }
    }

    async insertRows(table: StoreTable, rows: ImportRow[]): Promise<void> {
        const width = STORE_TABLES[table].length;
        let index = 0;
        if (rows.length >= ROWS_PER_STATEMENT) {
            const many = this.statement(table, ROWS_PER_STATEMENT);
            const values: SqlCell[] = new Array(ROWS_PER_STATEMENT * width);
            for (; index + ROWS_PER_STATEMENT <= rows.length; index += ROWS_PER_STATEMENT) {
                for (let r = 0; r < ROWS_PER_STATEMENT; r++) {
                    const cells = rows[index + r].values;
                    for (let c = 0; c < width; c++) values[r * width + c] = cells[c];
                }
                try {
                    many.run(values);
                } catch (error) {
                    // The failed statement changed nothing; find the row at fault one by one.
                    this.insertOneByOne(table, rows.slice(index, index + ROWS_PER_STATEMENT), error as Error);
                }
            }
        }
        if (index < rows.length) this.insertOneByOne(table, rows.slice(index), undefined);
    }

    async commit(): Promise<void> {
        const store = this.requireStore();
        this.freeStatements();
        store.db.exec('COMMIT');
        this.inTransaction = false;
        try {
            saveStore(store);
        } finally {
            store.close();
            this.store = undefined;
        }
    }

    async rollback(): Promise<void> {
        this.freeStatements();
        if (!this.store) return;
        try {
            if (this.inTransaction) this.store.db.exec('ROLLBACK');
        } catch {
            // The file was never written, so dropping the in-memory copy is rollback enough.
        }
        this.inTransaction = false;
        this.store.close();
        this.store = undefined;
    }

    private insertOneByOne(table: StoreTable, rows: ImportRow[], batchError: Error | undefined): void {
        const one = this.statement(table, 1);
        for (const row of rows) {
            try {
                one.run(row.values);
            } catch (error) {
                throw new SinkRowError(row.source, this.explain(table, row, error as Error));
            }
        }
        if (batchError) throw batchError; // the batch failed for a reason no single row shows
    }

    private explain(table: StoreTable, row: ImportRow, error: Error): string {
        const spec = TABLE_SPECS[table];
        if (!/UNIQUE constraint failed/.test(error.message) || spec.key.length === 0) return error.message;
        const columns = STORE_TABLES[table];
        const keyValues = spec.key.map(k => row.values[columns.indexOf(k)]);
        const where = spec.key.map(k => `${k} = ?`).join(' AND ');
        const found = this.db.exec(`SELECT rowid FROM ${table} WHERE ${where}`, keyValues as (string | number | null)[]);
        const rowid = Number(found[0]?.values[0]?.[0] ?? 0);
        const where2 = rowid > (this.rowidBefore.get(table) ?? 0) ? 'earlier in this import' : 'already in the store';
        const what = spec.key.length === 1
            ? `${spec.key[0]} '${keyValues[0]}'`
            : `${table} key (${spec.key.join(', ')}) = (${keyValues.map(v => `'${v}'`).join(', ')})`;
        return `duplicate ${what}: ${where2}`;
    }

    private statement(table: StoreTable, rows: number): InsertStatement {
        const key = `${table}:${rows}`;
        let statement = this.statements.get(key);
        if (!statement) {
            const columns = STORE_TABLES[table];
            const tuple = `(${columns.map(() => '?').join(',')})`;
            statement = prepareInsert(this.SQL!, this.db, `INSERT INTO ${table} (${columns.join(',')}) VALUES ${new Array(rows).fill(tuple).join(',')}`);
            this.statements.set(key, statement);
        }
        return statement;
    }

    private freeStatements(): void {
        for (const statement of this.statements.values()) statement.free();
        this.statements.clear();
    }

    private requireStore(): SqlJsStore {
        if (!this.store) throw new Error('the sql.js sink is not open (call begin() first)');
        return this.store;
    }
}
