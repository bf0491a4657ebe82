/**
 * Hand-computed cases for the path rules: ties at equal times, one event
 * filling two stages, distinct events inside a tie group, the best attempt
 * under a window, optional stages, medians, date ranges, object filters.
 */
import { describe, expect, it } from 'vitest';
import { referenceReport } from '../reference/reference-matcher.js';
import { counts, DAY, ev, HOUR, journey, MIN, runOn, stage, store, T0 } from './store-builder.js';

describe('ties and distinct events', () => {
    const data = store({
        events: [
            ev('e1', 'page_viewed', T0, 'contact:c1'), ev('e2', 'form_submitted', T0, 'contact:c1'),
            ev('e3', 'page_viewed', T0, 'contact:c2'),
            ev('e4', 'page_viewed', T0 + 5 * MIN, 'contact:c3'), ev('e5', 'page_viewed', T0 + 5 * MIN, 'contact:c3'),
        ],
    });
    it('events at equal times count in either order', async () => {
        for (const order of [['page_viewed', 'form_submitted'], ['form_submitted', 'page_viewed']]) {
            const report = await runOn(data, journey([stage('A', [order[0]]), stage('B', [order[1]])]));
            expect(report.completed).toBe(1);
            expect(report.stages[1].medianSecondsFromPrevious).toBe(0);
        }
    });
    it('one event never fills two stages of a path, two equal-time events do', async () => {
        const report = await runOn(data, journey([stage('A', ['page_viewed']), stage('B', ['page_viewed'])]));
        expect(counts(report)).toEqual([3, 1]); // only c3 has two page views
    });
    it('finds an assignment of a tie group that a greedy choice would miss', async () => {
        // e1 fills A and B, e2 only A: the path is e2 (A), e1 (B), e3 (C). A greedy
        // matcher giving A to e1 (the smaller event id) would strand B.
        const tie = store({ events: [ev('e1', 'a', T0, 'contact:c1'), ev('e2', 'b', T0, 'contact:c1'), ev('e3', 'c', T0, 'contact:c1')] });
        const plan = journey([stage('A', ['a', 'b']), stage('B', ['a']), stage('C', ['c'])]);
        const report = await runOn(tie, plan);
        expect(counts(report)).toEqual([1, 1, 1]);
        expect(report.stages[0].events).toEqual([{ event: 'a', count: 1 }, { event: 'b', count: 1 }]);
        // Without the second A-capable event, C cannot be reached.
        const short = store({ events: [ev('e1', 'a', T0, 'contact:c1'), ev('e3', 'c', T0, 'contact:c1')] });
        expect(counts(await runOn(short, plan))).toEqual([1, 0, 0]);
    });
});

describe('conversion window', () => {
    const data = store({ events: [ev('e1', 'a', T0, 'contact:c1'), ev('e2', 'a', T0 + 5 * DAY, 'contact:c1'), ev('e3', 'b', T0 + 6 * DAY, 'contact:c1')] });
    const plan = (windowMs: number) => journey([stage('A', ['a']), stage('B', ['b'])], { windowMs });
    it('counts the best attempt, not the first one', async () => {
        const report = await runOn(data, plan(2 * DAY));
        expect(counts(report)).toEqual([1, 1]);
        // The median runs from the first touch of A (the earliest A on any path), as semantics.md defines it.
        expect(report.stages[1].medianSecondsFromPrevious).toBe(6 * 86_400);
    });
    it('drops an object whose every attempt is too slow, and includes the boundary', async () => {
        expect(counts(await runOn(data, plan(DAY - 1)))).toEqual([1, 0]);
        expect(counts(await runOn(data, plan(DAY)))).toEqual([1, 1]);
    });
    it('measures from the path start even through skipped optional stages', async () => {
        const three = store({ events: [ev('e1', 'a', T0, 'contact:c1'), ev('e2', 'a', T0 + 2 * HOUR, 'contact:c1'), ev('e3', 'b', T0 + 3 * HOUR, 'contact:c1'), ev('e4', 'c', T0 + 4 * HOUR, 'contact:c1')] });
        const p = journey([stage('A', ['a']), stage('B', ['b'], { optional: true }), stage('C', ['c'])], { windowMs: 2 * HOUR });
        expect(counts(await runOn(three, p))).toEqual([1, 1, 1]);
        expect(await runOn(three, p)).toEqual({ ...referenceReport(three, p), elapsedMs: expect.any(Number) });
    });
});

