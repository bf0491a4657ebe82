/**
 * Injection (issue 7): event names, property names and values, stage and
 * journey names holding quotes, backslashes, newlines, SQL, markup, unicode
 * and control characters are written in journey text (JSON escapes), run on
 * every engine and give exactly the reference matcher's numbers, while the
 * store's bytes (sql.js, DuckDB) or tables (ClickHouse) stay unchanged.
 * Every output format renders them without letting markup through.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EmptyFileSystem } from 'langium';
import { buildPlan } from '../../engine/plan-builder.js';
import type { JourneyPlan } from '../../engine/plan.js';
import type { Engine } from '../../engine/engine.js';
import { openEngine } from '../../engine/open-engine.js';
import { formatReports, REPORT_FORMATS } from '../../engine/format/index.js';
import { DuckDbImportSink } from '../../engine/stores/duckdb/duckdb-import.js';
import { convertRow } from '../../engine/import/convert-row.js';
import { loadJourneyText } from '../../language-server/journey-document-loader.js';
import { createJourneyServices } from '../../language-server/journey-module.js';
import { fileHash, tempDir } from '../engine/store-helpers.js';
import { loadIntoSink } from '../engines/store-rows.js';
import { CHDB_TARGET, CLICKHOUSE_TARGETS, dropDatabase, type ClickHouseTarget } from '../engines/clickhouse-target.js';
import { ClickHouseImportSink } from '../../engine/stores/clickhouse/clickhouse-import.js';
import { BASE_TABLES, openClickHouseStore } from '../../engine/stores/clickhouse/clickhouse-store.js';
import { referenceReport } from '../reference/reference-matcher.js';
import { emptyStore, sqlJsStoreOf, type StoreData } from '../reference/store-data.js';
import { writeFileSync } from 'node:fs';

const HOSTILE = [
    "'); DROP TABLE events; --",
    '"; DELETE FROM events WHERE "1"="1',
    'back\\slash\\\\',
    'new\nline\r\nand\ttab',
    '\u0000nul\u0001\u001f\u007f',
    '😀 emoji ｚ 中文 \u202Eevil',
    "it's \"quoted\" `ticked`",
    '<script>alert(1)</script></style>',
    '$.path[0] ? :name @x %s',
    '\\u0041 not an escape',
    '--',
    ' leading and trailing ',
];
/** Stores cannot hold NUL (the import refuses it: sql.js reads text as C strings, DuckDB and ClickHouse refuse it); journey text may still say it. */
const storable = (s: string) => s.replace(/\u0000/g, '');
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);
const tmp = tempDir('journey-injection-');
afterAll(() => tmp.remove());

/** Contacts c0..c23; every hostile name is an event some of them have, with hostile property names and values. */
function hostileStore(): StoreData {
    const data = emptyStore();
    const n = HOSTILE.length;
    for (let c = 0; c < 24; c++) {
        data.objects.push({ object_type: 'contact', object_id: `c${c}`, created_at: T0, properties: JSON.stringify({ [storable(HOSTILE[c % n])]: storable(HOSTILE[(c + 1) % n]) }) });
        for (let k = 0; k < 4; k++) {
            const name = storable(HOSTILE[(c + k) % n]);
            data.events.push({
                event_id: `${storable(HOSTILE[(c + k + 2) % n])}#${c}-${k}`,
                event_name: name,
                occurred_at: T0 + (c % 5) * DAY + k * 3600_000,
                object_type: 'contact',
                object_id: `c${c}`,
                anonymous_id: null,
                properties: JSON.stringify({ [storable(HOSTILE[(c + k + 1) % n])]: storable(HOSTILE[(c + 2 * k) % n]), kind: storable(HOSTILE[k % n]) }),
            });
        }
    }
    for (const name of HOSTILE.map(storable)) data.event_types.push({ event_name: name, category: 'web_pages', object_type: 'contact', supports_anonymous: 0, description: name });
    return data;
}

const q = (s: string) => JSON.stringify(s);

