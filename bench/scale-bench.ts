/**
 * `npm run bench:scale [-- --size 20M --runs 3]`: bench journeys (a) and (b)
 * on one sample store (`journey sample`, cached in .bench-cache/) on every
 * engine — sql.js, DuckDB, ClickHouse 18.16 with one shard and with two
 * (the cluster of scripts/clickhouse-cluster.sh, which must be running), and
 * current ClickHouse in-process (chDB). Each engine's copy of the store is
 * made once with `journey import --db ... --store SAMPLE.sqlite` (timed; the
 * time is kept beside the copies, and a copy without one is made again). Every engine's report must equal sql.js's
 * (counts, conversions, times, breakdown) or the bench fails. The ClickHouse
 * runs are repeated with max_threads=1 (one core per shard) to show how the
 * per-object work divides between shards. Rewrites the section between the
 * scale markers of bench/RESULTS.md.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadJourneys } from '../cli/load-journeys.js';
import { openEngine } from '../engine/open-engine.js';
import type { JourneyPlan } from '../engine/plan.js';
import type { JourneyReport } from '../engine/report.js';
import { chIdent } from '../engine/stores/clickhouse/clickhouse-escape.js';
import { openClickHouseStore } from '../engine/stores/clickhouse/clickhouse-store.js';
import { CACHE, cliArgs, ensureSampleStore, label } from './bench-data.js';
import { median, option, parseSize } from './bench-util.js';

const JOURNEYS = { a: 'bench/journeys/a-four-stages.journey', b: 'bench/journeys/b-six-stages.journey' } as const;
type Which = keyof typeof JOURNEYS;

interface Target {
    name: string;
    db: string;
    /** The address the store is imported through (the same store without run-time settings). */
    importDb: string;
}

interface Timing { first: number; warm: number }
interface Measured { target: Target; importMs?: number; runs: Record<Which, Timing> }

const size = parseSize(option('size', '20M'));
const runs = Number(option('runs', '3'));
const sizeLabel = label(size);
const small = sizeLabel.toLowerCase();

function clusterUrl(): string {
    const stateFile = process.env.JOURNEY_CLICKHOUSE_STATE ?? '/tmp/journey-clickhouse/cluster.env';
    const match = existsSync(stateFile) ? /JOURNEY_CLICKHOUSE_URL='([^']+)'/.exec(readFileSync(stateFile, 'utf8')) : null;
    if (!match) throw new Error(`no ClickHouse cluster: run scripts/clickhouse-cluster.sh start first (${stateFile} is missing)`);
    return match[1];
}

function targets(): Target[] {
    const url = new URL(clusterUrl().replace(/^clickhouse:/, 'http:'));
    const cluster = url.searchParams.get('cluster');
    const server = `clickhouse://${url.host}`;
    // The local cluster's profile caps a query at 4 GB; a 20M-event store on one shard needs more.
    const memory = 'max_memory_usage=16000000000';
    const one = `${server}/s${small}1?${memory}`;
    const two = `${server}/s${small}2?cluster=${cluster}&${memory}`;
    const t = (name: string, db: string, importDb = db): Target => ({ name, db, importDb });
    return [
        t('sql.js (embedded)', `${CACHE}/sample-${sizeLabel}.sqlite`),
        t('DuckDB', `${CACHE}/engine-${sizeLabel}.duckdb`),
        t('chDB (ClickHouse 26.7 in-process)', `chdb://${path.resolve(CACHE, `chdb-${sizeLabel}`)}/s${small}`),
        t('ClickHouse 18.16, 1 shard', one),
        t('ClickHouse 18.16, 2 shards', two),
        t('ClickHouse 18.16, 1 shard, max_threads=1', `${one}&max_threads=1`, one),
        t('ClickHouse 18.16, 2 shards, max_threads=1', `${two}&max_threads=1`, two),
    ];
}

/** Import times of earlier runs, kept beside the copies (an import is not repeated). */
const IMPORTS_FILE = `${CACHE}/scale-imports-${sizeLabel}.json`;
const imports: Record<string, number> = existsSync(IMPORTS_FILE) ? JSON.parse(readFileSync(IMPORTS_FILE, 'utf8')) as Record<string, number> : {};

