/**
 * Hand-computed cases for breakdowns, top events, Pathfinder, attribution
 * (anonymous visitors, identities, associations), static lists, the raw
 * export, and the engine's cache, progress and cancellation.
 */
import { describe, expect, it } from 'vitest';
import { createSqlJsEngine } from '../../engine/stores/sqljs/sqljs-engine.js';
import { sqlJsStoreOf, writeStore } from '../reference/store-data.js';
import { counts, ev, journey, MIN, runOn, stage, store, T0 } from './store-builder.js';

describe('breakdown', () => {
    const pv = (id: string, c: string, props: object, at = T0) => ev(id, 'page_viewed', at, `contact:${c}`, props);
    const data = store({
        events: [
            pv('p1', 'c1', { url_path: '/pricing' }), ev('f1', 'form_submitted', T0 + MIN, 'contact:c1', { form_id: 'demo' }),
            pv('p2', 'c2', { url_path: '/pricing' }),
            pv('p3', 'c3', { url_path: '/blog' }), ev('f3', 'form_submitted', T0 + MIN, 'contact:c3', { form_id: 'demo' }),
            pv('p4', 'c4', {}),
            pv('p5', 'c5', { url_path: null }), ev('f5', 'form_submitted', T0 + MIN, 'contact:c5', { form_id: 7 }),
            pv('p6', 'c6', { url_path: 1 }),
            pv('p7', 'c7', { url_path: '/blog' }),
            pv('p8a', 'c8', { url_path: '/blog' }), pv('p8b', 'c8', { url_path: '/pricing' }, T0 + MIN),
            // Equal times: the first touch is the smaller event id.
            pv('p9b', 'c9', { url_path: '/pricing' }), pv('p9a', 'c9', { url_path: '/features' }),
        ],
    });
    it('rows by count then JSON text, the rest in other, continued to the next stage', async () => {
        const plan = journey([
            stage('Visited', [{ event: 'page_viewed', breakdown: { property: 'url_path', top: 2 } }]),
            stage('Form', ['form_submitted']),
        ]);
        const report = await runOn(data, plan);
        expect(counts(report)).toEqual([9, 3]);
        expect(report.stages[0].breakdown).toEqual({
            event: 'page_viewed', property: 'url_path',
            rows: [{ value: '/blog', count: 3, continued: 1 }, { value: '(unknown)', count: 2, continued: 1 }],
            other: { count: 4, continued: 1 },
        });
    });
    it('has no continued on the last stage and keeps value types apart', async () => {
        const plan = journey([stage('Visited', ['page_viewed']), stage('Form', [{ event: 'form_submitted', breakdown: { property: 'form_id', top: 10 } }])]);
        expect((await runOn(data, plan)).stages[1].breakdown).toEqual({
            event: 'form_submitted', property: 'form_id',
            rows: [{ value: 'demo', count: 2 }, { value: 7, count: 1 }], other: { count: 0 },
        });
    });
});

describe('top events', () => {
    const data = store({
        events: [
            ev('1', 'page_viewed', T0, 'contact:c1'), ev('2', 'email_opened', T0 + MIN, 'contact:c1'), ev('3', 'cta_clicked', T0 + 2 * MIN, 'contact:c1'),
            ev('4', 'form_submitted', T0 + 3 * MIN, 'contact:c1'), ev('5', 'email_opened', T0 + 4 * MIN, 'contact:c1'),
            ev('6', 'page_viewed', T0, 'contact:c2'), ev('7', 'email_opened', T0 + 5 * MIN, 'contact:c2'),
            ev('8', 'cta_clicked', T0 - MIN, 'contact:c3'), ev('9', 'page_viewed', T0, 'contact:c3'), ev('10', 'page_viewed', T0 + 2 * MIN, 'contact:c3'),
            ev('11', 'page_viewed', T0, 'contact:c4'), ev('12', 'email_opened', T0, 'contact:c4'),
        ],
    });
    it('ranks names between the previous first touch and the next stage, then counts the stage with them', async () => {
        const plan = journey([stage('Visited', ['page_viewed']), stage('Engaged', [], { topEvents: { count: 2 } }), stage('Form', ['form_submitted'])]);
        const report = await runOn(data, plan);
        // email_opened: c1, c2, c4; then cta_clicked, form_submitted, page_viewed tie at 1 (by name).
        expect(report.stages[1].topEvents).toEqual([{ event: 'email_opened', count: 3 }, { event: 'cta_clicked', count: 1 }]);
        expect(report.stages[1].events).toEqual([{ event: 'email_opened', count: 3 }, { event: 'cta_clicked', count: 1 }]);
        expect(counts(report)).toEqual([4, 3, 1]);
    });
    it('limits candidates with among, and a stage with no qualifying name counts no one', async () => {
        const among = journey([stage('Visited', ['page_viewed']), stage('Engaged', [], { topEvents: { count: 5, among: ['page_viewed', 'cta_clicked', 'nope'] } }), stage('Form', ['form_submitted'])]);
        expect((await runOn(data, among)).stages[1].topEvents).toEqual([{ event: 'cta_clicked', count: 1 }, { event: 'page_viewed', count: 1 }]);
        const none = journey([stage('Visited', ['page_viewed']), stage('Engaged', [], { topEvents: { count: 5, among: ['nope'] } }), stage('Form', ['form_submitted'])]);
        const report = await runOn(data, none);
        expect(report.stages[1]).toMatchObject({ count: 0, events: [], topEvents: [] });
        expect(report.completed).toBe(0);
    });
});

