/**
 * The example CI workflow (examples/ci/.github/workflows/journeys.yml) run for
 * real: its shell steps execute against the bundled CLI in a git repository
 * with a target branch, and its comment script runs against a fake GitHub API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { createGitFixture, type GitFixture } from './diff-git-fixture.js';

const WORKFLOW = readFileSync(path.join(import.meta.dirname, '../../examples/ci/.github/workflows/journeys.yml'), 'utf8');

interface Step { name: string; run?: string; script?: string }

/** The workflow's steps with their `run:` and `script:` blocks (enough YAML for this file). */
function stepsOf(yaml: string): Step[] {
    const lines = yaml.split('\n');
    const steps: Step[] = [];
    for (let i = 0; i < lines.length; i++) {
        const name = /^\s+- name: (.+)$/.exec(lines[i]);
        if (name) steps.push({ name: name[1] });
        const block = /^(\s+)(run|script): (.*)$/.exec(lines[i]);
        if (!block || !steps.length) continue;
        let text = block[3];
        if (text === '|') {
            const body: string[] = [];
            const indent = block[1].length;
            while (i + 1 < lines.length && (lines[i + 1].trim() === '' || lines[i + 1].search(/\S/) > indent)) body.push(lines[++i]);
            const cut = Math.min(...body.filter(l => l.trim()).map(l => l.search(/\S/)));
            text = body.map(l => l.slice(cut)).join('\n').trimEnd();
        }
        steps.at(-1)![block[2] as 'run' | 'script'] = text;
    }
    return steps;
}

const STEPS = stepsOf(WORKFLOW);
const step = (name: string) => {
    const found = STEPS.find(s => s.name === name);
    if (!found) throw new Error(`the workflow has no step "${name}"`);
    return found;
};

const PAGES = `journey "Pricing to meetings" {
    dates from 2025-01-01 to 2026-06-30

    stage "Viewed pricing" {
        event page_viewed where url_path = "/pricing"
    }

    stage "Booked a meeting" {
        event meeting_booked
    }
}
`;

let bin: string;
let origin: GitFixture;
let repo: GitFixture;
let env: NodeJS.ProcessEnv;