describe('optional stages and medians', () => {
    const data = store({
        events: [
            ev('1', 'a', T0, 'contact:c1'), ev('2', 'd', T0 + 10 * MIN, 'contact:c1'),
            ev('3', 'a', T0, 'contact:c2'), ev('4', 'c', T0 + 5 * MIN, 'contact:c2'), ev('5', 'd', T0 + 20 * MIN, 'contact:c2'),
            ev('6', 'a', T0, 'contact:c3'), ev('7', 'b', T0 + MIN, 'contact:c3'), ev('8', 'd', T0 + 30 * MIN, 'contact:c3'),
            ev('9', 'a', T0, 'contact:c4'), ev('10', 'b', T0 + 2 * MIN, 'contact:c4'),
        ],
    });
    const plan = journey([stage('A', ['a']), stage('B', ['b'], { optional: true }), stage('C', ['c'], { optional: true }), stage('D', ['d'])]);
    it('counts optional stages when passed and lets paths skip them', async () => {
        const report = await runOn(data, plan);
        expect(counts(report)).toEqual([4, 2, 1, 3]);
        expect(report.stages.map(s => s.conversionFromPrevious)).toEqual([null, 0.5, 0.25, 0.75]);
        expect(report.stages.map(s => s.conversionFromFirst)).toEqual([1, 0.5, 0.25, 0.75]);
        expect(report.conversionRate).toBe(0.75);
    });
    it('takes medians from the nearest required stage: odd and even counts', async () => {
        const report = await runOn(data, plan);
        expect(report.stages.map(s => s.medianSecondsFromPrevious)).toEqual([null, 90, 300, 1200]);
    });
    it('reports null rates and medians when nobody entered', async () => {
        const report = await runOn(store({}), plan);
        expect(report).toMatchObject({ entered: 0, completed: 0, conversionRate: null });
        expect(report.stages[1]).toMatchObject({ conversionFromPrevious: null, conversionFromFirst: null, medianSecondsFromPrevious: null });
    });
});

describe('date ranges and object filters', () => {
    const data = store({
        events: [
            ev('1', 'page_viewed', T0 + 10 * HOUR, 'contact:c1'), ev('2', 'form_submitted', T0 + DAY, 'contact:c1'),
            ev('3', 'page_viewed', T0, 'contact:c2'), ev('4', 'page_viewed', T0, 'contact:c3'),
        ],
        objects: [
            { object_type: 'contact', object_id: 'c1', created_at: T0 - DAY, properties: JSON.stringify({ lifecyclestage: 'lead' }) },
            { object_type: 'contact', object_id: 'c2', created_at: T0, properties: JSON.stringify({ lifecyclestage: 'mql', created_at: 'ignored' }) },
        ],
    });
    const range = (from: string, to: string) => ({ from, to, startMs: Date.parse(from), endMs: Date.parse(to) + DAY });
    it('keeps events from the first day 00:00 to the day after the last', async () => {
        const plan = (to: string) => journey([stage('A', ['page_viewed']), stage('B', ['form_submitted'])], { dateRange: range('2025-01-01', to) });
        expect(counts(await runOn(data, plan('2025-01-01')))).toEqual([3, 0]);
        const report = await runOn(data, plan('2025-01-02'));
        expect(counts(report)).toEqual([3, 1]);
        expect(report.dateRange).toEqual({ from: '2025-01-01', to: '2025-01-02' });
    });
    it('tests the object row (created_at included); objects without a row fail', async () => {
        const where = (objectFilter: object) => journey([stage('A', ['page_viewed'])], { objectFilter: objectFilter as never });
        expect((await runOn(data, where({ kind: 'cmp', property: 'lifecyclestage', op: '=', values: [{ kind: 'string', value: 'lead' }] }))).entered).toBe(1);
        expect((await runOn(data, where({ kind: 'cmp', property: 'created_at', op: '>=', values: [{ kind: 'date', value: '2025-01-01' }] }))).entered).toBe(1);
        expect((await runOn(data, where({ kind: 'cmp', property: 'created_at', op: '<', values: [{ kind: 'date', value: '2025-01-01' }] }))).entered).toBe(1);
        expect((await runOn(data, where({ kind: 'cmp', property: 'lifecyclestage', op: 'is unknown', values: [] }))).entered).toBe(0);
    });
});
