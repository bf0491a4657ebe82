/**
 * `npm run bench`: the engine against DuckDB on the same data, in one run.
 * Makes sample stores of 1M, 5M and 20M events (cached in .bench-cache/),
 * measures import, cold and warm reports, peak memory, the one-pass limit and
 * editor latency, asserts the peer's counts equal ours, and writes
 * bench/RESULTS.md's engine section. Options: --sizes 1M,5M  --runs 20
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { CACHE, cliArgs, ensureCsv, ensureDuckDb, ensureSampleStore, label } from './bench-data.js';
import { measureBandwidthGBs } from './memory-bandwidth.js';
import { renderEngineSection, writeResultsSection, type SizeResult } from './bench-report.js';
import type { JourneyReport } from '../engine/report.js';
import { median, option, parseSize } from './bench-util.js';

const JOURNEYS = {
    a: 'bench/journeys/a-four-stages.journey',
    b: 'bench/journeys/b-six-stages.journey',
    c: 'bench/journeys/c-discovery.journey',
} as const;

const ALL_SIZES = [1_000_000, 5_000_000, 20_000_000];
// `--sizes none` measures no store again: it re-renders the saved figures with a fresh editor-latency run.
const sizesOption = option('sizes', '1M,5M,20M');
const sizes = sizesOption === 'none' ? [] : sizesOption.split(',').map(parseSize);
const warmRuns = Number(option('runs', '20'));
const coldRuns = 5;

/** Runs a command; returns wall ms, stdout, and the peak RSS the preload reported. */
function timed(args: string[]): { ms: number; stdout: string; maxRssMb: number } {
    const t = performance.now();
    const result = spawnSync('node', ['--max-old-space-size=8192', '-r', './bench/rss-report.cjs', ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
    const ms = performance.now() - t;
    if (result.status !== 0) throw new Error(`${args.join(' ')} failed:\n${result.stderr}`);
    const rss = /@@maxrss ([\d.]+)/.exec(result.stderr);
    return { ms, stdout: result.stdout, maxRssMb: rss ? Number(rss[1]) : NaN };
}

function child(...args: string[]): { ms: number; value: any; maxRssMb: number } {
    const run = timed(['out/bench-child.cjs', ...args]);
    return { ms: run.ms, value: JSON.parse(run.stdout.trim().split('\n').pop()!), maxRssMb: run.maxRssMb };
}

function assertEqualCounts(what: string, ours: JourneyReport, peer: { counts: number[]; breakdown?: [string, [number, number]][] }): void {
    const counts = ours.stages.map(s => s.count);
    if (JSON.stringify(counts) !== JSON.stringify(peer.counts)) {
        throw new Error(`${what}: DuckDB counts ${JSON.stringify(peer.counts)} differ from ours ${JSON.stringify(counts)}`);
    }
    if (peer.breakdown) {
        const breakdown = ours.stages[0].breakdown!;
        const theirs = new Map(peer.breakdown);
        let otherCount = 0;
        let otherContinued = 0;
        for (const row of breakdown.rows) {
            const [n, cont] = theirs.get(JSON.stringify(row.value)) ?? [-1, -1];
            if (n !== row.count || cont !== row.continued) throw new Error(`${what}: breakdown row ${JSON.stringify(row.value)} differs: ours ${row.count}/${row.continued}, DuckDB ${n}/${cont}`);
            theirs.delete(JSON.stringify(row.value));
        }
        for (const [n, cont] of theirs.values()) { otherCount += n; otherContinued += cont; }
        if (otherCount !== breakdown.other.count || otherContinued !== breakdown.other.continued) {
            throw new Error(`${what}: breakdown other differs: ours ${breakdown.other.count}/${breakdown.other.continued}, DuckDB ${otherCount}/${otherContinued}`);
        }
    }
}

async function benchSize(events: number): Promise<SizeResult> {
    console.log(`\n== ${label(events)} events`);
    const store = ensureSampleStore(events);
    const csv = await ensureCsv(store, events);
    const duck = await ensureDuckDb(csv, events);

    // Import throughput: the events CSV into a fresh store.
    const target = `${CACHE}/import-target.sqlite`;
    rmSync(target, { force: true });
    const imported = timed(cliArgs('import', '--db', target, '--events', csv.events));
    rmSync(target, { force: true });

    const result: SizeResult = { label: label(events), events: 0, objects: 0, importMs: imported.ms, importRssMb: imported.maxRssMb, journeys: {} };
    for (const [key, file] of Object.entries(JOURNEYS) as ['a' | 'b' | 'c', string][]) {
        const warm = child('warm-ours', store, file, String(warmRuns));
        result.events = warm.value.rows;
        result.objects = warm.value.objects;
        const colds = Array.from({ length: coldRuns }, () => timed(cliArgs('run', file, '--db', store, '--format', 'json', '--today', '2026-06-30')));
        const coldReport = JSON.parse(colds[0].stdout) as JourneyReport;
        if (JSON.stringify(coldReport.stages.map(s => s.count)) !== JSON.stringify((warm.value.report as JourneyReport).stages.map(s => s.count))) {
            throw new Error(`${key}: cold and warm runs disagree`);
        }
        const entry: SizeResult['journeys'][string] = {
            warmMs: warm.value.medianMs, firstRunMs: warm.value.firstMs, warmRssMb: warm.maxRssMb,
            coldMs: median(colds.map(c => c.ms)), coldRssMb: Math.max(...colds.map(c => c.maxRssMb)),
            counts: (warm.value.report as JourneyReport).stages.map(s => s.count),
        };
        if (key !== 'c') {
            const bits = Math.ceil(Math.log2(Math.max(2, warm.value.objects)));
            const duckWarm = child('warm-duck', duck, key, String(warmRuns), String(bits));
            assertEqualCounts(`${label(events)} (${key}) warm`, warm.value.report, duckWarm.value);
            const duckColds = Array.from({ length: coldRuns }, () => child('cold-duck', duck, key, String(bits)));
            for (const c of duckColds) assertEqualCounts(`${label(events)} (${key}) cold`, warm.value.report, c.value);
            entry.duck = {
                warmMs: duckWarm.value.medianMs, warmRssMb: duckWarm.maxRssMb,
                coldMs: median(duckColds.map(c => c.ms)), coldRssMb: Math.max(...duckColds.map(c => c.maxRssMb)),
            };
        }
        result.journeys[key] = entry;
        console.log(`  (${key}) warm ${entry.warmMs.toFixed(1)} ms, cold ${entry.coldMs.toFixed(0)} ms` +
            (entry.duck ? `; DuckDB warm ${entry.duck.warmMs.toFixed(1)} ms, cold ${entry.duck.coldMs.toFixed(0)} ms` : ''));
    }
    return result;
}

async function main(): Promise<void> {
    mkdirSync(CACHE, { recursive: true });
    const started = new Date();
    const bandwidth = measureBandwidthGBs();
    console.log(`memory read bandwidth: ${bandwidth.toFixed(1)} GB/s`);
    for (const events of sizes) {
        const result = await benchSize(events);
        writeFileSync(`${CACHE}/result-${result.label}.json`, JSON.stringify({ ...result, date: new Date().toISOString() }));
    }
    // Sizes measured by an earlier invocation (e.g. `--sizes 20M` alone) keep their figures and their own date.
    const results: SizeResult[] = ALL_SIZES.map(label).filter(l => existsSync(`${CACHE}/result-${l}.json`))
        .map(l => JSON.parse(readFileSync(`${CACHE}/result-${l}.json`, 'utf8')) as SizeResult);
    const largestSize = ALL_SIZES.filter(n => existsSync(`${CACHE}/sample-${label(n)}.sqlite`)).pop() ?? ALL_SIZES[0];
    const largest = ensureSampleStore(largestSize);
    const editor = child('editor', largest, '200');
    const section = renderEngineSection({
        date: started.toISOString(), machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
        bandwidthGBs: bandwidth, sizes: results, editor: { store: label(largestSize), ...editor.value },
    });
    writeResultsSection('engine', section);
    console.log('\nwrote bench/RESULTS.md');
}

main().catch(error => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
});
