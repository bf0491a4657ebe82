/**
 * `node out/scale-bench.mjs [EVENTS]` from the checkout root (build: npx esbuild bench/scale-bench.ts --bundle
 * --platform=node --format=esm --external:@duckdb/node-api --outfile=out/scale-bench.mjs):
 * the same 4-stage journey on DuckDB, on ClickHouse with one shard and with two
 * shards (needs scripts/clickhouse-cluster.sh start). The synthetic events are
 * generated inside each engine (attribution already done: the `attributed`
 * table), so the figures time the journey, not the import. Counts are asserted
 * equal on every engine; the section between the scale markers of
 * bench/RESULTS.md is rewritten with the figures.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import type { Engine } from '../engine/engine.js';
import type { JourneyPlan } from '../engine/plan.js';
import { openClickHouseEngine } from '../engine/stores/clickhouse/clickhouse-engine.js';
import { openClickHouseStore } from '../engine/stores/clickhouse/clickhouse-store.js';
import { openDuckDbEngine } from '../engine/stores/duckdb/duckdb-engine.js';
import { openDuckDbStore } from '../engine/stores/duckdb/duckdb-store.js';

const EVENTS = Number(process.argv[2] ?? 1_000_000);
const PER_OBJECT = 20;
const BASE = Date.UTC(2025, 0, 1);
const state = readFileSync(process.env.JOURNEY_CLICKHOUSE_STATE ?? '/tmp/journey-clickhouse/cluster.env', 'utf8');
const CLUSTER_URL = /JOURNEY_CLICKHOUSE_URL='([^']+)'/.exec(state)![1];

const plan: JourneyPlan = {
    name: 'Four stages', source: 'contacts', includeAnonymous: false,
    stages: [0, 1, 2, 3].map(i => ({ name: `S${i + 1}`, optional: false, items: [{ event: `ev_${i}` }] })),
};

// Object o has PER_OBJECT events; names skewed to ev_0..ev_9, times spread over a year in whole seconds (ties happen). Plain integer arithmetic, so both engines generate the same rows.
const chRows = `SELECT 'contacts' AS src, toString(intDiv(number, ${PER_OBJECT})) AS obj, toUInt8(0) AS anon, toString(number) AS eid,
  concat('ev_', toString(if((number * 2654435761) % 100 < 60, (number * 48271) % 2147483647 % 10, (number * 40503) % 65537 % 30))) AS name,
  toInt64(${BASE} + ((number * 69069) % 31536000) * 1000) AS t,
  emptyArrayString() AS pk, CAST([] AS Array(UInt8)) AS pt, emptyArrayString() AS ps, CAST([] AS Array(Float64)) AS pn,
  CAST([] AS Array(Int64)) AS pd, CAST([] AS Array(UInt8)) AS pdk, emptyArrayString() AS pj
FROM system.numbers LIMIT ${EVENTS}`;
const duckRows = `SELECT 'contacts', CAST(n // ${PER_OBJECT} AS VARCHAR), 0, CAST(n AS VARCHAR),
  'ev_' || CAST(CASE WHEN (n * 2654435761) % 100 < 60 THEN (n * 48271) % 2147483647 % 10 ELSE (n * 40503) % 65537 % 30 END AS VARCHAR),
  ${BASE} + ((n * 69069) % 31536000) * 1000, [], [], [], [], [], [], []
FROM range(${EVENTS}) r(n)`;

async function timed(engine: Engine, runs = 3): Promise<{ ms: number; counts: number[] }> {
    let best = Infinity;
    let counts: number[] = [];
    for (let i = 0; i < runs; i++) {
        const started = performance.now();
        const report = await engine.run(plan);
        best = Math.min(best, performance.now() - started);
        counts = report.stages.map(s => s.count);
    }
    return { ms: best, counts };
}

async function clickHouse(url: string): Promise<{ ms: number; counts: number[]; loadMs: number }> {
    const store = openClickHouseStore(url);
    await store.onEveryShard(`DROP DATABASE IF EXISTS bench_scale`);
    await store.ensureTables(['events', 'objects', 'identities', 'associations', 'event_types', 'attributed']);
    const started = performance.now();
    await store.client.exec(`INSERT INTO ${store.table('attributed')} ${chRows}`, { settings: store.insertSettings });
    const loadMs = performance.now() - started;
    const engine = await openClickHouseEngine(url);
    try {
        return { ...(await timed(engine)), loadMs };
    } finally {
        await engine.close();
        await store.onEveryShard(`DROP DATABASE IF EXISTS bench_scale`);
    }
}

async function duckDb(): Promise<{ ms: number; counts: number[]; loadMs: number }> {
    const file = `${os.tmpdir()}/scale-bench-${process.pid}.duckdb`;
    rmSync(file, { force: true });
    const store = await openDuckDbStore(file, { create: true });
    const started = performance.now();
    await store.conn.run(`INSERT INTO attributed ${duckRows}`);
    const loadMs = performance.now() - started;
    store.close();
    const engine = await openDuckDbEngine(file);
    try {
        return { ...(await timed(engine)), loadMs };
    } finally {
        await engine.close();
        rmSync(file, { force: true });
        rmSync(`${file}.wal`, { force: true });
    }
}

const oneShard = CLUSTER_URL.replace(/\/[^/?]+\?.*$/, '/bench_scale');
const twoShards = CLUSTER_URL.replace(/\/[^/?]+\?/, '/bench_scale?');
const results = {
    duckdb: await duckDb(),
    clickhouse1: await clickHouse(oneShard),
    clickhouse2: await clickHouse(twoShards),
};
const counts = JSON.stringify(results.duckdb.counts);
for (const [name, r] of Object.entries(results)) {
    if (JSON.stringify(r.counts) !== counts) throw new Error(`${name} counted ${JSON.stringify(r.counts)}, DuckDB ${counts}`);
}
const load = os.loadavg()[0].toFixed(1);
const lines = [
    '<!-- scale:start -->',
    '## Scaling out (`bench/scale-bench.ts`)',
    '',
    `Run ${new Date().toISOString()} on ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; load average ${load} (the machine is shared). ${EVENTS.toLocaleString('en-US')} synthetic events, ${(EVENTS / PER_OBJECT).toLocaleString('en-US')} objects, journey (a) of 4 required stages; events generated inside each engine, so load is not timed through \`journey import\`. Best of 3 runs; counts equal on all engines: ${results.duckdb.counts.join(' → ')}.`,
    '',
    '| engine | journey ms | data generation ms |',
    '|---|---|---|',
    `| DuckDB (array SQL) | ${results.duckdb.ms.toFixed(0)} | ${results.duckdb.loadMs.toFixed(0)} |`,
    `| ClickHouse 18.16, 1 shard | ${results.clickhouse1.ms.toFixed(0)} | ${results.clickhouse1.loadMs.toFixed(0)} |`,
    `| ClickHouse 18.16, 2 shards (same 2-core machine) | ${results.clickhouse2.ms.toFixed(0)} | ${results.clickhouse2.loadMs.toFixed(0)} |`,
    '',
    'Both shards share the same two cores here, so a second shard cannot add CPU; on separate machines each shard matches only its own objects (the per-object work divides by the shard count) and the initiator merges pre-aggregated facts.',
    '<!-- scale:end -->',
];
const file = 'bench/RESULTS.md'; // run from the checkout's root
const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmark results\n';
const section = lines.join('\n');
const next = text.includes('<!-- scale:start -->')
    ? text.replace(/<!-- scale:start -->[\s\S]*<!-- scale:end -->/, section)
    : `${text.trimEnd()}\n\n${section}\n`;
writeFileSync(file, next);
console.log(section);
