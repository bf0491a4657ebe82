/** The on-disk columnar cache: written beside the store, reused by a new engine, ignored once the store changes. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cachePathOf } from '../../engine/stores/sqljs/columnar-persist.js';
import { createSqlJsEngine } from '../../engine/stores/sqljs/sqljs-engine.js';
import { loadSqlJs } from '../../engine/stores/sqljs/sqljs-loader.js';
import { sqlJsStoreOf } from '../reference/store-data.js';
import { counts, ev, journey, MIN, stage, store, T0 } from './store-builder.js';

const dir = mkdtempSync(path.join(tmpdir(), 'journey-persist-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const plan = journey([stage('A', ['page_viewed']), stage('B', ['form_submitted'])]);
const deals = journey([stage('A', ['page_viewed']), stage('B', ['form_submitted'])], { source: 'deals' });

async function open(file: string) {
    const SQL = await loadSqlJs();
    const db = new SQL.Database(readFileSync(file));
    return { db, engine: createSqlJsEngine(db, { storePath: file }) };
}

describe('the persisted columnar cache', () => {
    it('is written on the first run and gives the same report to a new engine without rebuilding', async () => {
        const file = path.join(dir, 'a.sqlite');
        const source = await sqlJsStoreOf(store({
            events: [ev('1', 'page_viewed', T0, 'contact:c1'), ev('2', 'form_submitted', T0 + MIN, 'contact:c1'), ev('3', 'page_viewed', T0, 'deal:d1')],
        }));
        writeFileSync(file, source.export());
        source.close();

        const first = await open(file);
        const report = await first.engine.run(plan);
        expect(counts(report)).toEqual([1, 1]);
        expect(existsSync(cachePathOf(file))).toBe(true);
        expect(counts(await first.engine.run(deals))).toEqual([1, 0]); // a second cache joins the file
        first.db.close();

        const second = await open(file);
        // Break the events table behind the engine's back: a rebuild would now fail,
        // so equal numbers prove they came from the file.
        second.db.exec('ALTER TABLE events RENAME TO events_gone; CREATE TABLE events (x)');
        const again = await second.engine.run(plan);
        expect({ ...again, elapsedMs: 0 }).toEqual({ ...report, elapsedMs: 0 });
        expect(counts(await second.engine.run(deals))).toEqual([1, 0]);
        second.db.close();
    });

    it('keeps event filters and breakdown values too', async () => {
        const file = path.join(dir, 'e.sqlite');
        const events = [];
        // More first touches than the point-lookup limit, so the breakdown scans the whole event.
        for (let i = 0; i < 20_050; i++) {
            events.push(ev(`p${i}`, 'page_viewed', T0, `contact:c${i}`, { url_path: i % 3 === 0 ? '/a' : '/b' }));
            if (i % 2 === 0) events.push(ev(`f${i}`, 'form_submitted', T0 + MIN, `contact:c${i}`, { form_id: i % 4 === 0 ? 'demo' : 'other' }));
        }
        const source = await sqlJsStoreOf(store({ events }));
        writeFileSync(file, source.export());
        source.close();
        const filtered = journey([
            stage('A', [{ event: 'page_viewed', breakdown: { property: 'url_path', top: 5 } }]),
            stage('B', [{ event: 'form_submitted', where: { kind: 'cmp', property: 'form_id', op: '=', values: [{ kind: 'string', value: 'demo' }] } }]),
        ]);
        const first = await open(file);
        const report = await first.engine.run(filtered);
        expect(counts(report)).toEqual([20_050, 5_013]);
        first.db.close();
        const second = await open(file);
        second.db.exec('ALTER TABLE events RENAME TO events_gone; CREATE TABLE events (x, event_name, properties)');
        expect({ ...(await second.engine.run(filtered)), elapsedMs: 0 }).toEqual({ ...report, elapsedMs: 0 });
        second.db.close();
    });

    it('is ignored when the store file changed, and rebuilt', async () => {
        const file = path.join(dir, 'b.sqlite');
        const source = await sqlJsStoreOf(store({ events: [ev('1', 'page_viewed', T0, 'contact:c1')] }));
        writeFileSync(file, source.export());
        const first = await open(file);
        expect(counts(await first.engine.run(plan))).toEqual([1, 0]);
        first.db.close();

        source.exec(`INSERT INTO events VALUES ('2', 'form_submitted', ${T0 + MIN}, 'contact', 'c1', NULL, '{}')`);
        writeFileSync(file, source.export());
        source.close();
        const second = await open(file);
        expect(counts(await second.engine.run(plan))).toEqual([1, 1]);
        second.db.close();
    });

    it('is neither read nor written once the database differs from its file', async () => {
        const file = path.join(dir, 'c.sqlite');
        const source = await sqlJsStoreOf(store({ events: [ev('1', 'page_viewed', T0, 'contact:c1')] }));
        writeFileSync(file, source.export());
        source.close();
        const { db, engine } = await open(file);
        db.exec(`INSERT INTO events VALUES ('2', 'form_submitted', ${T0 + MIN}, 'contact', 'c1', NULL, '{}')`);
        expect(counts(await engine.run(plan))).toEqual([1, 1]);
        expect(existsSync(cachePathOf(file))).toBe(false);
        db.close();
    });

    it('ignores a damaged cache file', async () => {
        const file = path.join(dir, 'd.sqlite');
        const source = await sqlJsStoreOf(store({ events: [ev('1', 'page_viewed', T0, 'contact:c1')] }));
        writeFileSync(file, source.export());
        source.close();
        writeFileSync(cachePathOf(file), 'JACACHE1 garbage');
        const { db, engine } = await open(file);
        expect(counts(await engine.run(plan))).toEqual([1, 0]);
        db.close();
    });
});
