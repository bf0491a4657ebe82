/**
 * Where the ClickHouse tests run. Always on chDB (the devDependency chdb:
 * current ClickHouse in this process, in a temporary folder). On a two-shard
 * cluster (ClickHouse 18.16 from Debian) when JOURNEY_CLICKHOUSE_URL names one
 * (scripts/clickhouse-cluster.sh start writes it to
 * /tmp/journey-clickhouse/cluster.env; .ci/run exports it); without it the
 * cluster tests are skipped, unless JOURNEY_REQUIRE_ALL_ENGINES=1 (CI), where
 * a missing cluster is a failure.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeChdb } from '../../engine/stores/clickhouse/clickhouse-chdb.js';
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
    if (/^chdb:/i.test(url)) return url.replace(/\/[^/]+$/, `/${database}`);
    return url.replace(/^(clickhouse:\/\/[^/]+\/)[^/?#]+/, `$1${database}`);
}

/** Drops a test database on every shard. */
export async function dropDatabase(url: string): Promise<void> {
    const store = openClickHouseStore(url);
    await store.onEveryShard(`DROP DATABASE IF EXISTS ${chIdent(store.address.database)}`);
}

/** One ClickHouse the tests run on. */
export interface ClickHouseTarget {
    name: string;
    /** The address of a database there (each test file names its own). */
    url(database: string): string;
    /** Before the tests (a beforeAll): in CI, starts this file's own cluster on `basePort`. */
    setUp(basePort: number): void;
    /** After the tests (an afterAll): drops the database, stops what setUp started. */
    tearDown(database: string): Promise<void>;
}

/** ClickHouse 26.7 in this process (npm package chdb), in a folder of its own per test process. */
export const CHDB_FOLDER = path.join(os.tmpdir(), `journey-chdb-test-${process.pid}`);

export const CHDB_TARGET: ClickHouseTarget = {
    name: 'chDB (current ClickHouse, in-process)',
    url: database => `chdb://${CHDB_FOLDER}/${database}`,
    setUp() { /* the folder is created on first use */ },
    async tearDown() {
        await closeChdb();
        rmSync(CHDB_FOLDER, { recursive: true, force: true });
    },
};

export const CLUSTER_TARGET: ClickHouseTarget = {
    name: 'two-shard ClickHouse cluster',
    url: database => withDatabase(requireClickHouseUrl(), database),
    setUp: basePort => startClusterIfNeeded(basePort),
    async tearDown(database) {
        await dropDatabase(withDatabase(requireClickHouseUrl(), database)).catch(() => undefined);
        stopOwnCluster();
    },
};

/** chDB always; the cluster when one is given (or required). */
export const CLICKHOUSE_TARGETS: ClickHouseTarget[] = RUN_CLICKHOUSE ? [CHDB_TARGET, CLUSTER_TARGET] : [CHDB_TARGET];
