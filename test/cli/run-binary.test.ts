/**
 * The built command (`node esbuild.mjs`, then `node bin/journey.cjs`): exit
 * codes, output on stdout, one-sentence errors on stderr and never a stack
 * trace — what scripts and CI see.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { tinyWorkspace } from './run-fixture.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let dir: string;

beforeAll(async () => {
    execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'pipe' });
    dir = (await tinyWorkspace()).dir;
    writeFileSync(path.join(dir, 'bad.journey'), 'journey "Bad" {\n    stage "A" { event page_viewed }\n    optional stage "B" { event form_submitted }\n}\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function journey(...args: string[]) {
    const result = spawnSync(process.execPath, [path.join(root, 'bin/journey.cjs'), ...args], { cwd: dir, encoding: 'utf8' });
    return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('node bin/journey.cjs run', () => {
    test('prints the JSON report and exits 0', () => {
        const { code, out, err } = journey('run', 'funnel.journey', '--db', 'tiny.sqlite', '--journey', 'Pages to meetings', '--format', 'json');
        expect(err).toBe('');
        expect(code).toBe(0);
        expect(JSON.parse(out).stages.map((s: { count: number }) => s.count)).toEqual([3, 2, 1]);
    });

    test('the bundle renders charts: html and svg', () => {
        const html = journey('run', 'funnel.journey', '--db', 'tiny.sqlite', '--format', 'html');
        expect(html.code).toBe(0);
        expect(html.out).toContain('<figure id="funnel"><svg');
        const svg = journey('run', 'funnel.journey', '--db', 'tiny.sqlite', '--journey', 'Pages to meetings', '--format', 'svg');
        expect(svg.code).toBe(0);
        expect(svg.out).toMatch(/^<svg[^>]*>/);
    });

    test('failures exit 1 with one clear sentence and no stack trace', () => {
        const cases: [string[], RegExp][] = [
            [['run', 'bad.journey', '--db', 'tiny.sqlite'], /^journey run: bad\.journey is not valid \(1 error\); nothing was run:\n {2}bad\.journey:3:5 error optional-edge /],
            [['run', 'funnel.journey', '--db', 'missing.sqlite'], /^journey run: the store missing\.sqlite does not exist/],
            [['run', 'funnel.journey', '--db', 'funnel.journey'], /^journey run: .*funnel\.journey/],
            [['run', 'funnel.journey', '--db', 'tiny.sqlite', '--format', 'pdf'], /^journey run: --format must be one of/],
            [['run', 'funnel.journey', '--db', 'clickhouse://127.0.0.1:1/none', '--engine', 'sqljs'], /^journey run: .*ClickHouse address/],
            [['export', 'funnel.journey', '--db', 'tiny.sqlite'], /^journey export: /],
        ];
        for (const [args, pattern] of cases) {
            const { code, out, err } = journey(...args);
            expect(code, args.join(' ')).toBe(1);
            expect(out).toBe('');
            expect(err).toMatch(pattern);
            expect(err).not.toMatch(/^\s+at /m);
        }
    });

    test('--help prints the options', () => {
        const { code, out } = journey('run', '--help');
        expect(code).toBe(0);
        expect(out).toContain('--format FORMAT');
    });

    test('a chdb:// store (ClickHouse in-process, chdb left out of the bundle): import, run and export give the .sqlite store\'s numbers', () => {
        const db = `chdb://${dir}/chdb-data/journeys`;
        const missing = journey('run', 'funnel.journey', '--db', db, '--engine', 'clickhouse');
        expect(missing.code).toBe(1);
        expect(missing.err).toBe(`journey run: ${db}: no journey store there yet (load one with journey import --db ${db} ...)\n`);
        const imported = journey('import', '--db', db, '--store', 'tiny.sqlite');
        expect(imported.err).toMatch(/^imported .* into chdb:\/\/.* in [\d.]+ s\n$/);
        expect(imported.code).toBe(0);
        const ran = journey('run', 'funnel.journey', '--db', db, '--engine', 'clickhouse', '--journey', 'Pages to meetings', '--format', 'json');
        expect(ran.err).toBe('');
        expect(ran.code).toBe(0);
        const report = JSON.parse(ran.out);
        expect(report.stages.map((s: { count: number }) => s.count)).toEqual([3, 2, 1]);
        const exported = journey('export', 'funnel.journey', '--db', db, '--journey', 'Pages to meetings', '--stage', report.stages[1].name, '--reached', '--list', 'reached.csv');
        expect(exported.code, exported.err).toBe(0);
        const fromSqlite = journey('export', 'funnel.journey', '--db', 'tiny.sqlite', '--journey', 'Pages to meetings', '--stage', report.stages[1].name, '--reached', '--list', 'reached-sqlite.csv');
        expect(fromSqlite.code, fromSqlite.err).toBe(0);
        expect(readFileSync(path.join(dir, 'reached.csv'), 'utf8')).toBe(readFileSync(path.join(dir, 'reached-sqlite.csv'), 'utf8'));
    });

    test('without the chdb package, a chdb:// store is one sentence saying to install it', () => {
        // The bundle alone, where no node_modules holds chdb.
        const alone = mkdtempSync(path.join(os.tmpdir(), 'journey-no-chdb-'));
        try {
            for (const file of ['cli.cjs', 'sql-wasm.wasm']) copyFileSync(path.join(root, 'out', file), path.join(alone, file));
            writeFileSync(path.join(alone, 'e.csv'), 'event_id,event_name,occurred_at,object_type,object_id\ne1,a,2025-01-01,contact,c1\n');
            const result = spawnSync(process.execPath, ['cli.cjs', 'import', '--db', `chdb://${alone}/data/j`, '--events', 'e.csv'], { cwd: alone, encoding: 'utf8' });
            expect(result.stderr).toBe("journey import: chdb:// addresses need the npm package chdb (ClickHouse in-process); install it with 'npm install chdb'\n");
            expect(result.status).toBe(1);
            expect(existsSync(path.join(alone, 'data'))).toBe(false);
        } finally {
            rmSync(alone, { recursive: true, force: true });
        }
    });
});
