/**
 * `journey run` in-process on a hand-made store whose numbers are worked out
 * in run-fixture.ts: JSON exactly as cli.md, every format, --journey,
 * --today, --out, validation failures and progress.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCommand } from '../../cli/commands/run.js';
import { UserError } from '../../cli/cli-io.js';
import type { JourneyReport } from '../../engine/report.js';
import { tinyWorkspace } from './run-fixture.js';

let ws: Awaited<ReturnType<typeof tinyWorkspace>>;
beforeAll(async () => { ws = await tinyWorkspace(); });
afterAll(() => rmSync(ws.dir, { recursive: true, force: true }));

async function run(args: string[], isTTY = false) {
    const io = ws.io();
    io.isTTY = isTTY;
    const code = await runCommand.run(args, io);
    return { code, out: io.out, err: io.err };
}

async function runError(args: string[]): Promise<UserError> {
    const io = ws.io();
    const error = await runCommand.run(args, io).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    return error as UserError;
}

describe('journey run --format json', () => {
    test('a file of two journeys gives an array in file order with the hand-computed numbers', async () => {
        const { code, out } = await run(['funnel.journey', '--db', 'tiny.sqlite', '--format', 'json', '--today', '2026-06-07']);
        expect(code).toBe(0);
        const reports = JSON.parse(out) as JourneyReport[];
        expect(reports.map(r => r.journey)).toEqual(['Pages to meetings', 'With anonymous visitors']);
        const [first, second] = reports;
        expect(first).toMatchObject({
            source: 'contacts', dateRange: { from: '2026-06-01', to: '2026-06-30' },
            entered: 3, completed: 1, conversionRate: 1 / 3,
        });
        expect(first.stages.map(s => s.count)).toEqual([3, 2, 1]);
        expect(first.stages.map(s => s.conversionFromPrevious)).toEqual([null, 2 / 3, 0.5]);
        expect(first.stages.map(s => s.medianSecondsFromPrevious)).toEqual([null, 10 * 86_400, 3 * 86_400]);
        expect(first.stages[0].breakdown).toEqual({
            event: 'page_viewed', property: 'url_path',
            rows: [{ value: '/pricing', count: 2, continued: 1 }, { value: '/', count: 1, continued: 1 }],
            other: { count: 0, continued: 0 },
        });
        expect(first.stages[1]).not.toHaveProperty('breakdown');
        expect(typeof first.elapsedMs).toBe('number');
        // `dates last 7 days` ending on --today; the anonymous visitor counts; c2's form (06-20) is out of range.
        expect(second.dateRange).toEqual({ from: '2026-06-01', to: '2026-06-07' });
        expect(second.stages.map(s => s.count)).toEqual([4, 1]);
    });

    test('--journey NAME prints the single object', async () => {
        const { out } = await run(['funnel.journey', '--db', 'tiny.sqlite', '--format', 'json', '--journey', 'Pages to meetings']);
        const report = JSON.parse(out) as JourneyReport;
        expect(Array.isArray(report)).toBe(false);
        expect(report.journey).toBe('Pages to meetings');
    });

    test('--today moves relative ranges', async () => {
        const { out } = await run(['funnel.journey', '--db', 'tiny.sqlite', '--format', 'json', '--journey', 'With anonymous visitors', '--today', '2026-06-30']);
        const report = JSON.parse(out) as JourneyReport;
        expect(report.dateRange).toEqual({ from: '2026-06-24', to: '2026-06-30' });
        expect(report.entered).toBe(0);
        expect(report.conversionRate).toBeNull();
    });
});

describe('journey run, other formats', () => {
    test('table is the default, with a bar per stage', async () => {
        const { out } = await run(['funnel.journey', '--db', 'tiny.sqlite', '--journey', 'Pages to meetings']);
        expect(out).toMatch(/^1\. Viewed a page\s+3\s+100\.0%\s+█{30}$/m);
        expect(out).toMatch(/^3\. Booked a meeting\s+1\s+50\.0%\s+33\.3%\s+3d\s+█{10}$/m);
    });

    test('csv, md, html and svg carry the same numbers', async () => {
        const base = ['funnel.journey', '--db', 'tiny.sqlite', '--journey', 'Pages to meetings', '--format'];
        expect((await run([...base, 'csv'])).out).toContain('Pages to meetings,2,Submitted a form,false,stage,,,,2,,0.6666666666666666,0.6666666666666666,864000');
        expect((await run([...base, 'md'])).out).toContain('| 3 | Booked a meeting | 1 | 50.0% | 33.3% | 3d | meeting\\_booked 1 |');
        const html = (await run([...base, 'html'])).out;
        expect(html).toMatch(/^<!DOCTYPE html>/);
        expect(html).toContain('<figure id="stage-1-breakdown"><svg');
        const svg = (await run([...base, 'svg'])).out;
        expect(svg).toMatch(/^<svg/);
        expect(svg).toContain('3. Booked a meeting');
    });

    test('--out writes the file atomically, its format taken from the extension', async () => {
        const { out, err } = await run(['funnel.journey', '--db', 'tiny.sqlite', '--out', 'report.md']);
        expect(out).toBe('');
        expect(err).toContain('Wrote the md report to report.md');
        expect(readFileSync(path.join(ws.dir, 'report.md'), 'utf8')).toContain('### Pages to meetings');
        expect(readdirSync(ws.dir).filter(f => f.endsWith('.tmp'))).toEqual([]);
    });

    test('a progress bar is drawn on a terminal and cleared after', async () => {
        const { err } = await run(['funnel.journey', '--db', 'tiny.sqlite', '--format', 'json'], true);
        expect(err).toContain('\r');
        expect(err.endsWith('\r\x1b[2K')).toBe(true);
        const quiet = await run(['funnel.journey', '--db', 'tiny.sqlite', '--format', 'json'], false);
        expect(quiet.err).toBe('');
    });

    test('--snapshot writes FILE.snap.json with the numbers', async () => {
        const { err } = await run(['funnel.journey', '--db', 'tiny.sqlite', '--format', 'json', '--today', '2026-06-07', '--snapshot']);
        expect(err).toContain('funnel.journey.snap.json');
        const snap = JSON.parse(readFileSync(path.join(ws.dir, 'funnel.journey.snap.json'), 'utf8'));
        expect(snap.today).toBe('2026-06-07');
        expect(snap.journeys[0].entered).toBe(3);
    });
});

describe('journey run failures', () => {
    test('a validation error names path:line:col and the rule, and nothing runs', async () => {
        writeFileSync(path.join(ws.dir, 'bad.journey'), 'journey "Bad" {\n    stage "A" { event page_viewed }\n    optional stage "B" { event form_submitted }\n}\n');
        const error = await runError(['bad.journey', '--db', 'no-such-store.sqlite']);
        expect(error.message).toContain('bad.journey:3:5 error optional-edge');
        expect(error.message.split('\n')[0]).toBe('bad.journey is not valid (1 error); nothing was run:');
        expect(error.exitCode).toBe(1);
    });

    test('a syntax error fails too', async () => {
        writeFileSync(path.join(ws.dir, 'syntax.journey'), 'journey "S" {\n  stage "A" { event }\n}\n');
        expect((await runError(['syntax.journey', '--db', 'tiny.sqlite'])).message).toMatch(/syntax\.journey:2:\d+ error/);
    });

    test('--journey runs a valid journey beside an invalid one', async () => {
        writeFileSync(path.join(ws.dir, 'mixed.journey'), `${'journey "Good" {\n    stage "A" { event page_viewed }\n}\n'}journey "Bad" {\n    stage "A" { event page_viewed }\n    optional stage "B" { event form_submitted }\n}\n`);
        const { out } = await run(['mixed.journey', '--db', 'tiny.sqlite', '--journey', 'Good', '--format', 'json']);
        expect(JSON.parse(out).entered).toBe(3);
        expect((await runError(['mixed.journey', '--db', 'tiny.sqlite'])).message).toContain('mixed.journey:6:5 error optional-edge');
    });

    test('each bad option is one clear sentence', async () => {
        const cases: [string[], RegExp][] = [
            [['missing.journey', '--db', 'tiny.sqlite'], /^missing\.journey: no such file$/],
            [['funnel.journey'], /--db STORE is required/],
            [['funnel.journey', '--db', 'nope.sqlite'], /the store nope\.sqlite does not exist/],
            [['funnel.journey', '--db', 'tiny.sqlite', '--format', 'pdf'], /--format must be one of table, json, csv, md, html, svg, not 'pdf'/],
            [['funnel.journey', '--db', 'tiny.sqlite', '--journey', 'Nope'], /has no journey named "Nope" \(it has "Pages to meetings", "With anonymous visitors"\)/],
            [['funnel.journey', '--db', 'tiny.sqlite', '--today', '2026-02-30'], /--today must be a real day/],
            [['funnel.journey', '--db', 'tiny.sqlite', '--engine', 'oracle'], /--engine must be one of sqljs, duckdb, clickhouse/],
            [['funnel.journey', '--db', 'tiny.sqlite', '--limits', 'stages=0'], /--limits: stages must be a whole number/],
            [['funnel.journey', '--db', 'tiny.sqlite', '--bogus'], /unknown option --bogus/],
            [['funnel.journey', 'other.journey', '--db', 'tiny.sqlite'], /give one journey file, not 2/],
            [['funnel.journey', '--db', 'funnel.journey'], /funnel\.journey.*(not a SQLite|cannot be opened)/],
            [['funnel.journey', '--db', 'tiny.sqlite', '--snapshot', '--journey', 'Pages to meetings'], /--snapshot records every journey/],
        ];
        for (const [args, pattern] of cases) {
            const error = await runError(args);
            expect(error.message, args.join(' ')).toMatch(pattern);
            expect(error.message).not.toContain('    at ');
        }
        expect(existsSync(path.join(ws.dir, 'nope.sqlite'))).toBe(false);
    });

    test('--limits raises the validator limits', async () => {
        const stages = Array.from({ length: 16 }, (_, i) => `    stage "S${i + 1}" { event page_viewed }`).join('\n');
        writeFileSync(path.join(ws.dir, 'long.journey'), `journey "Long" {\n${stages}\n}\n`);
        expect((await runError(['long.journey', '--db', 'tiny.sqlite'])).message).toContain('stage-limit');
        const { code, out } = await run(['long.journey', '--db', 'tiny.sqlite', '--format', 'json', '--limits', 'stages=20']);
        expect(code).toBe(0);
        expect(JSON.parse(out).stages).toHaveLength(16);
    });
});
