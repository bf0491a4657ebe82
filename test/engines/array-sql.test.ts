/**
 * Hand-made cases for the shared array SQL, checked on DuckDB (and by the
 * property tests on ClickHouse): typed property columns, the Hall terms for
 * ties, equal timestamps with repeated event names, windows at the boundary,
 * and DuckDB imports that are all or nothing.
 */
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { JourneyPlan } from '../../engine/plan.js';
import { stagesShareEvents } from '../../engine/stores/duckdb/array-sql/match-sql.js';
import { hallTerms, stageClasses } from '../../engine/stores/duckdb/array-sql/stage-sets.js';
import { eventPropertyColumns, objectPropertyColumns, PT_BOOLEAN, PT_NULL, PT_NUMBER, PT_OTHER, PT_STRING } from '../../engine/stores/duckdb/array-sql/property-columns.js';
import { openDuckDbEngine } from '../../engine/stores/duckdb/duckdb-engine.js';
import { DuckDbImportSink } from '../../engine/stores/duckdb/duckdb-import.js';
import { openDuckDbStore, queryRows } from '../../engine/stores/duckdb/duckdb-store.js';
import { emptyStore, type StoreData } from '../reference/store-data.js';
import { randomJourney } from '../reference/random-store.js';
import { referenceReport } from '../reference/reference-matcher.js';
import { ev, handMadeCases, journey, stage, T } from './hand-cases.js';
import { loadIntoSink } from './store-rows.js';

const dir = path.join(os.tmpdir(), `journey-array-sql-${process.pid}`);
mkdirSync(dir, { recursive: true });
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;


async function counts(store: StoreData, plan: JourneyPlan): Promise<number[]> {
    const file = path.join(dir, `c${n++}.duckdb`);
    await loadIntoSink(store, new DuckDbImportSink(file));
    const engine = await openDuckDbEngine(file);
    try {
        const { elapsedMs: _, ...report } = await engine.run(plan);
        expect(report).toEqual(referenceReport(store, plan));
        return report.stages.map(s => s.count);
    } finally {
        await engine.close();
    }
}

describe('typed property columns', () => {
    it('records each value with its type, date instant and breakdown text', () => {
        const p = eventPropertyColumns(JSON.stringify({ s: '2025-03-01T05:30:00Z', n: 1.5, b: true, z: null, o: { a: 1 }, x: 'no date' }));
        expect(p.pk).toEqual(['s', 'n', 'b', 'z', 'o', 'x']);
        expect(p.pt).toEqual([PT_STRING, PT_NUMBER, PT_BOOLEAN, PT_NULL, PT_OTHER, PT_STRING]);
        expect(p.pd[0]).toBe(Date.UTC(2025, 2, 1, 5, 30));
        expect(p.pdk).toEqual([1, 0, 0, 0, 0, 0]);
        expect(p.pn.slice(1, 3)).toEqual([1.5, 1]);
        expect(p.pj).toEqual(['"2025-03-01T05:30:00Z"', '1.5', 'true', '"(unknown)"', JSON.stringify('{"a":1}'), '"no date"']);
        expect(eventPropertyColumns('not json').pk).toEqual([]);
    });

    it('makes the created_at column the object property, replacing the JSON key', () => {
        expect(objectPropertyColumns(5, '{"created_at":"x","p":1}').pn[0]).toBe(5);
        expect(objectPropertyColumns(null, '{"created_at":"x"}').pk).toEqual([]);
    });
});

describe('Hall terms', () => {
    it('need one event per stage, and two for two interchangeable stages', () => {
        const stages = [stage('a', 'A'), stage('b', 'B'), stage('a2', 'A')];
        const classes = stageClasses(stages);
        expect(hallTerms([0], classes)).toEqual([{ mask: 1n, need: 1 }]);
        expect(hallTerms([0, 1], classes)).toEqual([{ mask: 1n, need: 1 }, { mask: 2n, need: 1 }]);
        expect(hallTerms([0, 2], classes)).toEqual([{ mask: 5n, need: 2 }]);
    });
});

