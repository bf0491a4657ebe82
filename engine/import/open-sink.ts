/**
 * The import sink for a store address, chosen like openEngine chooses engines:
 * `clickhouse://…` → ClickHouse, `*.duckdb` → DuckDB, anything else a sql.js
 * store file. DuckDB and ClickHouse sinks live with their engines
 * (engine/stores/duckdb/duckdb-import.ts, engine/stores/clickhouse/clickhouse-import.ts)
 * and load only when asked for.
 */
import { inferEngine } from '../open-engine.js';
import type { ImportSink } from './import-sink.js';
import { SqlJsSink } from './sqljs-sink.js';

export interface OpenSinkOptions {
    signal?: AbortSignal;
    /** Called when another process holds the store's lock and the import waits for it. */
    onWait?: (holder: string) => void;
}

export async function openImportSink(db: string, options: OpenSinkOptions = {}): Promise<ImportSink> {
    const engine = inferEngine(db);
    if (engine === 'sqljs') return new SqlJsSink(db, { signal: options.signal, onWait: options.onWait });
    if (engine === 'duckdb') {
        // Loaded only when asked for: it pulls DuckDB's native module.
        const { openDuckDbImportSink } = await import('../stores/duckdb/duckdb-import.js');
        return openDuckDbImportSink(db);
    }
    const { openClickHouseImportSink } = await import('../stores/clickhouse/clickhouse-import.js');
    return openClickHouseImportSink(db);
}
