/**
 * `journey export` on the hand-made store (lists and the unsummarized table
 * checked against run-fixture.ts by hand), and `journey demo` in a fresh folder.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { demoCommand } from '../../cli/commands/demo.js';
import { exportCommand, exportStaticList } from '../../cli/commands/export.js';
import { staticListCsv } from '../../engine/format/export-csv.js';
import type { Engine } from '../../engine/engine.js';
import type { JourneyPlan } from '../../engine/plan.js';
import { STATIC_LIST_LIMIT } from '../../engine/report.js';
import { memoryIO, UserError } from '../../cli/cli-io.js';
import { T0, tinyWorkspace } from './run-fixture.js';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
let ws: Awaited<ReturnType<typeof tinyWorkspace>>;
beforeAll(async () => { ws = await tinyWorkspace(); });
const madeDirs: string[] = [];
afterAll(() => { for (const dir of [ws.dir, ...madeDirs]) rmSync(dir, { recursive: true, force: true }); });
function tempDir(prefix: string): string {
    const dir = mkdtempSync(path.join(tmpdir(), prefix));
    madeDirs.push(dir);
    return dir;
}

async function exportRun(args: string[]) {
    const io = ws.io();
    const code = await exportCommand.run(['funnel.journey', '--db', 'tiny.sqlite', '--journey', 'Pages to meetings', ...args], io);
    return { code, out: io.out };
}
const read = (file: string) => readFileSync(path.join(ws.dir, file), 'utf8');

describe('journey export', () => {
    test('--reached lists the objects counted at the stage, by id', async () => {
        const { code, out } = await exportRun(['--stage', 'Submitted a form', '--reached', '--list', 'reached.csv']);
        expect(code).toBe(0);
        expect(out).toBe('Wrote 2 objects that reached "Submitted a form" to reached.csv\n');
        expect(read('reached.csv')).toBe('object_id\r\nc1\r\nc2\r\n');
    });

    test('--dropped lists those not counted at the next required stage', async () => {
        await exportRun(['--stage', 'Submitted a form', '--dropped', '--list', 'dropped.csv']);
        expect(read('dropped.csv')).toBe('object_id\r\nc2\r\n');
        await exportRun(['--stage', 'Viewed a page', '--dropped', '--list', 'dropped1.csv']);
        expect(read('dropped1.csv')).toBe('object_id\r\nc3\r\n');
    });

    test('--unsummarized: one row per object at stage 1 with ISO first-touch times', async () => {
        const { out } = await exportRun(['--unsummarized', 'raw.csv']);
        expect(out).toBe('Wrote 3 objects with their first-touch time per stage to raw.csv\n');
        const [header, ...rows] = read('raw.csv').trimEnd().split('\r\n');
        expect(header).toBe('object_id,Viewed a page,Submitted a form,Booked a meeting');
        expect(rows.sort()).toEqual([
            `c1,${iso(T0)},${iso(T0 + DAY)},${iso(T0 + 4 * DAY)}`,
            `c2,${iso(T0)},${iso(T0 + 19 * DAY)},`,
            `c3,${iso(T0 + 2 * DAY)},,`,
        ]);
        expect(readdirSync(ws.dir).filter(f => f.endsWith('.tmp'))).toEqual([]);
    });

    test('list CSV quotes ids that need it', () => {
        expect(staticListCsv(['a,b', 'say "x"'])).toBe('object_id\r\n"a,b"\r\n"say ""x"""\r\n');
    });

    test('a list cut at the limit says how many were left out', async () => {
        const objects = Array.from({ length: STATIC_LIST_LIMIT }, (_, i) => `c${String(i).padStart(6, '0')}`);
        let asked: unknown[] = [];
        // Only the engine is stood in for (a store of 100,000+ objects is too slow for a unit test); writing and wording are real.
        const engine = { staticList: async (...args: unknown[]) => { asked = args; return { stage: 'B', mode: 'reached', objects, cut: 2345 }; } } as unknown as Engine;
        const plan = { name: 'J', source: 'contacts', includeAnonymous: false, stages: [{ name: 'A', optional: false, items: [] }, { name: 'B', optional: false, items: [] }] } as JourneyPlan;
        const io = ws.io();
        await exportStaticList(engine, plan, 'B', 'reached', 'big.csv', io);
        expect(asked.slice(1, 4)).toEqual([1, 'reached', STATIC_LIST_LIMIT]);
        expect(io.out).toBe('Wrote 100,000 objects that reached "B" to big.csv\nThe list was cut at 100,000 objects: 2,345 more were left out.\n');
        const lines = read('big.csv').trimEnd().split('\r\n');
        expect(lines).toHaveLength(STATIC_LIST_LIMIT + 1);
        expect(lines[1]).toBe('c000000');
    });

    test('mistakes are one sentence each', async () => {
        const cases: [string[], RegExp][] = [
            [['funnel.journey', '--db', 'tiny.sqlite', '--unsummarized', 'x.csv'], /holds 2 journeys; pick one with --journey NAME/],
            [['funnel.journey', '--db', 'tiny.sqlite', '--journey', 'Pages to meetings', '--stage', 'Nope', '--reached', '--list', 'x.csv'], /has no stage named "Nope"/],
            [['funnel.journey', '--db', 'tiny.sqlite', '--journey', 'Pages to meetings', '--stage', 'Viewed a page', '--list', 'x.csv'], /exactly one of --reached and --dropped/],
            [['funnel.journey', '--db', 'tiny.sqlite', '--journey', 'Pages to meetings', '--stage', 'Viewed a page', '--reached'], /--list OUT\.csv/],
            [['funnel.journey', '--db', 'tiny.sqlite', '--journey', 'Pages to meetings'], /say what to export/],
            [['funnel.journey', '--db', 'tiny.sqlite', '--journey', 'Pages to meetings', '--unsummarized', 'x.csv', '--stage', 'A'], /not both/],
        ];
        for (const [args, pattern] of cases) {
            const error = await exportCommand.run(args, ws.io()).then(() => undefined, (e: unknown) => e);
            expect(error, args.join(' ')).toBeInstanceOf(UserError);
            expect((error as Error).message).toMatch(pattern);
        }
        expect(existsSync(path.join(ws.dir, 'x.csv'))).toBe(false);
    });
});

describe('journey demo', () => {
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

    test('creates the sample store once, prints the table and writes the HTML report', async () => {
        const dir = tempDir('journey-demo-');
        mkdirSync(path.join(dir, 'examples'));
        copyFileSync(path.join(root, 'examples/pages-to-deals.journey'), path.join(dir, 'examples/pages-to-deals.journey'));
        const io = memoryIO(dir);
        expect(await demoCommand.run(['--contacts', '150'], io)).toBe(0);
        expect(io.err).toContain('Creating the sample store examples/sample.sqlite');
        expect(existsSync(path.join(dir, 'examples/sample.sqlite'))).toBe(true);
        expect(io.out).toMatch(/^Pages to deals\ncontacts · 2025-01-01 to 2026-06-30 · [\d,]+ entered/);
        expect(io.out).toContain('Breakdown of stage 1 "Viewed a page": page_viewed by url_path');
        expect(io.out).toContain(`The HTML report (charts included, works offline) is at ${path.join(dir, 'examples/pages-to-deals.html')}`);
        const html = readFileSync(path.join(dir, 'examples/pages-to-deals.html'), 'utf8');
        expect(html).toContain('<h1>Pages to deals</h1>');
        expect(html).toContain('<figure id="funnel"><svg');

        const again = memoryIO(dir);
        expect(await demoCommand.run([], again)).toBe(0);
        expect(again.err).toContain('Using the sample store examples/sample.sqlite');
        expect(again.out.split('\n').slice(2)).toEqual(io.out.split('\n').slice(2));
    });

    test('outside the project folder it says where to run it', async () => {
        const dir = tempDir('journey-demo-empty-');
        const error = await demoCommand.run([], memoryIO(dir)).then(() => undefined, (e: unknown) => e);
        expect((error as Error).message).toMatch(/examples\/pages-to-deals\.journey was not found .*npm run demo/);
    });

    test('every example journey is valid and runs on the sample store', async () => {
        const dir = tempDir('journey-examples-');
        mkdirSync(path.join(dir, 'examples'));
        const journeys = readdirSync(path.join(root, 'examples')).filter(f => f.endsWith('.journey'));
        expect(journeys.length).toBeGreaterThanOrEqual(13);
        for (const file of journeys) copyFileSync(path.join(root, 'examples', file), path.join(dir, 'examples', file));
        const { sampleCommand } = await import('../../cli/commands/sample.js');
        expect(await sampleCommand.run(['--db', 'examples/sample.sqlite', '--contacts', '500'], memoryIO(dir))).toBe(0);
        const { runCommand } = await import('../../cli/commands/run.js');
        for (const file of journeys) {
            const io = memoryIO(dir);
            expect(await runCommand.run([`examples/${file}`, '--db', 'examples/sample.sqlite', '--today', '2026-06-30', '--format', 'json'], io), file).toBe(0);
            expect(io.err, file).toBe(''); // no warnings either
            const report = JSON.parse(io.out);
            expect(report.entered, file).toBeGreaterThan(0);
        }
    });
});
