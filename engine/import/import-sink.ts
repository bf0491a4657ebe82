/**
 * Where the importer writes validated rows. The importer (engine/import/importer.ts)
 * reads, converts and validates every row; a sink only stores them. One sink
 * per store kind: sql.js (engine/import/sqljs-sink.ts), DuckDB and ClickHouse
 * (written by the scale engine against this interface).
 *
 * Protocol: begin() once, insertRows() any number of times (rows in file order,
 * batches of at most a few thousand), then commit() — or rollback() after any
 * failure. All or nothing: until commit() resolves, the store as others see it
 * (for sql.js: the file on disk) must be exactly as it was before begin().
 */
import type { StoreTable } from './table-specs.js';

/** A cell as stored: text, an integer (epoch ms, 0/1) or NULL. Properties are JSON text. */
export type SqlCell = string | number | null;

export interface ImportRow {
    /** The row's cells in the order of STORE_TABLES[table] (engine/stores/sqljs/schema.ts). */
    values: SqlCell[];
    /** Where the row came from, for errors: `file:line`. */
    source: string;
}

export interface ImportSink {
    /**
     * Opens the transaction (and for file stores takes the store's lock). The hint
     * says how many bytes of input follow, so a sink may reserve room up front.
     */
    begin(hint?: { inputBytes?: number }): Promise<void>;
    /**
     * Stores rows of one table. A row the store refuses (a key already present,
     * in the store or earlier in this import) throws SinkRowError naming that row.
     */
    insertRows(table: StoreTable, rows: ImportRow[]): Promise<void>;
    /** Makes everything inserted since begin() visible at once (for sql.js: one atomic file write). */
    commit(): Promise<void>;
    /** Forgets everything inserted since begin(); never throws. */
    rollback(): Promise<void>;
}

/** A row the store refused; `source` is its `file:line`. */
export class SinkRowError extends Error {
    constructor(readonly source: string, readonly reason: string) {
        super(`${source}: ${reason}`);
        this.name = 'SinkRowError';
    }
}
