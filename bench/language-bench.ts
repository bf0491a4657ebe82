/**
 * `npm run bench:language`: the language services with a big store's catalog
 * loaded. Builds a store of BENCH_EVENTS events (default 5,000,000) over the
 * agreed sample catalog with sql.js, times reading its catalog (computed, and
 * from the `journey_catalog_cache` side table), then times full validation of
 * a 15-stage journey, completion at an event position and hover on an event,
 * 200 runs each, and writes median and p95 to bench/RESULTS.md ("Language
 * services" section; the rest of the file is left alone).
 */
import os from 'node:os';
import type { Database } from 'sql.js';
import { measureLanguageLatency } from './language-latency.js';
import { writeResultsSection } from './bench-report.js';
import { SAMPLE_EVENT_TYPES } from '../engine/sample/sample-catalog.js';
import { readCatalog, writeCatalogCache } from '../engine/stores/sqljs/catalog-reader.js';
import { loadSqlJs } from '../engine/stores/sqljs/sqljs-loader.js';
import { STORE_SCHEMA_SQL } from '../engine/stores/sqljs/schema.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 5_000_000);
const RUNS = 200;

/** The agreed sample catalog: name, category, object type, anonymous support, properties. */
const CATALOG: [string, string, string, number, readonly string[]][] = SAMPLE_EVENT_TYPES.map(t =>
    [t.name, t.category, t.objectType, t.supportsAnonymous ? 1 : 0, t.properties]);
/** Page views dominate a real store; the rest share what is left. */
const WEIGHTS = [40, 4, 6, 12, 4, 8, 1, 2, 2, 3, 1, 2, 1, 1, 1];
const START = Date.UTC(2025, 0, 1);
const END = Date.UTC(2026, 6, 1);

/** mulberry32: a small seeded generator, so every run builds the same store. */
function random(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

function buildStore(SQL: Awaited<ReturnType<typeof loadSqlJs>>): Database {
    const db = new SQL.Database();
    db.run(STORE_SCHEMA_SQL);
    for (const [name, category, objectType, anonymous] of CATALOG) {
        db.run('INSERT INTO event_types VALUES (?, ?, ?, ?, NULL)', [name, category, objectType, anonymous]);
    }
    const next = random(7);
    const total = WEIGHTS.reduce((a, b) => a + b, 0);
    const campaigns = ['Spring launch', 'Summer webinar', 'Black Friday'];
    const paths = ['/', '/pricing', '/features', '/demo', '/contact', ...Array.from({ length: 30 }, (_, i) => `/blog/post-${i}`)];
    const insert = db.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?)');
    db.run('BEGIN');
    for (let i = 0; i < EVENTS; i++) {
        let pick = next() * total;
        let k = 0;
        while (pick >= WEIGHTS[k]) pick -= WEIGHTS[k++];
        const [name, , objectType, , props] = CATALOG[k];
        const properties: Record<string, string | number> = {};
        for (const prop of props) {
            properties[prop] = prop === 'amount' ? Math.floor(next() * 50) * 100
                : prop === 'campaign' || prop === 'utm_campaign' ? campaigns[Math.floor(next() * 3)]
                : prop === 'url_path' ? paths[Math.floor(next() * paths.length)]
                : `${prop}-${Math.floor(next() * 12)}`;
        }
        const anonymous = objectType === 'contact' && CATALOG[k][3] === 1 && next() < 0.2;
        // Event logs are appended in time order (with a little jitter), as imports and trackers write them.
        insert.run([`e${i}`, name, START + Math.floor(((i + next()) / EVENTS) * (END - START)), anonymous ? null : objectType,
            anonymous ? null : `${objectType}-${Math.floor(next() * 100_000)}`, anonymous ? `a${Math.floor(next() * 50_000)}` : null,
            JSON.stringify(properties)]);
    }
    db.run('COMMIT');
    insert.free();
    for (let i = 0; i < 1000; i++) {
        db.run("INSERT INTO objects VALUES ('contact', ?, ?, ?)", [`contact-${i}`, START,
            JSON.stringify({ lifecyclestage: ['lead', 'mql', 'customer'][i % 3], country: 'DE', industry: 'software', email_domain: 'example.com' })]);
    }
    return db;
}

function summarizeCodes(codes: unknown[]): string {
    const counts = new Map<string, number>();
    for (const code of codes) counts.set(String(code), (counts.get(String(code)) ?? 0) + 1);
    return [...counts].map(([code, n]) => `${n} × ${code}`).join(', ') || 'none';
}

const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));

async function main(): Promise<void> {
    const SQL = await loadSqlJs();
    let t = performance.now();
    const db = buildStore(SQL);
    const buildMs = performance.now() - t;
    console.log(`store of ${EVENTS.toLocaleString('en-US')} events built in ${(buildMs / 1000).toFixed(1)} s`);

    t = performance.now();
    const computed = await readCatalog(db);
    const computeMs = performance.now() - t;
    t = performance.now();
    writeCatalogCache(db);
    const cacheWriteMs = performance.now() - t;
    t = performance.now();
    const catalog = await readCatalog(db);
    const cachedMs = performance.now() - t;
    db.close();
    if (catalog.totalEvents !== computed.totalEvents || catalog.totalEvents !== EVENTS) throw new Error('catalog counts disagree');
    console.log(`catalog: computed in ${ms(computeMs)} ms, cached summary written in ${ms(cacheWriteMs)} ms, read from the cache in ${ms(cachedMs)} ms`);

    const { validation: v, completion: c, hover: h, items, hoverText, diagnostics } = await measureLanguageLatency(catalog, RUNS);
    if (items !== CATALOG.length) throw new Error(`completion offered ${items} events, expected ${CATALOG.length}`);
    if (!hoverText.includes('meeting_booked') || !hoverText.includes('events from 2025-01-01 to 2026-06-30')) throw new Error(`unexpected hover ${hoverText}`);

    const cpu = os.cpus();
    const machine = `${cpu.length} × ${cpu[0]?.model.trim() ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
    const section = `## Language services (\`npm run bench:language\`)

Run ${new Date().toISOString()} on ${machine}. Store: ${EVENTS.toLocaleString('en-US')} events of the 15 catalog event types over 2025-01-01..2026-06-30, built with sql.js in ${(buildMs / 1000).toFixed(1)} s. Catalog (${catalog.events.size} events × ${Math.max(...[...catalog.events.values()].map(e => e.days.length))} days, properties with top-10 values): computed with GROUP BY in ${ms(computeMs)} ms, read back from \`journey_catalog_cache\` in ${ms(cachedMs)} ms (summary written in ${ms(cacheWriteMs)} ms). Journey: 15 stages, 15 distinct events, anonymous visitors, a breakdown, a campaign filter (diagnostics: ${summarizeCodes(diagnostics)}). ${RUNS} runs each.

| figure | median ms | p95 ms | target p95 | |
|---|---|---|---|---|
| full validation of the 15-stage journey | ${ms(v.p50)} | ${ms(v.p95)} | ≤ 20 ms | ${v.p95 <= 20 ? 'met' : '**missed**'} |
| completion at an event position (${items} items) | ${ms(c.p50)} | ${ms(c.p95)} | ≤ 30 ms | ${c.p95 <= 30 ? 'met' : '**missed**'} |
| hover on an event | ${ms(h.p50)} | ${ms(h.p95)} | – | |`;
    writeResultsSection('language', section);
    console.log(section);
}

main().catch(error => {
    console.error(`bench:language failed: ${(error as Error).stack ?? String(error)}`);
    process.exitCode = 1;
});
