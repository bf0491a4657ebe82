/**
 * `--engine duckdb`: the journey computed inside DuckDB with the shared array
 * SQL (array-sql/), over a store file written by `journey import`.
 *
 * DuckDB cannot spill an object's event lists to disk: grouping a 20M-event
 * store in one pass ran out of memory (19 GB). A big store's objects are
 * therefore matched in passes, each over one hash partition of the owners
 * (about PARTITION_ROWS attributed rows each), into a temporary table of
 * per-object rows that the report's aggregation then reads. The partition a
 * pass takes is a DuckDB variable the per-object query reads, so one query
 * text serves every pass.
 */
import { randomBytes } from 'node:crypto';
import type { Engine } from '../../engine.js';
import { ArraySqlEngine, type SqlExecutor } from './array-sql/array-engine.js';
import { duckDbDialect } from './duckdb-dialect.js';
import { openDuckDbStore, queryRows } from './duckdb-store.js';

/** Attributed rows per pass: a few GB of lists at most. */
export const PARTITION_ROWS = 2_000_000;

const PARTITION_FILTER = `hash(obj) % getvariable('journey_parts') = getvariable('journey_part')`;

export async function openDuckDbEngine(path: string, options: { partitionRows?: number } = {}): Promise<Engine> {
    const store = await openDuckDbStore(path);
    const [{ n }] = await queryRows(store.conn, 'SELECT count(*) AS n FROM attributed');
    const parts = Math.max(1, Math.ceil(Number(n) / (options.partitionRows ?? PARTITION_ROWS)));
    await store.conn.run(`SET VARIABLE journey_parts = ${parts}::UBIGINT`);
    await store.conn.run('SET VARIABLE journey_part = 0::UBIGINT');
    // Passes of concurrent runs must not interleave: each sets the connection's variable.
    let turn: Promise<unknown> = Promise.resolve();
    const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
        const result = turn.then(work);
        turn = result.catch(() => undefined);
        return result;
    };
    const query: SqlExecutor['query'] = async (sql, options) => {
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
    };
    const executor: SqlExecutor = {
        query,
        objectSource: parts === 1 ? undefined : async (objectQuery, runOptions) => {
            const table = `journey_objects_${randomBytes(6).toString('hex')}`;
            const release = async () => { await store.conn.run(`DROP TABLE IF EXISTS ${table}`); };
            try {
                await inTurn(async () => {
                    for (let part = 0; part < parts; part++) {
                        await store.conn.run(`SET VARIABLE journey_part = ${part}::UBIGINT`);
                        await query(`${part === 0 ? `CREATE TEMP TABLE ${table} AS` : `INSERT INTO ${table}`} ${objectQuery}`, runOptions);
                    }
                });
            } catch (error) {
                await release();
                throw error;
            }
            return { from: `${table} AS per_object`, release };
        },
        async close() { store.close(); },
    };
    return new ArraySqlEngine('duckdb', executor, {
        dialect: duckDbDialect, table: 'attributed', objectsTable: 'objects', cluster: false,
        objectFilter: parts === 1 ? undefined : PARTITION_FILTER,
    });
}