describe('equal timestamps and windows on DuckDB', () => {
    handMadeCases(counts);
});

describe('DuckDB import', () => {
    it('is all or nothing: a duplicate key names its row and leaves no new store behind', async () => {
        const file = path.join(dir, 'dup.duckdb');
        const store = emptyStore();
        store.events.push(ev('x', 'A', T), ev('x', 'B', T));
        await expect(loadIntoSink(store, new DuckDbImportSink(file))).rejects.toThrow(/events:2: event_id x appears twice/);
        expect(existsSync(file)).toBe(false);
        const good = emptyStore();
        good.events.push(ev('x', 'A', T));
        await loadIntoSink(good, new DuckDbImportSink(file));
        await expect(loadIntoSink(good, new DuckDbImportSink(file))).rejects.toThrow(/already in the store/);
        // Rows appended before a later failure are rolled back too.
        const late = emptyStore();
        late.events.push(ev('y', 'A', T, 'c2'));
        late.objects.push({ object_type: 'contact', object_id: 'c2', created_at: null, properties: '{}' }, { object_type: 'contact', object_id: 'c2', created_at: null, properties: '{}' });
        await expect(loadIntoSink(late, new DuckDbImportSink(file))).rejects.toThrow(/objects:2: object_type, object_id contact, c2 appears twice/);
        const engine = await openDuckDbEngine(file);
        try {
            expect((await engine.run(journey([stage('1', 'A')]))).entered).toBe(1);
        } finally {
            await engine.close();
        }
        // Imports fill a copy beside the store: none is left behind, failed or not.
        expect(readdirSync(dir).filter(f => f.startsWith('dup.duckdb'))).toEqual(['dup.duckdb']);
    });

    it('keeps property values exactly: text, unicode, numbers in shortest form, dates, nested JSON', async () => {
        const file = path.join(dir, 'props.duckdb');
        const store = emptyStore();
        const properties = { s: 'quote \' "dq" back\\slash\nline \u2028 é 🚀', n: 0.1 + 0.2, big: 2 ** 53 - 1, tiny: 5e-324, neg: -0, when: '2026-03-01T10:00:00.123Z', nested: { a: [1, 'x'] }, flag: true, none: null };
        store.events.push({ ...ev('p1', 'A', T), properties: JSON.stringify(properties) });
        store.objects.push({ object_type: 'contact', object_id: 'c1', created_at: T, properties: JSON.stringify({ plan: 'pro', seats: 1.5 }) });
        await loadIntoSink(store, new DuckDbImportSink(file));
        const opened = await openDuckDbStore(file);
        try {
            const [row] = await queryRows(opened.conn, `SELECT pk, pt, ps, pn, pd, pdk, pj FROM events WHERE event_id = 'p1'`);
            expect(row).toEqual({ ...eventPropertyColumns(JSON.stringify(properties)) });
            const [object] = await queryRows(opened.conn, `SELECT pk, pt, ps, pn, pd, pdk, pj FROM objects WHERE object_id = 'c1'`);
            expect(object).toEqual({ ...objectPropertyColumns(T, JSON.stringify({ plan: 'pro', seats: 1.5 })) });
        } finally {
            opened.close();
        }
    });
});

describe('the property tests reach both SQL matchers', () => {
    it('draws journeys for the first-touch scan and for the exact path matcher', () => {
        // match-sql.ts takes the one-scan-per-stage form for windowless journeys whose stages share no
        // event name, and the Hall-term matcher otherwise; the random journeys must exercise both.
        const plans = fc.sample(randomJourney, { seed: 20261203, numRuns: 200 });
        const fast = plans.filter(p => p.windowMs === undefined && !stagesShareEvents(p.stages)).length;
        expect(fast).toBeGreaterThan(30);
        expect(plans.length - fast).toBeGreaterThan(30);
    });
});
