/**
 * `--engine clickhouse`: journeys computed inside ClickHouse (18.16 or newer)
 * with the shared array SQL. On a cluster every shard runs the per-object
 * query over its local `attributed` rows (owners are sharded, so no object
 * spans two shards) and writes one small row per object into its local
 * `per_object` table under a run id; the report's aggregation then reads the
 * Distributed `per_object` (shards pre-aggregate, the initiator merges), so
 * only aggregated numbers and top-N rows reach Node.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Engine } from '../../engine.js';
import { ArraySqlEngine, type SqlExecutor } from '../duckdb/array-sql/array-engine.js';
import { clickHouseDialect } from './clickhouse-dialect.js';
import { chString } from './clickhouse-escape.js';
import { ClickHouseError } from './clickhouse-client.js';
import { openClickHouseStore } from './clickhouse-store.js';

export async function openClickHouseEngine(address: string): Promise<Engine> {
    const store = openClickHouseStore(address);
    const noStore = () => new ClickHouseError(`${address}: no journey store there yet (load one with journey import --db ${address} ...)`);
    // chDB would create the folder on opening it: a mistyped folder is no store rather than a new empty one.
    if (store.address.kind === 'chdb' && !existsSync(store.address.folder)) throw noStore();
    const found = await store.client.query(`SELECT count() AS n FROM system.tables WHERE database = ${chString(store.address.database)} AND name = 'attributed'`);
    if (Number(found[0]?.n ?? 0) === 0) throw noStore();
    if (store.clustered) await store.ensureTables(['per_object']);
    const executor: SqlExecutor = {
        query: (sql, options) => store.client.query(sql, { signal: options?.signal }),
        objectSource: store.clustered
            ? async (objectQuery, options) => {
                const run = chString(randomBytes(12).toString('hex'));
                const shards = await store.shards();
                const release = async () => {
                    await Promise.all(shards.map(shard => shard.exec(`ALTER TABLE ${store.localTable('per_object')} DROP PARTITION ${run}`).catch(() => undefined)));
                };
                try {
                    await Promise.all(shards.map(shard => shard.exec(
                        `INSERT INTO ${store.localTable('per_object')} SELECT ${run} AS run, obj, f_tag, f_key, f_seq, f_v, cs, ftts FROM (${objectQuery})`,
                        { signal: options?.signal })));
                } catch (error) {
                    await release();
                    throw error;
                }
                return { from: store.table('per_object'), where: `run = ${run}`, release };
            }
            : undefined,
        async close() { /* HTTP holds nothing open; chDB's session stays open for the process (clickhouse-chdb.ts) */ },
    };
    return new ArraySqlEngine('clickhouse', executor, {
        dialect: clickHouseDialect,
        table: store.localTable('attributed'),
        objectsTable: store.table('objects'),
        cluster: store.clustered,
    });
}