function runStep(name: string): { status: number; stdout: string; stderr: string } {
    const result = spawnSync('bash', ['-e', '-c', step(name).run!], { cwd: repo.dir, env, encoding: 'utf8' });
    return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
    // The CLI as users get it: one bundle with sql.js's wasm beside it, called through `$JOURNEY`
    // (built here with esbuild.mjs's CLI options, so the test does not touch the shared out/).
    bin = mkdtempSync(path.join(tmpdir(), 'journey-ci-bin-'));
    const root = path.join(import.meta.dirname, '../..');
    await esbuild.build({
        entryPoints: [path.join(root, 'cli/main.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20',
        outfile: path.join(bin, 'cli.cjs'), logLevel: 'error', external: ['vscode', '@duckdb/node-api', 'canvas'],
        alias: { 'vega-canvas': path.join(root, 'node_modules/vega-canvas/build/vega-canvas.browser.js') },
        define: { 'import.meta.url': 'importMetaUrl' }, banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
    });
    copyFileSync(path.join(import.meta.dirname, '../../node_modules/sql.js/dist/sql-wasm.wasm'), path.join(bin, 'sql-wasm.wasm'));
    writeFileSync(path.join(bin, 'journey'), `#!/bin/sh\nexec "${process.execPath}" "${path.join(bin, 'cli.cjs')}" "$@"\n`);
    chmodSync(path.join(bin, 'journey'), 0o755);

    origin = createGitFixture();
    origin.git('config', 'receive.denyCurrentBranch', 'ignore');
    repo = createGitFixture();
    env = { ...process.env, JOURNEY: path.join(bin, 'journey'), JOURNEY_STORE: 'journeys/fixture.sqlite', BASE_REF: 'main' };
    const journey = (...args: string[]) => execFileSync(path.join(bin, 'journey'), args, { cwd: repo.dir, env, encoding: 'utf8' });
    repo.write('journeys/pages.journey', PAGES);
    journey('sample', '--db', 'journeys/fixture.sqlite', '--contacts', '200');
    journey('run', 'journeys/pages.journey', '--db', 'journeys/fixture.sqlite', '--today', '2026-06-30', '--snapshot');
    repo.commit('journeys with snapshots');
    repo.git('remote', 'add', 'origin', origin.dir);
    repo.git('push', '-q', 'origin', 'main');
    repo.git('checkout', '-q', '-b', 'feature');
}, 120_000);

afterAll(() => {
    for (const dir of [bin]) if (dir) rmSync(dir, { recursive: true, force: true });
    origin?.remove();
    repo?.remove();
});

describe('the example CI workflow', () => {
    it('calls check, fmt --check, test and diff --format md against the target branch', () => {
        expect(step('Check journeys').run).toContain('$JOURNEY check --db "$JOURNEY_STORE"');
        expect(step('Check formatting').run).toContain('$JOURNEY fmt --check');
        expect(step('Compare with snapshots').run).toContain('$JOURNEY test --db "$JOURNEY_STORE"');
        expect(step('Diff against the target branch').run).toContain('$JOURNEY diff "$base:$old" "HEAD:$file" --db "$JOURNEY_STORE" --format md');
        expect(WORKFLOW).toContain('BASE_REF: ${{ github.base_ref }}');
    });

    it('passes on an unchanged repository', () => {
        for (const name of ['Check journeys', 'Check formatting', 'Compare with snapshots']) {
            const result = runStep(name);
            expect(result, `${name}: ${result.stdout}${result.stderr}`).toMatchObject({ status: 0 });
        }
        expect(runStep('Compare with snapshots').stdout).toContain('ok   journeys/pages.journey (1 journey)');
    });

    it('fails the snapshot step when a change moves a number, and the fmt step on a badly laid out file', () => {
        const changed = PAGES.replace('url_path = "/pricing"', 'url_path starts with "/"');
        repo.write('journeys/pages.journey', changed);
        const moved = runStep('Compare with snapshots');
        expect(moved.status).toBe(1);
        expect(moved.stdout).toMatch(/FAIL journeys\/pages\.journey: .*\n {2}journey "Pricing to meetings" › entered: \d+ → \d+ \(\+\d+\)/);
        repo.write('journeys/pages.journey', changed.replace(/\n\n/g, '\n').replace(/^ {4}/gm, '  '));
        const format = runStep('Check formatting');
        // xargs turns the command's exit 1 into 123; any non-zero status fails the CI step.
        expect(format.status).not.toBe(0);
        expect(format.stdout + format.stderr).toContain('journeys/pages.journey');
        repo.write('journeys/pages.journey', PAGES);
    });

    it('writes the pull request\'s semantic diff with numbers as Markdown, new files included', () => {
        repo.write('journeys/pages.journey', PAGES.replace('url_path = "/pricing"', 'url_path starts with "/"'));
        repo.write('journeys/tickets.journey', 'journey "Tickets" {\n    source tickets\n\n    stage "Opened" {\n        event ticket_created\n    }\n}\n');
        execFileSync(env.JOURNEY!, ['test', '--db', 'journeys/fixture.sqlite', '--update'], { cwd: repo.dir, env });
        repo.commit('widen the first stage; add a tickets journey');
        for (const name of ['Check journeys', 'Check formatting', 'Compare with snapshots']) expect(runStep(name).status).toBe(0);

        const result = runStep('Diff against the target branch');
        expect(result.status, result.stderr).toBe(0);
        const md = readFileSync(path.join(repo.dir, 'journey-diff.md'), 'utf8');
        expect(md.startsWith('<!-- journey-diff -->\n')).toBe(true);
        expect(md).toContain('### Journey diff: `origin/main:journeys/pages.journey` → `HEAD:journeys/pages.journey`');
        expect(md).toContain('- stage "Viewed pricing": event page\\_viewed filter changed: where url\\_path = "/pricing" → where url\\_path starts with "/"');
        expect(md).toMatch(/\| Viewed pricing \| [\d,]+ → [\d,]+ \| \+[\d,]+ \|/);
        expect(md).toContain('**journey "Tickets"**: added (1 stage: "Opened")');
        expect(md).toMatch(/\| Opened \| \(none\) → [\d,]+ \|/);
        expect(result.stderr).toContain('journeys/tickets.journey does not exist at origin/main; compared as an empty file');
    });

    it('diffs a renamed file against its old path', () => {
        repo.git('mv', 'journeys/pages.journey', 'journeys/pricing.journey');
        repo.git('mv', 'journeys/pages.journey.snap.json', 'journeys/pricing.journey.snap.json');
        repo.commit('rename the pricing journey file');
        expect(runStep('Compare with snapshots').status).toBe(0);
        const result = runStep('Diff against the target branch');
        expect(result.status, result.stderr).toBe(0);
        const md = readFileSync(path.join(repo.dir, 'journey-diff.md'), 'utf8');
        expect(md).toContain('### Journey diff: `origin/main:journeys/pages.journey` → `HEAD:journeys/pricing.journey`');
        expect(md).toContain('**journey "Pricing to meetings"**: 1 change in meaning');
        expect(md).not.toContain('**journey "Pricing to meetings"**: added');
    });

    it('posts one comment and updates it on the next push', async () => {
        const script = step('Post the diff as a comment').script!;
        const calls: { method: string; args: Record<string, unknown> }[] = [];
        let existing: { id: number; user: { type: string }; body: string }[] = [{ id: 1, user: { type: 'User' }, body: 'LGTM' }];
        const listComments = async () => ({ data: existing });
        const github = {
            paginate: async (method: typeof listComments) => (await method()).data,
            rest: {
                issues: {
                    listComments,
                    createComment: async (args: Record<string, unknown>) => { calls.push({ method: 'create', args }); },
                    updateComment: async (args: Record<string, unknown>) => { calls.push({ method: 'update', args }); },
                },
            },
        };
        const context = { repo: { owner: 'acme', repo: 'journeys' }, issue: { number: 7 } };
        const fakeRequire = (name: string) => (name === 'fs'
            ? { readFileSync: (file: string, enc: string) => readFileSync(path.join(repo.dir, file), enc as BufferEncoding) }
            : undefined);
        const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor;
        const run = new AsyncFunction('github', 'context', 'require', script);
        const body = readFileSync(path.join(repo.dir, 'journey-diff.md'), 'utf8');

        await run(github, context, fakeRequire);
        expect(calls).toEqual([{ method: 'create', args: { owner: 'acme', repo: 'journeys', issue_number: 7, body } }]);
        existing = [...existing, { id: 42, user: { type: 'Bot' }, body }];
        await run(github, context, fakeRequire);
        expect(calls[1]).toEqual({ method: 'update', args: { owner: 'acme', repo: 'journeys', comment_id: 42, body } });
    });
});
