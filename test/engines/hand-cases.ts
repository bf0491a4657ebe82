/**
 * Hand-made journeys the random property tests may not draw, shared by the
 * DuckDB and ClickHouse suites: equal timestamps (distinct events per stage,
 * ties in order whatever the event ids) and windows (inclusive at their end,
 * optional stages skipped). `counts` loads a store into the engine, checks
 * its report against the reference and returns the stage counts.
 */
import { expect, it } from 'vitest';
import type { JourneyPlan, StagePlan } from '../../engine/plan.js';
import type { EventRow, StoreData } from '../reference/store-data.js';
import { emptyStore } from '../reference/store-data.js';

export const T = Date.UTC(2025, 0, 1);

export const ev = (id: string, name: string, t: number, object = 'c1'): EventRow => ({
    event_id: id, event_name: name, occurred_at: t, object_type: 'contact', object_id: object, anonymous_id: null, properties: '{}',
});

export const stage = (name: string, event: string, optional = false): StagePlan => ({ name, optional, items: [{ event }] });

export const journey = (stages: StagePlan[], windowMs?: number): JourneyPlan => ({
    name: 'J', source: 'contacts', includeAnonymous: false, stages, ...(windowMs !== undefined ? { windowMs } : {}),
});

export function handMadeCases(counts: (store: StoreData, plan: JourneyPlan) => Promise<number[]>): void {
    it('needs distinct events for stages sharing a name at one time', async () => {
        const store = emptyStore();
        store.events.push(ev('a', 'A', T), ev('b', 'B', T));
        expect(await counts(store, journey([stage('1', 'A'), stage('2', 'B'), stage('3', 'A')]))).toEqual([1, 1, 0]);
        store.events.push(ev('a2', 'A', T), ev('z', 'C', T, 'c2'), ev('y', 'D', T, 'c2'));
        expect(await counts(store, journey([stage('1', 'A'), stage('2', 'B'), stage('3', 'A')]))).toEqual([1, 1, 1]);
        expect(await counts(store, journey([stage('1', 'C'), stage('2', 'D')]))).toEqual([1, 1]);
    });

    it('counts ties as in order, in either event_id order', async () => {
        const store = emptyStore();
        store.events.push(ev('z', 'A', T), ev('a', 'B', T));
        expect(await counts(store, journey([stage('1', 'A'), stage('2', 'B')]))).toEqual([1, 1]);
    });

    it('keeps the window inclusive at its end, and skips optional stages', async () => {
        const store = emptyStore();
        store.events.push(ev('1', 'A', T), ev('2', 'C', T + 1000), ev('3', 'A', T + 5000));
        expect(await counts(store, journey([stage('1', 'A'), stage('2', 'B', true), stage('3', 'C')], 1000))).toEqual([1, 0, 1]);
        expect(await counts(store, journey([stage('1', 'A'), stage('2', 'C')], 999))).toEqual([1, 0]);
    });
}
