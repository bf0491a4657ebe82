/**
 * Where the ClickHouse tests run: JOURNEY_CLICKHOUSE_URL (scripts/clickhouse-cluster.sh
 * start writes it to /tmp/journey-clickhouse/cluster.env; .ci/run exports it).
 * Without it the ClickHouse tests are skipped, unless JOURNEY_REQUIRE_ALL_ENGINES=1
 * (CI), where a missing cluster is a failure.
 */
import { existsSync, readFileSync } from 'node:fs';
import { chIdent } from '../../engine/stores/clickhouse/clickhouse-escape.js';
import { openClickHouseStore } from '../../engine/stores/clickhouse/clickhouse-store.js';

function fromStateFile(): string | undefined {
    const file = process.env.JOURNEY_CLICKHOUSE_STATE ?? '/tmp/journey-clickhouse/cluster.env';
    if (!existsSync(file)) return undefined;
    return /JOURNEY_CLICKHOUSE_URL='([^']+)'/.exec(readFileSync(file, 'utf8'))?.[1];
}

export const CLICKHOUSE_URL = process.env.JOURNEY_CLICKHOUSE_URL ?? fromStateFile();
export const REQUIRE_ALL = process.env.JOURNEY_REQUIRE_ALL_ENGINES === '1';
/** Run the ClickHouse tests? (When required and absent, the tests run and fail on the missing address.) */
export const RUN_CLICKHOUSE = CLICKHOUSE_URL !== undefined || REQUIRE_ALL;

export function requireClickHouseUrl(): string {
    if (!CLICKHOUSE_URL) throw new Error('JOURNEY_REQUIRE_ALL_ENGINES=1 but no ClickHouse: set JOURNEY_CLICKHOUSE_URL or run scripts/clickhouse-cluster.sh start');
    return CLICKHOUSE_URL;
}

/** The test address with another database name (each test file uses its own). */
export function withDatabase(url: string, database: string): string {
    return url.replace(/^(clickhouse:\/\/[^/]+\/)[^/?#]+/, `$1${database}`);
}

/** Drops a test database on every shard. */
export async function dropDatabase(url: string): Promise<void> {
    const store = openClickHouseStore(url);
    await store.onEveryShard(`DROP DATABASE IF EXISTS ${chIdent(store.address.database)}`);
}
