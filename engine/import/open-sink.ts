/**
 * The import sink for a store address, chosen like openEngine chooses engines:
 * `clickhouse://…` → ClickHouse, `*.duckdb` → DuckDB, anything else a sql.js
 * store file. DuckDB and ClickHouse sinks live with their engines
 * (engine/stores/duckdb/duckdb-sink.ts, engine/stores/clickhouse/clickhouse-sink.ts)
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
    const specifier = engine === 'duckdb' ? '../stores/duckdb/duckdb-sink.js' : '../stores/clickhouse/clickhouse-sink.js';
    let module: { openSink?: (db: string) => Promise<ImportSink> };
    try {
        // A variable specifier: bundlers leave it alone, so a build without the module still builds.
        module = await import(specifier);
    } catch {
        throw new Error(`importing into a ${engine} store is not available in this build`);
    }
    if (typeof module.openSink !== 'function') throw new Error(`importing into a ${engine} store is not available in this build`);
    return module.openSink(db);
}
