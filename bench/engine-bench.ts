/**
 * The engine alone, warm, against DuckDB in the same process on the same
 * rows: for bench journeys (a) and (b), the median of repeated warm runs of
 * the sql.js columnar engine and of the DuckDB peer's best SQL, counts
 * asserted equal, plus the hot loop's share (the matcher pass alone) and the
 * cold pieces (cache build, cache read back from disk). Prints a table; does
 * not touch bench/RESULTS.md (that is `npm run bench`'s job).
 *
 *   npm run bench:engine -- --sizes 100k,1M --runs 20
 */
import { rmSync } from 'node:fs';
import { loadJourneys } from '../cli/load-journeys.js';
import { evaluateJourney } from '../engine/matcher/evaluate-journey.js';
import { cachePathOf } from '../engine/stores/sqljs/columnar-persist.js';
import { createSqlJsEngine } from '../engine/stores/sqljs/sqljs-engine.js';
import { openStore } from '../engine/stores/sqljs/store.js';
import { ensureCsv, ensureDuckDb, ensureSampleStore, label } from './bench-data.js';
import { DuckDbPeer } from './duckdb-peer.js';
import { median, option, parseSize } from './bench-util.js';

async function time(f: () => Promise<unknown>): Promise<number> {
    const t = performance.now();
    await f();
    return performance.now() - t;
}

const JOURNEYS = { a: 'bench/journeys/a-four-stages.journey', b: 'bench/journeys/b-six-stages.journey' } as const;
const sizes = option('sizes', '100k,1M').split(',').map(parseSize);
const runs = Number(option('runs', '20'));

async function benchSize(events: number): Promise<string[]> {
    const storePath = ensureSampleStore(events);
    const duckFile = await ensureDuckDb(await ensureCsv(storePath, events), events);
    rmSync(cachePathOf(storePath), { force: true });
    const lines: string[] = [];
    for (const which of ['a', 'b'] as const) {
        const { plans } = await loadJourneys(JOURNEYS[which], { cwd: process.cwd(), today: '2026-06-30' });
        const plan = plans[0];
        // Cold pieces: the first run builds the cache (and writes it beside the store);
        // a second engine on a fresh open reads it back.
        let store = await openStore(storePath);
        let engine = createSqlJsEngine(store.db, { storePath });
        const buildMs = await time(() => engine.run(plan));
        store.close();
        store = await openStore(storePath);
        engine = createSqlJsEngine(store.db, { storePath });
        let report = await engine.run(plan);
        const readBackMs = report.elapsedMs;
        const warm: number[] = [];
        for (let i = 0; i < runs; i++) warm.push(await time(async () => { report = await engine.run(plan); }));
        // The hot loop alone: the matcher passes over the cache, no report building.
        const data = await engine.columnarFor(plan);
        const lookups = { eventFilter: async () => new Uint32Array(0), eventProperty: async () => () => undefined, objectFilter: async () => new Uint8Array(0) };
        const plain = { ...plan, stages: plan.stages.map(s => ({ ...s, items: s.items.map(i => ({ event: i.event })) })) };
        const pass: number[] = [];
        for (let i = 0; i < runs; i++) pass.push(await time(() => evaluateJourney(plain, data, lookups)));
        store.close();

        const peer = await DuckDbPeer.open(duckFile, Math.ceil(Math.log2(Math.max(2, data.objectIds.length))) + 1);
        let result = await peer.run(which);
        const duck: number[] = [];
        for (let i = 0; i < runs; i++) duck.push(await time(async () => { result = await peer.run(which); }));
        peer.close();
        const counts = report.stages.map(s => s.count);
        if (JSON.stringify(counts) !== JSON.stringify(result.counts)) {
            throw new Error(`(${which}) at ${label(events)}: ours ${counts.join(' → ')} but DuckDB ${result.counts.join(' → ')}`);
        }
        const ours = median(warm);
        const theirs = median(duck);
        lines.push(`| ${label(events)} | (${which}) | ${data.code.length.toLocaleString('en-US')} | ${ours.toFixed(1)} | ${median(pass).toFixed(1)} | ${theirs.toFixed(1)} | ${(ours / theirs).toFixed(2)} | ${buildMs.toFixed(0)} | ${readBackMs} | ${counts.join(' → ')} |`);
        console.log(lines[lines.length - 1]);
    }
    return lines;
}

async function main(): Promise<void> {
    console.log('| events | journey | rows | ours warm ms | hot loop ms | DuckDB warm ms | ratio | first run (build) ms | cold from disk cache ms | counts (equal to DuckDB) |');
    console.log('|---|---|---|---|---|---|---|---|---|---|');
    for (const events of sizes) await benchSize(events);
}

main().catch(error => {
    console.error((error as Error).message);
    process.exit(1);
});
