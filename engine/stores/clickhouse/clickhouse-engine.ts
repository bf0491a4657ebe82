/**
 * `--engine clickhouse`: journeys computed inside ClickHouse (18.16 or newer)
 * with the shared array SQL. On a cluster the per-object query becomes a view
 * on every shard over its local `attributed` rows (owners are sharded, so no
 * object spans two shards) behind a Distributed table: each shard matches its
 * own objects and pre-aggregates the facts, the initiator merges them, and
 * only aggregated numbers and top-N rows reach Node.
 */
import { createHash } from 'node:crypto';
import type { Engine } from '../../engine.js';
import { ArraySqlEngine, type SqlExecutor } from '../duckdb/array-sql/array-engine.js';
import { clickHouseDialect } from './clickhouse-dialect.js';
import { chIdent, chString } from './clickhouse-escape.js';
import { ClickHouseError } from './clickhouse-http.js';
import { openClickHouseStore } from './clickhouse-store.js';

export async function openClickHouseEngine(address: string): Promise<Engine> {
    const store = openClickHouseStore(address);
    const found = await store.http.query(`SELECT count() AS n FROM system.tables WHERE database = ${chString(store.address.database)} AND name = 'attributed'`);
    if (Number(found[0]?.n ?? 0) === 0) {
        throw new ClickHouseError(`${address}: no journey store there yet (load one with journey import --db ${address} ...)`);
    }
    const db = chIdent(store.address.database);
    const views = new Set<string>();
    const executor: SqlExecutor = {
        query: (sql, options) => store.http.query(sql, { signal: options?.signal }),
        objectSource: store.clustered
            ? async objectQuery => {
                // Named by the query's hash: the same journey reuses its views.
                const name = `_q_${createHash('sha256').update(objectQuery).digest('hex').slice(0, 24)}`;
                if (!views.has(name)) {
                    await store.onEveryShard(`CREATE VIEW IF NOT EXISTS ${db}.${chIdent(`${name}_local`)} AS ${objectQuery}`);
                    await store.http.exec(`CREATE TABLE IF NOT EXISTS ${db}.${chIdent(name)} AS ${db}.${chIdent(`${name}_local`)} ENGINE = Distributed(${chIdent(store.address.cluster!)}, ${db}, ${chIdent(`${name}_local`)})`);
                    views.add(name);
                }
                return `${db}.${chIdent(name)}`;
            }
            : undefined,
        async close() {
            for (const name of views) {
                await store.http.exec(`DROP TABLE IF EXISTS ${db}.${chIdent(name)}`).catch(() => undefined);
                await store.onEveryShard(`DROP TABLE IF EXISTS ${db}.${chIdent(`${name}_local`)}`).catch(() => undefined);
            }
            views.clear();
        },
    };
    return new ArraySqlEngine('clickhouse', executor, {
        dialect: clickHouseDialect,
        table: store.clustered ? `${db}.${chIdent('attributed_local')}` : store.table('attributed'),
        objectsTable: store.table('objects'),
        cluster: store.clustered,
    });
}
