/**
 * Property tests: on the engine engineer's random stores and journeys
 * (test/reference/random-store.ts), the DuckDB engine's whole report, static
 * lists and unsummarized export equal the brute-force reference — which the
 * sql.js engine is held to as well, so all engines give identical JSON.
 */
import fc from 'fast-check';
import { mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDuckDbEngine } from '../../engine/stores/duckdb/duckdb-engine.js';
import { DuckDbImportSink } from '../../engine/stores/duckdb/duckdb-import.js';
import { randomJourney, randomStore } from '../reference/random-store.js';
import { referenceReport, referenceStaticList, referenceUnsummarized } from '../reference/reference-matcher.js';
import type { StoreData } from '../reference/store-data.js';
import { loadIntoSink } from './store-rows.js';

const seed = Number(process.env.JOURNEY_SEED ?? 20261203);
const numRuns = Number(process.env.JOURNEY_ENGINE_RUNS ?? 100);
const dir = path.join(os.tmpdir(), `journey-duckdb-${process.pid}`);
let counter = 0;
mkdirSync(dir, { recursive: true });

async function duckDbOf(store: StoreData) {
    const file = path.join(dir, `s${counter++}.duckdb`);
    await loadIntoSink(store, new DuckDbImportSink(file));
    // Every other store is matched in passes over partitions of about 4 rows (as a big store is, by 2M).
    const engine = await openDuckDbEngine(file, counter % 2 ? { partitionRows: 4 } : {});
    return { engine, dispose: async () => { await engine.close(); rmSync(file, { force: true }); rmSync(`${file}.wal`, { force: true }); } };
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('DuckDB engine equals the reference on random stores and journeys', () => {
    it('reports', async () => {
        await fc.assert(fc.asyncProperty(randomStore, randomJourney, async (store, plan) => {
            const { engine, dispose } = await duckDbOf(store);
            try {
                const { elapsedMs, ...report } = await engine.run(plan);
                expect(elapsedMs).toBeGreaterThanOrEqual(0);
                expect(report).toEqual(referenceReport(store, plan));
            } finally {
                await dispose();
            }
        }), { seed, numRuns });
    }, 600_000);

    it('static lists and the unsummarized export', async () => {
        await fc.assert(fc.asyncProperty(randomStore, randomJourney, fc.nat(), fc.integer({ min: 0, max: 3 }), async (store, plan, pick, limit) => {
            const { engine, dispose } = await duckDbOf(store);
            try {
                const k = pick % plan.stages.length;
                for (const mode of ['reached', 'dropped'] as const) {
                    expect(await engine.staticList(plan, k, mode, limit)).toEqual(referenceStaticList(store, plan, k, mode, limit));
                }
                expect(await engine.unsummarized(plan)).toEqual(referenceUnsummarized(store, plan));
            } finally {
                await dispose();
            }
        }), { seed: seed + 1, numRuns: Math.ceil(numRuns / 3) });
    }, 600_000);
});
