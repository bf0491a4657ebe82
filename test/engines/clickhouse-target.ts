/**
 * Where the ClickHouse tests run: JOURNEY_CLICKHOUSE_URL (scripts/clickhouse-cluster.sh
 * start writes it to /tmp/journey-clickhouse/cluster.env; .ci/run exports it).
 * Without it the ClickHouse tests are skipped, unless JOURNEY_REQUIRE_ALL_ENGINES=1
 * (CI), where a missing cluster is a failure.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chIdent } from '../../engine/stores/clickhouse/clickhouse-escape.js';
import { openClickHouseStore } from '../../engine/stores/clickhouse/clickhouse-store.js';

function fromStateFile(): string | undefined {
    const file = process.env.JOURNEY_CLICKHOUSE_STATE ?? '/tmp/journey-clickhouse/cluster.env';
    if (!existsSync(file)) return undefined;
    return /JOURNEY_CLICKHOUSE_URL='([^']+)'/.exec(readFileSync(file, 'utf8'))?.[1];
}

let CLICKHOUSE_URL = process.env.JOURNEY_CLICKHOUSE_URL ?? fromStateFile();
export const REQUIRE_ALL = process.env.JOURNEY_REQUIRE_ALL_ENGINES === '1';
/** Run the ClickHouse tests? (When required and absent, a cluster is started for the file; failing that, the tests fail.) */
export const RUN_CLICKHOUSE = CLICKHOUSE_URL !== undefined || REQUIRE_ALL;

const SCRIPT = path.join(path.dirname(new URL(import.meta.url).pathname), '..', '..', 'scripts', 'clickhouse-cluster.sh');
let ownState: string | undefined;

/**
 * In CI (JOURNEY_REQUIRE_ALL_ENGINES=1, no address given) each test file
 * starts its own two-shard cluster with scripts/clickhouse-cluster.sh on its
 * own ports, and stops it (by PID) in stopOwnCluster().
 */
export function startClusterIfNeeded(basePort: number): void {
    if (CLICKHOUSE_URL || !REQUIRE_ALL) return;
    ownState = `/tmp/journey-clickhouse/test-${basePort}.env`;
    const env = { ...process.env, JOURNEY_CLICKHOUSE_STATE: ownState, JOURNEY_CLICKHOUSE_BASE_PORT: String(basePort) };
    const out = execFileSync('bash', [SCRIPT, 'start'], { env, encoding: 'utf8', timeout: 300_000 });
    CLICKHOUSE_URL = out.trim().split('\n').pop();
}

export function stopOwnCluster(): void {
    if (!ownState) return;
    execFileSync('bash', [SCRIPT, 'stop'], { env: { ...process.env, JOURNEY_CLICKHOUSE_STATE: ownState }, encoding: 'utf8', timeout: 120_000 });
    ownState = undefined;
}

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
