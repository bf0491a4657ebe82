/** Renders the bench's figures as markdown and writes them into bench/RESULTS.md. */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

export interface JourneyFigures {
    warmMs: number;
    firstRunMs: number;
    warmRssMb: number;
    coldMs: number;
    coldRssMb: number;
    counts: number[];
    duck?: { warmMs: number; warmRssMb: number; coldMs: number; coldRssMb: number };
}

export interface SizeResult {
    label: string;
    /** When this size was measured (every figure of a size comes from one run). */
    date?: string;
    /** Attributed event rows in the columnar cache, and objects. */
    events: number;
    objects: number;
    importMs: number;
    importRssMb: number;
    journeys: Record<string, JourneyFigures>;
}

export interface EngineBench {
    date: string;
    machine: string;
    bandwidthGBs: number;
    sizes: SizeResult[];
    editor: { store: string; catalogLoadMs: number; events: number; validation: Pct; completion: Pct; hover: Pct };
}

interface Pct { p50: number; p95: number }

const RESULTS = 'bench/RESULTS.md';

/** Bytes one funnel pass must read: event code (4) and time (8) per row, the object offsets (4) per object. */
export function onePassBytes(size: SizeResult): number {
    return size.events * 12 + size.objects * 4;
}

const ms = (v: number) => (v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0));
const ratio = (a: number, b: number) => (a / b).toFixed(2);
const mark = (ok: boolean) => (ok ? 'met' : '**missed**');

export function renderEngineSection(bench: EngineBench): string {
    const lines: string[] = [];
    lines.push(`## Engine (\`npm run bench\`)`, '', `Run ${bench.date} on ${bench.machine}. Memory read bandwidth (JS typed-array sum, best of 5): ${bench.bandwidthGBs.toFixed(1)} GB/s.`, '');
    lines.push('Journeys: (a) 4 required stages; (b) 6 stages with an optional stage, a multi-event stage, an event filter, a breakdown and a 30-day window; (c) top events and Pathfinder before/after (`bench/journeys/`). DuckDB runs the best SQL we could write for (a) and (b) on the same rows (`bench/duckdb-peer.ts`); its counts (and (b)\'s breakdown) are asserted equal to ours in every run. Warm = median of the repeated runs in one process with caches built; cold = median of 5 whole processes (start to output). RSS = peak resident memory of that process.', '');
    lines.push(bench.sizes.map(s => `${s.label} measured ${s.date ?? bench.date}`).join('; ') + '.', '');
    lines.push('| events | journey | ours warm ms | DuckDB warm ms | ratio | ours cold ms | DuckDB cold ms | ratio | first run ms (cache build) | peak RSS ours / DuckDB MB | stage counts |');
    lines.push('|---|---|---|---|---|---|---|---|---|---|---|');
    for (const size of bench.sizes) {
        for (const [key, j] of Object.entries(size.journeys)) {
            lines.push(`| ${size.label} | (${key}) | ${ms(j.warmMs)} | ${j.duck ? ms(j.duck.warmMs) : '–'} | ${j.duck ? ratio(j.warmMs, j.duck.warmMs) : '–'} | ${ms(j.coldMs)} | ${j.duck ? ms(j.duck.coldMs) : '–'} | ${j.duck ? ratio(j.coldMs, j.duck.coldMs) : '–'} | ${ms(j.firstRunMs)} | ${Math.max(j.warmRssMb, j.coldRssMb).toFixed(0)} / ${j.duck ? Math.max(j.duck.warmRssMb, j.duck.coldRssMb).toFixed(0) : '–'} | ${j.counts.join(' → ')} |`);
        }
    }
    lines.push('', '| events | rows in cache | objects | import events/s | import peak RSS MB | one-pass bytes | one-pass limit ms | (a) warm / limit |');
    lines.push('|---|---|---|---|---|---|---|---|');
    for (const size of bench.sizes) {
        const bytes = onePassBytes(size);
        const limitMs = bytes / (bench.bandwidthGBs * 1e9) * 1000;
        lines.push(`| ${size.label} | ${size.events.toLocaleString('en-US')} | ${size.objects.toLocaleString('en-US')} | ${Math.round(size.events / (size.importMs / 1000)).toLocaleString('en-US')} | ${size.importRssMb.toFixed(0)} | ${(bytes / 1e6).toFixed(0)} MB | ${ms(limitMs)} | ${ratio(size.journeys.a.warmMs, limitMs)} |`);
    }
    const e = bench.editor;
    lines.push('', `Editor latency with the ${e.store} store's catalog loaded (${e.events.toLocaleString('en-US')} events; catalog read in ${ms(e.catalogLoadMs)} ms, off the typing path), 200 runs on a 15-stage journey: validation p50 ${ms(e.validation.p50)} / p95 ${ms(e.validation.p95)} ms; completion p50 ${ms(e.completion.p50)} / p95 ${ms(e.completion.p95)} ms; hover p50 ${ms(e.hover.p50)} / p95 ${ms(e.hover.p95)} ms.`, '');
    lines.push(...targetLines(bench));
    return lines.join('\n');
}

