/**
 * Property tests: on random small stores and journeys the sql.js engine's
 * whole report (every number), static lists and raw export equal the
 * brute-force reference. Fixed seed (override with JOURNEY_SEED); fast-check
 * prints the seed and the shrunk counterexample on failure.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSqlJsEngine } from '../../engine/stores/sqljs/sqljs-engine.js';
import { randomJourney, randomStore } from '../reference/random-store.js';
import { referenceReport, referenceStaticList, referenceUnsummarized } from '../reference/reference-matcher.js';
import { sqlJsStoreOf } from '../reference/store-data.js';

const seed = Number(process.env.JOURNEY_SEED ?? 20261203);
const numRuns = Number(process.env.JOURNEY_RUNS ?? 500);

describe('sql.js engine equals the reference on random stores and journeys', () => {
    it('reports', async () => {
        await fc.assert(fc.asyncProperty(randomStore, randomJourney, async (store, plan) => {
            const db = await sqlJsStoreOf(store);
            try {
                const engine = createSqlJsEngine(db);
                const { elapsedMs, ...report } = await engine.run(plan);
                expect(elapsedMs).toBeGreaterThanOrEqual(0);
                expect(report).toEqual(referenceReport(store, plan));
            } finally {
                db.close();
            }
        }), { seed, numRuns });
    });

    it('static lists and the unsummarized export', async () => {
        await fc.assert(fc.asyncProperty(randomStore, randomJourney, fc.nat(), fc.integer({ min: 0, max: 3 }), async (store, plan, pick, limit) => {
            const db = await sqlJsStoreOf(store);
            try {
                const engine = createSqlJsEngine(db);
                const k = pick % plan.stages.length;
                for (const mode of ['reached', 'dropped'] as const) {
                    expect(await engine.staticList(plan, k, mode, limit)).toEqual(referenceStaticList(store, plan, k, mode, limit));
                }
                expect(await engine.unsummarized(plan)).toEqual(referenceUnsummarized(store, plan));
            } finally {
                db.close();
            }
        }), { seed: seed + 1, numRuns: Math.ceil(numRuns / 3) });
    });
});
