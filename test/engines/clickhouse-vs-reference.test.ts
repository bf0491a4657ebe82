/**
 * Property tests on ClickHouse: the same random stores and journeys as the
 * sql.js and DuckDB engines (test/reference/), loaded through the ClickHouse
 * import sink, give the reference's report, static lists and unsummarized
 * export exactly — on current ClickHouse in-process (chDB, always) and on the
 * two-shard 18.16 cluster (when one is given), with the same seeds.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openClickHouseEngine } from '../../engine/stores/clickhouse/clickhouse-engine.js';
import { ClickHouseImportSink } from '../../engine/stores/clickhouse/clickhouse-import.js';
import { randomJourney, randomStore } from '../reference/random-store.js';
import { referenceReport, referenceStaticList, referenceUnsummarized } from '../reference/reference-matcher.js';
import type { StoreData } from '../reference/store-data.js';
import { CLICKHOUSE_TARGETS, dropDatabase, type ClickHouseTarget } from './clickhouse-target.js';
import { loadIntoSink } from './store-rows.js';

const seed = Number(process.env.JOURNEY_SEED ?? 20261203);
const numRuns = Number(process.env.JOURNEY_CLICKHOUSE_RUNS ?? 15);

describe.each(CLICKHOUSE_TARGETS.map(t => [t.name, t] as const))('%s equals the reference on random stores and journeys', (_name: string, target: ClickHouseTarget) => {
    const database = `journey_prop_${process.pid}`;
    const url = () => target.url(database);

    async function clickHouseOf(store: StoreData) {
        await dropDatabase(url());
        await loadIntoSink(store, new ClickHouseImportSink(url()));
        return openClickHouseEngine(url());
    }

    beforeAll(() => target.setUp(19200), 300_000);
    afterAll(() => target.tearDown(database), 120_000);

    it('reports', async () => {
        await fc.assert(fc.asyncProperty(randomStore, randomJourney, async (store, plan) => {
            const engine = await clickHouseOf(store);
            try {
                const { elapsedMs, ...report } = await engine.run(plan);
                expect(elapsedMs).toBeGreaterThanOrEqual(0);
                expect(report).toEqual(referenceReport(store, plan));
            } finally {
                await engine.close();
            }
        }), { seed, numRuns });
    }, 900_000);

    it('static lists and the unsummarized export', async () => {
        await fc.assert(fc.asyncProperty(randomStore, randomJourney, fc.nat(), fc.integer({ min: 0, max: 3 }), async (store, plan, pick, limit) => {
            const engine = await clickHouseOf(store);
            try {
                const k = pick % plan.stages.length;
                for (const mode of ['reached', 'dropped'] as const) {
                    expect(await engine.staticList(plan, k, mode, limit)).toEqual(referenceStaticList(store, plan, k, mode, limit));
                }
                expect(await engine.unsummarized(plan)).toEqual(referenceUnsummarized(store, plan));
            } finally {
                await engine.close();
            }
        }), { seed: seed + 1, numRuns: Math.ceil(numRuns / 3) });
    }, 900_000);
});
