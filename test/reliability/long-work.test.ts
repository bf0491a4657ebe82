/**
 * Long work (issue 7): runs and exports stop within a second of being
 * cancelled, write nothing half-done and leave the engine usable; a store past
 * the sql.js memory budget is refused before any cache is built, naming
 * `--engine duckdb`. (Ctrl-C on a CLI import: cli-processes.test.ts.)
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { memoryIO } from '../../cli/cli-io.js';
import { exportCommand } from '../../cli/commands/export.js';
import { runCommand } from '../../cli/commands/run.js';
import { openEngine } from '../../engine/open-engine.js';
import { loadSqlJs } from '../../engine/stores/sqljs/sqljs-loader.js';
import { STORE_SCHEMA_SQL } from '../../engine/stores/sqljs/schema.js';
import { countEventsForBudget, SQLJS_EVENT_BUDGET, sqlJsBudgetMessage } from '../../engine/stores/sqljs/memory-budget.js';
import { fileHash, tempDir } from '../engine/store-helpers.js';
import { planOf } from './fault-stores.js';

const tmp = tempDir('journey-long-');
const STORE = tmp.file('big.sqlite');
const EVENTS = 400_000;
const JOURNEY = `journey "Long" {
    dates all
    stage "Viewed" {
        event page_viewed breakdown by url_path
    }
    stage "Submitted" {
        event form_submitted
    }
    stage "Again" {
        event page_viewed
        paths before depth 3
    }
}
`;

beforeAll(async () => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    db.exec(STORE_SCHEMA_SQL);
    // 400k events over 20k contacts: big enough that loading and matching take well over a second here.
    db.exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${EVENTS})
        INSERT INTO events (event_id, event_name, occurred_at, object_type, object_id, properties)
        SELECT printf('e%07d', i), CASE WHEN i % 3 = 0 THEN 'form_submitted' ELSE 'page_viewed' END,
               1767225600000 + i * 1000, 'contact', 'c' || (i % 20000), '{"url_path":"/p' || (i % 7) || '"}' FROM n`);
    writeFileSync(STORE, db.export());
    db.close();
    writeFileSync(tmp.file('long.journey'), JOURNEY);
}, 120_000);
afterAll(() => tmp.remove());

/** What the CLI turns into `journey: cancelled.` and exit 130 (cli/main.ts checks the signal; commands may say so themselves). */
function isCancellation(error: unknown): boolean {
    return (error as Error)?.name === 'AbortError' || (error as { exitCode?: number })?.exitCode === 130;
}

/** CLI io whose Ctrl-C comes with the first progress bar drawn: the cancel lands mid-run, however fast the machine. */
function abortOnFirstProgress() {
    const controller = new AbortController();
    const io = { ...memoryIO(tmp.dir), signal: controller.signal, isTTY: true };
    io.stderr = () => { if (!controller.signal.aborted) controller.abort(); };
    return io;
}

describe('cancelling a run', () => {
    test('engine.run stops within a second at any point, and the next run gives the full numbers', async () => {
        const plan = await planOf(JOURNEY);
        // Cancelled when progress first passes a point: while loading, and while matching (past 0.75).
        for (const at of [0, 0.8]) {
            const engine = await openEngine(STORE, 'sqljs');
            try {
                const controller = new AbortController();
                let abortedAt = 0;
                const onProgress = (fraction: number) => {
                    if (fraction >= at && !abortedAt) { abortedAt = performance.now(); controller.abort(); }
                };
                const error = await engine.run(plan, { signal: controller.signal, onProgress }).then(() => undefined, (e: unknown) => e);
                if (abortedAt) {
                    expect((error as Error)?.name, `cancelled at progress ${at}`).toBe('AbortError');
                    expect(performance.now() - abortedAt).toBeLessThan(1000);
                }
                if (at === 0) expect(abortedAt).toBeGreaterThan(0);
                const { elapsedMs: _a, ...again } = await engine.run(plan);
                const fresh = await openEngine(STORE, 'sqljs');
                try {
                    const { elapsedMs: _b, ...reference } = await fresh.run(plan);
                    expect(again).toEqual(reference);
                    expect(reference.entered).toBe(20_000);
                } finally {
                    await fresh.close();
                }
            } finally {
                await engine.close();
            }
        }
    }, 300_000);

    test('journey run --out: cancelled, it writes no report file and exits 130', async () => {
        const io = abortOnFirstProgress();
        const error = await runCommand.run(['long.journey', '--db', 'big.sqlite', '--out', 'report.html'], io).then(() => undefined, (e: unknown) => e);
        expect(isCancellation(error), String(error)).toBe(true);
        expect(existsSync(tmp.file('report.html'))).toBe(false);
        expect(readdirSync(tmp.dir).filter(f => f.includes('report'))).toEqual([]);
    }, 120_000);

    test('journey export --unsummarized: cancelled, it writes no CSV', async () => {
        const before = fileHash(STORE);
        const io = abortOnFirstProgress();
        const started = performance.now();
        const error = await exportCommand.run(['long.journey', '--db', 'big.sqlite', '--unsummarized', 'rows.csv'], io).then(() => undefined, (e: unknown) => e);
        expect(isCancellation(error), String(error)).toBe(true);
        expect(performance.now() - started).toBeLessThan(200 + 1000 + 2000); // the open itself is not cancellable
        expect(existsSync(tmp.file('rows.csv'))).toBe(false);
        expect(readdirSync(tmp.dir).filter(f => f.includes('rows'))).toEqual([]);
        expect(fileHash(STORE)).toBe(before);
    }, 120_000);
});

describe('the sql.js memory budget', () => {
    test('the budget is a real ceiling well above the benchmark stores', () => {
        expect(SQLJS_EVENT_BUDGET).toBeGreaterThanOrEqual(20_000_000);
        expect(sqlJsBudgetMessage('s.sqlite', SQLJS_EVENT_BUDGET)).toBeUndefined();
        expect(sqlJsBudgetMessage('data/s.sqlite', SQLJS_EVENT_BUDGET + 1)).toBe(
            `the store data/s.sqlite holds ${(SQLJS_EVENT_BUDGET + 1).toLocaleString('en-US')} events, more than the sql.js engine can hold in memory `
            + `(${SQLJS_EVENT_BUDGET.toLocaleString('en-US')}); copy it into DuckDB (journey import --db data/s.duckdb --store data/s.sqlite) and run with --engine duckdb`);
    });

    test('a store over the budget is refused when opened, before any cache is built; under it, it runs', async () => {
        await expect(openEngine(STORE, 'sqljs', { sqljsEventBudget: EVENTS - 1 })).rejects.toMatchObject({
            name: 'StoreError', message: expect.stringMatching(/holds 400,000 events, more than the sql\.js engine can hold.*--engine duckdb$/),
        });
        const engine = await openEngine(STORE, 'sqljs', { sqljsEventBudget: EVENTS });
        await engine.close();
    }, 60_000);

    test('the count is exact even when rowids are sparse (max(rowid) only rules stores in)', async () => {
        const SQL = await loadSqlJs();
        const db = new SQL.Database();
        db.exec(STORE_SCHEMA_SQL);
        db.exec("INSERT INTO events (rowid, event_id, event_name, occurred_at) VALUES (1, 'a', 'x', 1), (1000000000, 'b', 'x', 2)");
        expect(countEventsForBudget(db, 10)).toBe(2);
        expect(countEventsForBudget(db, 1)).toBe(2);
        db.close();
    });
});