/** Journey i: every name in it (journey, stages, events, properties, values) is a hostile string. */
function hostileJourney(i: number): string {
    const h = (k: number) => storable(HOSTILE[(i + k) % HOSTILE.length]);
        return `journey ${q(h(0))} {
    dates all
    stage ${q(h(1))} {
        event ${q(h(0))} where ${q(h(1))} = ${q(h(0))} or kind in (${q(h(0))}, ${q(h(2))}) breakdown by ${q(h(1))}
        event ${q(h(3))} where ${q(h(4))} starts with ${q(h(3).slice(0, 3))}
    }
    optional stage ${q(h(2))} {
        event ${q(h(1))} where ${q(h(2))} contains ${q(h(1).slice(1, 4))} or ${q(h(2))} is known
    }
    stage ${q(h(3))} {
        event ${q(h(2))} where ${q(h(5))} != ${q(h(6))}
        paths before depth 2 among ${q(h(0))}, ${q(h(1))}, ${q(h(4))}
    }
    stage ${q(h(4))} {
        top events 3
    }
}
`;
}

const services = createJourneyServices(EmptyFileSystem).Journey;
async function hostilePlans(): Promise<JourneyPlan[]> {
    const plans: JourneyPlan[] = [];
    for (let i = 0; i < HOSTILE.length; i++) {
        const loaded = await loadJourneyText(services, hostileJourney(i));
        expect(loaded.diagnostics.filter(d => d.severity === 1).map(d => d.message), `journey ${i}`).toEqual([]);
        const plan = buildPlan(loaded.file.journeys[0], { today: '2026-06-30' });
        // The names reach the plan exactly, escapes decoded.
        expect(plan.name).toBe(storable(HOSTILE[i]));
        expect(plan.stages[0].name).toBe(storable(HOSTILE[(i + 1) % HOSTILE.length]));
        plans.push(plan);
    }
    return plans;
}

let data: StoreData;
let plans: JourneyPlan[];
beforeAll(async () => {
    data = hostileStore();
    plans = await hostilePlans();
});

async function expectReferenceNumbers(engine: Engine, some = plans): Promise<void> {
    let nonZero = 0;
    for (const plan of some) {
        const { elapsedMs, ...report } = await engine.run(plan);
        expect(elapsedMs).toBeGreaterThanOrEqual(0);
        expect(report, `journey ${JSON.stringify(plan.name)}`).toEqual(referenceReport(data, plan));
        if (report.entered > 0) nonZero++;
    }
    // The hostile names must really match events, or equal numbers would prove nothing.
    expect(nonZero).toBeGreaterThanOrEqual(some.length - 1);
}

describe('hostile names give the reference numbers and leave the store unchanged', () => {
    test('sql.js', async () => {
        const file = tmp.file('hostile.sqlite');
        const db = await sqlJsStoreOf(data);
        writeFileSync(file, db.export());
        db.close();
        const before = fileHash(file);
        const engine = await openEngine(file, 'sqljs');
        try {
            await expectReferenceNumbers(engine);
        } finally {
            await engine.close();
        }
        expect(fileHash(file)).toBe(before);
    }, 120_000);

    test('DuckDB', async () => {
        const file = tmp.file('hostile.duckdb');
        await loadIntoSink(data, new DuckDbImportSink(file));
        const before = fileHash(file);
        const engine = await openEngine(file, 'duckdb');
        try {
            await expectReferenceNumbers(engine);
        } finally {
            await engine.close();
        }
        expect(fileHash(file)).toBe(before);
    }, 120_000);

    test.each(CLICKHOUSE_TARGETS.map(t => [t.name, t] as const))('ClickHouse on %s', async (_name: string, target: ClickHouseTarget) => {
        // In CI (no address given) the cluster target starts its own two-shard cluster, on ports no other file uses.
        target.setUp(19600);
        const database = `journey_injection_${process.pid}`;
        const url = target.url(database);
        await dropDatabase(url);
        try {
            await loadIntoSink(data, new ClickHouseImportSink(url));
            const before = await clickHouseTables(url);
            expect(before.events).toHaveLength(data.events.length);
            const engine = await openEngine(url, 'clickhouse');
            try {
                // Each run on the 18.16 cluster takes seconds (query analysis on every shard): two journeys cover
                // 8 of the 12 hostile strings in every role there; chDB, like sql.js and DuckDB, runs all twelve.
                await expectReferenceNumbers(engine, target === CHDB_TARGET ? plans : [plans[0], plans[4]]);
            } finally {
                await engine.close();
            }
            // Every table (events, attributed, ...) holds exactly what it held before the runs.
            expect(await clickHouseTables(url)).toEqual(before);
        } finally {
            await target.tearDown(database);
        }
    }, 420_000);
});