function targetLines(bench: EngineBench): string[] {
    const big = bench.sizes.filter(s => s.label === '5M' || s.label === '20M');
    const out = ['### Targets', '', '| figure | target | measured | |', '|---|---|---|---|'];
    for (const s of big) {
        for (const key of ['a', 'b']) {
            const j = s.journeys[key];
            if (!j?.duck) continue;
            const r = j.warmMs / j.duck.warmMs;
            out.push(`| warm (${key}) ${s.label} | ≤ 0.25 × DuckDB warm | ${r.toFixed(2)} × | ${mark(r <= 0.25)} |`);
        }
        const limitMs = onePassBytes(s) / (bench.bandwidthGBs * 1e9) * 1000;
        const r = s.journeys.a.warmMs / limitMs;
        out.push(`| warm (a) ${s.label} vs one-pass limit | ≤ 3 × | ${r.toFixed(1)} × | ${mark(r <= 3)} |`);
    }
    const five = bench.sizes.find(s => s.label === '5M');
    if (five?.journeys.b.duck) {
        const r = five.journeys.b.coldMs / five.journeys.b.duck.coldMs;
        out.push(`| cold (b) 5M | ≤ 1.0 × DuckDB cold | ${r.toFixed(2)} × | ${mark(r <= 1)} |`);
    }
    const twenty = bench.sizes.find(s => s.label === '20M');
    if (twenty) {
        const rss = Math.max(...Object.values(twenty.journeys).flatMap(j => [j.warmRssMb, j.coldRssMb]));
        out.push(`| 20M events in sql.js | runs; peak RSS ≤ 4 GB | ${(rss / 1024).toFixed(2)} GB | ${mark(rss <= 4096)} |`);
    }
    for (const s of bench.sizes) {
        const rate = s.events / (s.importMs / 1000);
        out.push(`| import ${s.label} | ≥ 300,000 events/s | ${Math.round(rate).toLocaleString('en-US')} | ${mark(rate >= 300_000)} |`);
    }
    const e = bench.editor;
    out.push(`| completion p95, ${e.store} store | ≤ 30 ms | ${ms(e.completion.p95)} ms | ${mark(e.completion.p95 <= 30)} |`);
    out.push(`| hover p95, ${e.store} store | ≤ 30 ms | ${ms(e.hover.p95)} ms | ${mark(e.hover.p95 <= 30)} |`);
    const first = bench.sizes[0];
    const last = bench.sizes[bench.sizes.length - 1];
    if (first !== last) {
        const growth = (last.journeys.a.warmMs / last.events) / (first.journeys.a.warmMs / first.events);
        out.push(`| cost growth ${first.label} → ${last.label}, (a) warm per event | linear or better (≤ ~1.5) | ${growth.toFixed(2)} × per event | ${mark(growth <= 1.5)} |`);
    }
    return out;
}

/** Replaces one section of bench/RESULTS.md (between its markers), keeping the others; written atomically. */
export function writeResultsSection(name: string, body: string): void {
    const start = `<!-- ${name}:start -->`;
    const end = `<!-- ${name}:end -->`;
    const current = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : '# Benchmark results\n\nFigures from `npm run bench` (engine) and `npm run bench:language` (language services), with the machine and date of each run.\n';
    const block = `${start}\n${body}\n${end}`;
    const at = current.indexOf(start);
    const next = at >= 0 ? current.slice(0, at) + block + current.slice(current.indexOf(end) + end.length) : `${current.trimEnd()}\n\n${block}\n`;
    writeFileSync(`${RESULTS}.tmp`, next);
    renameSync(`${RESULTS}.tmp`, RESULTS);
}
