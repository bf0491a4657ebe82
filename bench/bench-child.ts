/**
 * One measurement in its own process, so that peak memory and warm caches
 * belong to that measurement alone. Prints one JSON line on stdout.
 * Usage: node out/bench-child.cjs <kind> ...args
 */
import { openStore } from '../engine/stores/sqljs/store.js';
import { createSqlJsEngine } from '../engine/stores/sqljs/sqljs-engine.js';
import { loadJourneys } from '../cli/load-journeys.js';
import type { JourneyReport } from '../engine/report.js';
import { DuckDbPeer } from './duckdb-peer.js';
import { measureEditorLatency } from './editor-latency.js';
import { median } from './bench-util.js';

const [kind, ...args] = process.argv.slice(2);

function maxRssMb(): number {
    return process.resourceUsage().maxRSS / 1024;
}

async function warmOurs(store: string, journeyFile: string, runs: number) {
    const opened = await openStore(store);
    const engine = createSqlJsEngine(opened.db);
    const { plans } = await loadJourneys(journeyFile, { cwd: process.cwd(), today: '2026-06-30' });
    const plan = plans[0];
    let t = performance.now();
    let report: JourneyReport = await engine.run(plan);
    const firstMs = performance.now() - t;
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
        t = performance.now();
        report = await engine.run(plan);
        times.push(performance.now() - t);
    }
    const columnar = await engine.columnarFor(plan);
    return {
        firstMs, medianMs: median(times), times, maxRssMb: maxRssMb(), report,
        rows: columnar.code.length, objects: columnar.objectIds.length,
    };
}

async function warmDuck(file: string, which: 'a' | 'b', runs: number, bits: number) {
    const peer = await DuckDbPeer.open(file, bits);
    let result = await peer.run(which);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
        const t = performance.now();
        result = await peer.run(which);
        times.push(performance.now() - t);
    }
    peer.close();
    return { medianMs: median(times), times, maxRssMb: maxRssMb(), counts: result.counts, breakdown: result.breakdown ? [...result.breakdown] : undefined };
}

async function coldDuck(file: string, which: 'a' | 'b', bits: number) {
    const peer = await DuckDbPeer.open(file, bits);
    const result = await peer.run(which);
    peer.close();
    return { counts: result.counts, maxRssMb: maxRssMb() };
}

async function main(): Promise<unknown> {
    switch (kind) {
        case 'warm-ours': return warmOurs(args[0], args[1], Number(args[2]));
        case 'warm-duck': return warmDuck(args[0], args[1] as 'a' | 'b', Number(args[2]), Number(args[3]));
        case 'cold-duck': return coldDuck(args[0], args[1] as 'a' | 'b', Number(args[2]));
        case 'editor': return { ...(await measureEditorLatency(args[0], Number(args[1]))), maxRssMb: maxRssMb() };
        default: throw new Error(`unknown bench child kind ${kind}`);
    }
}

main().then(result => {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.exit(0);
}, error => {
    process.stderr.write(`${(error as Error).stack ?? error}\n`);
    process.exit(1);
});