describe('Pathfinder', () => {
    const c = (id: string, name: string, minute: number, contact: string) => ev(id, name, T0 + minute * MIN, `contact:${contact}`);
    const data = store({
        events: [
            c('01', 'page_viewed', 0, 'c1'), c('02', 'page_viewed', 1, 'c1'), c('03', 'email_opened', 2, 'c1'), c('04', 'page_viewed', 3, 'c1'),
            c('05', 'form_submitted', 4, 'c1'), c('06', 'cta_clicked', 5, 'c1'), c('07', 'page_viewed', 6, 'c1'), c('08', 'page_viewed', 7, 'c1'), c('09', 'email_opened', 8, 'c1'),
            c('10', 'email_opened', 0, 'c2'), c('11', 'page_viewed', 1, 'c2'), c('12', 'form_submitted', 2, 'c2'), c('13', 'email_opened', 3, 'c2'),
            c('14', 'form_submitted', 0, 'c3'), c('15', 'page_viewed', 1, 'c3'),
            c('16', 'page_viewed', 0, 'c4'), c('17', 'form_submitted', 1, 'c4'),
        ],
    });
    it('before: collapsed runs, the last K, rows by count', async () => {
        const plan = journey([stage('Form', ['form_submitted'], { paths: { direction: 'before', depth: 2, top: 5 } })]);
        expect((await runOn(data, plan)).stages[0].paths).toEqual({
            direction: 'before', depth: 2,
            rows: [{ events: ['email_opened', 'page_viewed'], count: 2 }, { events: ['page_viewed'], count: 1 }],
        });
    });
    it('after with among: the first K, ties by the joined sequence', async () => {
        const plan = journey([stage('Form', ['form_submitted'], { paths: { direction: 'after', depth: 2, top: 2, among: ['page_viewed', 'email_opened'] } })]);
        expect((await runOn(data, plan)).stages[0].paths).toEqual({
            direction: 'after', depth: 2,
            rows: [{ events: ['email_opened'], count: 1 }, { events: ['page_viewed'], count: 1 }],
        });
    });
});

describe('attribution', () => {
    const data = store({
        events: [
            ev('1', 'page_viewed', T0, 'anon:v1'), ev('2', 'form_submitted', T0 + MIN, 'anon:v1'),
            ev('3', 'page_viewed', T0, 'anon:v2'), ev('4', 'form_submitted', T0 + MIN, 'contact:c9'),
            ev('5', 'deal_created', T0 + 2 * MIN, 'deal:d1'), ev('6', 'ticket_created', T0 + 3 * MIN, 'ticket:t1'),
        ],
        identities: [{ anonymous_id: 'v2', contact_id: 'c9' }],
        associations: [
            { object_type: 'deal', object_id: 'd1', related_type: 'contact', related_id: 'c9' },
            { object_type: 'contact', object_id: 'c9', related_type: 'ticket', related_id: 't1' },
        ],
        event_types: [
            { event_name: 'page_viewed', category: 'web_pages', object_type: 'contact', supports_anonymous: 1, description: null },
            { event_name: 'form_submitted', category: 'forms', object_type: 'contact', supports_anonymous: 0, description: null },
        ],
    });
    const funnel = [stage('Visited', ['page_viewed']), stage('Form', ['form_submitted'])];
    it('counts anonymous visitors only when asked, and only for events that support them', async () => {
        expect(counts(await runOn(data, journey(funnel, { includeAnonymous: true })))).toEqual([2, 1]);
        expect(counts(await runOn(data, journey(funnel)))).toEqual([1, 1]);
    });
    it('follows identities and associations in both directions', async () => {
        const deals = journey([...funnel, stage('Deal', ['deal_created'])], { source: 'deals' });
        expect(counts(await runOn(data, deals))).toEqual([1, 1, 1]);
        const tickets = journey([...funnel, stage('Ticket', ['ticket_created'])], { source: 'tickets' });
        expect(counts(await runOn(data, tickets))).toEqual([1, 1, 1]);
        const contacts = journey([...funnel, stage('Deal', ['deal_created'])]);
        expect(counts(await runOn(data, contacts))).toEqual([1, 1, 1]);
    });
    it('lists and exports objects by id, anonymous ones included', async () => {
        const db = await sqlJsStoreOf(data);
        const engine = createSqlJsEngine(db);
        const plan = journey(funnel, { includeAnonymous: true });
        expect(await engine.staticList(plan, 0, 'reached')).toEqual({ stage: 'Visited', mode: 'reached', objects: ['anonymous:v1', 'c9'], cut: 0 });
        expect(await engine.staticList(plan, 0, 'reached', 1)).toEqual({ stage: 'Visited', mode: 'reached', objects: ['anonymous:v1'], cut: 1 });
        expect(await engine.staticList(plan, 0, 'dropped')).toEqual({ stage: 'Visited', mode: 'dropped', objects: ['anonymous:v1'], cut: 0 });
        expect(await engine.staticList(plan, 1, 'dropped')).toEqual({ stage: 'Form', mode: 'dropped', objects: [], cut: 0 });
        expect(await engine.unsummarized(plan)).toEqual([
            { object: 'anonymous:v1', firstTouch: [T0, null] },
            { object: 'c9', firstTouch: [T0, T0 + MIN] },
        ]);
        await expect(engine.staticList(plan, 2, 'reached')).rejects.toThrow(/no stage number 3/);
        db.close();
    });
});