function runCli(args: string[]): Promise<void> {
    return new Promise((resolve, reject) => {
        const child = spawn('node', ['--max-old-space-size=12000', ...cliArgs(...args)], { stdio: 'inherit' });
        child.on('exit', code => (code === 0 ? resolve() : reject(new Error(`journey ${args.join(' ')} exited with ${code}`))));
    });
}

/** Removes what an earlier, unfinished import may have left at the address. */
async function clear(db: string): Promise<void> {
    if (db.startsWith('clickhouse:')) {
        const store = openClickHouseStore(db);
        await store.onEveryShard(`DROP DATABASE IF EXISTS ${chIdent(store.address.database)}`);
    } else if (db.startsWith('chdb:')) {
        rmSync(path.dirname(db.slice('chdb://'.length)), { recursive: true, force: true });
    } else {
        rmSync(db, { force: true });
        rmSync(`${db}.wal`, { force: true });
    }
}

/** Imports the sample into the target's store unless a finished import is on record. */
async function ensureImported(target: Target, sample: string): Promise<void> {
    if (target.db !== sample) {
        if (imports[target.importDb] === undefined) {
            await clear(target.importDb);
            console.log(`  importing ${sample} into ${target.importDb}…`);
            const started = performance.now();
            await runCli(['import', '--db', target.importDb, '--store', sample]);
            imports[target.importDb] = performance.now() - started;
            writeFileSync(IMPORTS_FILE, JSON.stringify(imports, null, 2));
        }
    }
}

/** The report without its timing, for comparing engines. */
function numbers(report: JourneyReport): string {
    const { elapsedMs: _elapsed, ...rest } = report;
    return JSON.stringify(rest);
}

async function measure(target: Target, plans: Record<Which, JourneyPlan>, reports: Map<Target, Record<Which, string>>): Promise<Measured> {
    console.log(`${target.name}: ${target.db}`);
    const engine = await openEngine(target.db);
    const got = {} as Record<Which, string>;
    reports.set(target, got);
    try {
        const timings = {} as Record<Which, Timing>;
        for (const which of ['a', 'b'] as const) {
            let started = performance.now();
            let report = await engine.run(plans[which]);
            const first = performance.now() - started;
            const warm: number[] = [];
            for (let i = 0; i < runs; i++) {
                started = performance.now();
                report = await engine.run(plans[which]);
                warm.push(performance.now() - started);
            }
            got[which] = numbers(report);
            timings[which] = { first, warm: median(warm) };
            console.log(`  (${which}) first ${first.toFixed(0)} ms, warm ${median(warm).toFixed(0)} ms; stages ${report.stages.map(s => s.count).join(' → ')}`);
        }
        return { target, importMs: imports[target.importDb], runs: timings };
    } finally {
        await engine.close();
    }
}

/** Rows of `attributed` on each shard of a clustered store: how the objects were split. */
async function rowsPerShard(db: string): Promise<number[]> {
    const store = openClickHouseStore(db);
    const counts: number[] = [];
    for (const shard of await store.shards()) {
        const rows = await shard.query(`SELECT count() AS n FROM ${store.localTable('attributed')}`);
        counts.push(Number(rows[0].n));
    }
    return counts;
}

