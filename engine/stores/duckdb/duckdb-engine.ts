/**
 * `--engine duckdb`: the journey computed inside DuckDB with the shared array
 * SQL (array-sql/), over a store file written by `journey import`.
 */
import type { Engine } from '../../engine.js';
import { ArraySqlEngine, type SqlExecutor } from './array-sql/array-engine.js';
import { duckDbDialect } from './duckdb-dialect.js';
import { openDuckDbStore, queryRows } from './duckdb-store.js';

export async function openDuckDbEngine(path: string): Promise<Engine> {
    const store = await openDuckDbStore(path);
    const executor: SqlExecutor = {
        async query(sql, options) {
            if (options?.signal?.aborted) throw new DOMException('the journey run was cancelled', 'AbortError');
            const onAbort = () => store.conn.interrupt();
            options?.signal?.addEventListener('abort', onAbort);
            try {
                return await queryRows(store.conn, sql);
            } catch (error) {
                if (options?.signal?.aborted) throw new DOMException('the journey run was cancelled', 'AbortError');
                throw error;
            } finally {
                options?.signal?.removeEventListener('abort', onAbort);
            }
        },
        async close() { store.close(); },
    };
    return new ArraySqlEngine('duckdb', executor, { dialect: duckDbDialect, table: 'attributed', objectsTable: 'objects', cluster: false });
}