describe('the sql.js engine', () => {
    const data = store({ events: [ev('1', 'page_viewed', T0, 'contact:c1'), ev('2', 'form_submitted', T0 + MIN, 'contact:c1')] });
    const plan = journey([stage('A', ['page_viewed']), stage('B', ['form_submitted'])]);
    it('sees changes to the store on the next run', async () => {
        const db = await sqlJsStoreOf(data);
        const engine = createSqlJsEngine(db);
        expect(counts(await engine.run(plan))).toEqual([1, 1]);
        writeStore(db, store({ events: [ev('3', 'page_viewed', T0, 'contact:c2'), ev('4', 'form_submitted', T0 + MIN, 'contact:c2')] }));
        expect(counts(await engine.run(plan))).toEqual([2, 2]);
        db.exec("DELETE FROM events WHERE event_id = '4'");
        expect(counts(await engine.run(plan))).toEqual([2, 1]);
        db.export(); // resets sql.js's change counter
        db.exec("INSERT INTO events VALUES ('5', 'form_submitted', 0, 'contact', 'c1', NULL, '{}')");
        expect(counts(await engine.run(plan))).toEqual([2, 1]);
        db.exec("INSERT INTO identities VALUES ('v1', 'c2')");
        db.exec(`INSERT INTO events VALUES ('6', 'form_submitted', ${T0 + MIN}, NULL, NULL, 'v1', '{}')`);
        expect(counts(await engine.run(plan))).toEqual([2, 2]);
        db.close();
    });
    it('reports progress up to 1 and stops when aborted', async () => {
        const db = await sqlJsStoreOf(data);
        const engine = createSqlJsEngine(db);
        const fractions: number[] = [];
        await engine.run(plan, { onProgress: f => fractions.push(f) });
        expect(fractions.at(-1)).toBe(1);
        expect(fractions.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= fractions[i - 1]))).toBe(true);
        const controller = new AbortController();
        controller.abort();
        await expect(engine.run(plan, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
        // A cancelled run leaves the engine usable.
        expect(counts(await engine.run(plan))).toEqual([1, 1]);
        db.close();
    });
    it('stops a long load midway when aborted from a progress report', async () => {
        const db = await sqlJsStoreOf(store({}));
        db.exec(`WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 449999)
            INSERT INTO events SELECT printf('e%07d', i), CASE i % 2 WHEN 0 THEN 'page_viewed' ELSE 'form_submitted' END,
            ${T0} + i, 'contact', 'c' || (i % 999), NULL, '{}' FROM n`);
        const engine = createSqlJsEngine(db);
        const controller = new AbortController();
        const seen: number[] = [];
        const run = engine.run(plan, { signal: controller.signal, onProgress: f => { seen.push(f); controller.abort(); } });
        await expect(run).rejects.toMatchObject({ name: 'AbortError' });
        expect(seen.length).toBeGreaterThan(0);
        expect(seen.every(f => f < 0.75)).toBe(true); // stopped while still loading
        expect(counts(await engine.run(plan))).toEqual([999, 999]);
        db.close();
    });
});