function section(measured: Measured[], sample: string, shardRows: number[]): string {
    const byName = (name: string) => measured.find(m => m.target.name === name)!;
    const base = measured[0];
    const seconds = (ms: number | undefined) => (ms === undefined ? '—' : `${(ms / 1000).toFixed(1)} s`);
    const ms = (v: number) => `${v.toFixed(0)}`;
    const ratio = (m: Measured, which: Which) => `${(m.runs[which].warm / base.runs[which].warm).toFixed(1)} ×`;
    const load = os.loadavg().map(v => v.toFixed(1)).join(' / ');
    const one = byName('ClickHouse 18.16, 1 shard, max_threads=1');
    const two = byName('ClickHouse 18.16, 2 shards, max_threads=1');
    const oneFull = byName('ClickHouse 18.16, 1 shard');
    const twoFull = byName('ClickHouse 18.16, 2 shards');
    const speedup = (which: Which, a: Measured, b: Measured) => (a.runs[which].warm / b.runs[which].warm).toFixed(2);
    return [
        '<!-- scale:start -->',
        '## Scaling out (`npm run bench:scale`)',
        '',
        `Run ${new Date().toISOString()} on ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; load average ${load} at the end (the machine is shared). Store: \`journey sample\` of ${sizeLabel} events (${sample}), copied into each engine with \`journey import --db ENGINE-ADDRESS --store ${path.basename(sample)}\`. Journeys (a) and (b) of \`bench/journeys/\` (see the engine section); first run (including caches the engine builds) and the median of ${runs} warm runs, in ms. Every engine's report equals sql.js's in every number (asserted). Both ClickHouse servers of the local cluster share this machine's ${os.cpus().length} cores.`,
        '',
        '| engine | (a) first | (a) warm | (a) vs sql.js | (b) first | (b) warm | (b) vs sql.js | import |',
        '|---|---|---|---|---|---|---|---|',
        ...measured.map(m => `| ${m.target.name} | ${ms(m.runs.a.first)} | ${ms(m.runs.a.warm)} | ${ratio(m, 'a')} | ${ms(m.runs.b.first)} | ${ms(m.runs.b.warm)} | ${ratio(m, 'b')} | ${m.target.db.includes('max_threads') || m === base ? '' : seconds(m.importMs)} |`),
        '',
        `**How the ClickHouse path scales with shards.** The two-shard store splits the objects by \`cityHash64(owner)\`: ${shardRows.map(n => n.toLocaleString('en-US')).join(' and ')} attributed events on the two shards. Each shard matches only its own objects and writes a few numbers per object to its local \`per_object\` table; the initiator merges pre-aggregated facts, so no event crosses the network. With one core per shard (\`max_threads=1\`, as if each shard were its own single-core machine) two shards run (a) ${speedup('a', one, two)} × and (b) ${speedup('b', one, two)} × as fast as one. With both servers on the same ${os.cpus().length} cores and ClickHouse's default threads, a second shard adds no CPU: (a) ${speedup('a', oneFull, twoFull)} ×, (b) ${speedup('b', oneFull, twoFull)} × (above 1 is faster); shards pay off on separate machines.`,
        '<!-- scale:end -->',
    ].join('\n');
}

async function main(): Promise<void> {
    const sample = ensureSampleStore(size);
    const plans = {} as Record<Which, JourneyPlan>;
    for (const which of ['a', 'b'] as const) plans[which] = (await loadJourneys(JOURNEYS[which], { cwd: process.cwd(), today: '2026-06-30' })).plans[0];
    const all = targets();
    // Imports first, in child processes, while this process is small; sql.js (whose memory
    // WebAssembly never gives back) is measured last. Every report is compared with sql.js's.
    for (const target of all) await ensureImported(target, sample);
    const reports = new Map<Target, Record<Which, string>>();
    const measured = new Map<Target, Measured>();
    for (const target of [...all.slice(1), all[0]]) measured.set(target, await measure(target, plans, reports));
    for (const target of all) {
        for (const which of ['a', 'b'] as const) {
            const [got, expected] = [reports.get(target)![which], reports.get(all[0])![which]];
            if (got !== expected) throw new Error(`${target.name} gave other numbers than sql.js for journey (${which}):\n${got}\n${expected}`);
        }
    }
    const shardRows = await rowsPerShard(all.find(t => t.name === 'ClickHouse 18.16, 2 shards')!.db);
    const text = section(all.map(t => measured.get(t)!), sample, shardRows);
    const file = 'bench/RESULTS.md'; // run from the checkout's root
    const results = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmark results\n';
    writeFileSync(file, results.includes('<!-- scale:start -->')
        ? results.replace(/<!-- scale:start -->[\s\S]*<!-- scale:end -->/, text)
        : `${results.trimEnd()}\n\n${text}\n`);
    console.log(`\n${text}`);
}

main().catch(error => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
});