/** Every row of every ClickHouse store table, sorted (Distributed tables answer in any order). */
async function clickHouseTables(url: string): Promise<Record<string, string[]>> {
    const store = openClickHouseStore(url);
    const out: Record<string, string[]> = {};
    for (const table of [...BASE_TABLES, 'attributed']) {
        out[table] = (await store.client.query(`SELECT * FROM ${store.table(table)}`)).map(r => JSON.stringify(r)).sort();
    }
    return out;
}

describe('text the store cannot hold', () => {
    test('a journey string with NUL is a bad-string error, so no engine is asked to query it', async () => {
        const loaded = await loadJourneyText(services, 'journey "j" {\n    stage "A" { event "a\\u0000b" where p = "\\u0000" }\n}\n');
        expect(loaded.diagnostics.map(d => [d.code, d.range.start.line, d.message])).toEqual([
            ['bad-string', 1, '"a\\u0000b" contains the NUL character (\\u0000), which no store can hold; leave it out.'],
            ['bad-string', 1, '"\\u0000" contains the NUL character (\\u0000), which no store can hold; leave it out.'],
        ]);
    });

    test('the import refuses a NUL character in a name or id with the column and reason', () => {
        const row = { event_id: 'e1', event_name: 'page\u0000viewed', occurred_at: 1, object_type: 'contact', object_id: 'c1' };
        expect(() => convertRow('events', row)).toThrow(/event_name contains a NUL character/);
        expect(() => convertRow('events', { ...row, event_name: 'ok', object_id: 'c\u0000' })).toThrow(/object_id contains a NUL character/);
        // Properties too: DuckDB and ClickHouse keep them as text; a backslash-u text is no NUL and is kept.
        expect(() => convertRow('events', { ...row, event_name: 'ok', properties: { 'k\u0000': 'v' } })).toThrow(/property "k\\u0000" contains a NUL/);
        expect(() => convertRow('events', { ...row, event_name: 'ok', properties: '{"k": "v\\u0000"}' })).toThrow(/property "k" contains a NUL/);
        expect(JSON.parse(String(convertRow('events', { ...row, event_name: 'ok', properties: { k: '\\u0000' } })[6]))).toEqual({ k: '\\u0000' });
    });
});

describe('hostile names in every output format', () => {
    test('each format renders them; markup never gets through into HTML or SVG', async () => {
        const file = tmp.file('formats.sqlite');
        const db = await sqlJsStoreOf(data);
        writeFileSync(file, db.export());
        db.close();
        const engine = await openEngine(file, 'sqljs');
        try {
            const reports = await Promise.all(plans.slice(0, 4).map(p => engine.run(p)));
            for (const format of REPORT_FORMATS) {
                const text = await formatReports(reports, format, false);
                expect(text.length, format).toBeGreaterThan(0);
                if (format === 'html' || format === 'svg') {
                    // The report has no script of its own, so any <script> would be the hostile name's markup.
                    expect(text, format).not.toMatch(/<script/i);
                    expect(text, format).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
                }
                if (format === 'json') expect(JSON.parse(text).map((r: { journey: string }) => r.journey)).toEqual(plans.slice(0, 4).map(p => p.name));
            }
        } finally {
            await engine.close();
        }
    }, 120_000);
});
