/**
 * The built `journey` command as real processes (issue 7): garbage given to
 * check/fmt never prints a stack trace; an import killed (SIGKILL) at random
 * points leaves the store byte-identical or holding the whole import;
 * imports and runs at the same time never corrupt a store; Ctrl-C (SIGINT)
 * stops an import within a second, leaving nothing half-written.
 * The kill points come from a fixed seed (JOURNEY_KILL_SEED), printed on failure.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openStore } from '../../engine/stores/sqljs/store.js';
import { lockPathOf } from '../../engine/stores/sqljs/store-lock.js';
import { fileHash, tempDir } from '../engine/store-helpers.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'bin/journey.cjs');
const tmp = tempDir('journey-processes-');
const SEED = Number(process.env.JOURNEY_KILL_SEED ?? 20261203);
const STACK_LINE = /^\s+at .+(:\d+:\d+\)?|\(native\))$/m;

beforeAll(() => {
    execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'pipe' });
}, 180_000);
afterAll(() => tmp.remove());

function journey(...args: string[]) {
    const result = spawnSync(process.execPath, [bin, ...args], { cwd: tmp.dir, encoding: 'utf8', timeout: 60_000 });
    return { code: result.status, out: result.stdout, err: result.stderr };
}

interface Child { done: Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }>; kill: (signal: NodeJS.Signals) => void }
function start(...args: string[]): Child {
    const child = spawn(process.execPath, [bin, ...args], { cwd: tmp.dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', d => { out += d; });
    child.stderr.on('data', d => { err += d; });
    const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }>(resolve => child.on('close', (code, signal) => resolve({ code, signal, out, err })));
    return { done, kill: signal => child.kill(signal) };
}

function eventsFile(name: string, prefix: string, rows: number): string {
    const lines: string[] = [];
    for (let i = 0; i < rows; i++) {
        lines.push(JSON.stringify({ event_id: `${prefix}-${i}`, event_name: 'page_viewed', occurred_at: 1767225600000 + i * 1000, object_type: 'contact', object_id: `c${i % 500}`, properties: { url_path: i % 2 ? '/pricing' : '/' } }));
    }
    writeFileSync(tmp.file(name), `${lines.join('\n')}\n`);
    return name;
}

async function countEvents(store: string, where = ''): Promise<number> {
    const opened = await openStore(tmp.file(store));
    try { return Number(opened.db.exec(`SELECT count(*) FROM events ${where}`)[0].values[0][0]); } finally { opened.close(); }
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));
/** A small PRNG: the kill points are the same on every run with the same seed. */
function prng(seed: number) {
    let s = seed >>> 0;
    return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('journey check and fmt on garbage never print a stack trace', () => {
    test('binary, non-UTF-8, huge, deeply nested, empty, a folder and a missing file', () => {
        const random = prng(SEED);
        mkdirSync(tmp.file('folder.journey'), { recursive: true });
        writeFileSync(tmp.file('bytes.journey'), Buffer.from(Array.from({ length: 5000 }, () => Math.floor(random() * 256))));
        writeFileSync(tmp.file('latin1.journey'), Buffer.from('journey "Caf\xe9" {\n    stage "\xe9t\xe9" { event page_viewed }\n}\n', 'latin1'));
        writeFileSync(tmp.file('nested.journey'), `journey "n" { stage "A" { event a where ${'('.repeat(50_000)}x = 1${')'.repeat(50_000)} } }`);
        // Just over the 256 KB size limit: the checks past the limit are what matter, not the megabytes.
        writeFileSync(tmp.file('huge.journey'), `journey "h" {\n${'    stage "S" { event page_viewed }\n'.repeat(8_000)}}\n`);
        writeFileSync(tmp.file('empty.journey'), '');
        writeFileSync(tmp.file('nul.journey'), '\u0000\u0001journey "\u0000" { stage "\u0007" { event "\u0000" } }');
        const garbageBefore = fileHash(tmp.file('bytes.journey'));
        const files = ['folder.journey', 'bytes.journey', 'latin1.journey', 'nested.journey', 'huge.journey', 'empty.journey', 'nul.journey', 'missing.journey'];
        for (const file of files) {
            for (const args of [['check', file], ['fmt', file], ['fmt', '--check', file]]) {
                const { code, err } = journey(...args);
                expect(err, `journey ${args.join(' ')}`).not.toMatch(STACK_LINE);
                expect(err, `journey ${args.join(' ')}`).not.toMatch(/TypeError|RangeError|ReferenceError|Maximum call stack/);
                expect([0, 1, 2], `journey ${args.join(' ')}: exit ${code}\n${err}`).toContain(code);
            }
        }
        // fmt never rewrites a file it cannot parse.
        expect(fileHash(tmp.file('bytes.journey'))).toBe(garbageBefore);
    }, 300_000);
});

describe('imports are all or nothing when the process is killed', () => {
    test(`SIGKILL at random points (seed ${SEED}): the store is as before or holds the whole import`, async () => {
        const store = 'killed.sqlite';
        expect(journey('import', '--db', store, '--events', eventsFile('first.ndjson', 'f', 1000)).code).toBe(0);
        copyFileSync(tmp.file(store), tmp.file('killed.backup'));
        const before = fileHash(tmp.file(store));
        const big = eventsFile('big.ndjson', 'k', 60_000);
        // How long a whole import takes here: the kill points spread over it (and a bit past its end).
        const t0 = Date.now();
        const whole = await start('import', '--db', store, '--events', big).done;
        expect(whole.code, whole.err).toBe(0);
        const duration = Date.now() - t0;
        expect(await countEvents(store)).toBe(61_000);
        const after = fileHash(tmp.file(store));
        const random = prng(SEED);
        const outcomes: string[] = [];
        for (let trial = 0; trial < 5; trial++) {
            copyFileSync(tmp.file('killed.backup'), tmp.file(store));
            const delay = Math.floor(random() * duration * 1.1);
            const victim = start('import', '--db', store, '--events', big);
            await sleep(delay);
            victim.kill('SIGKILL');
            const ended = await victim.done;
            const hash = fileHash(tmp.file(store));
            const state = hash === before ? 'before' : hash === after || await countEvents(store) === 61_000 ? 'whole' : 'CORRUPT';
            outcomes.push(`${delay}ms:${ended.signal ?? ended.code}:${state}`);
            expect(state, `seed ${SEED}, kill after ${delay} ms: ${outcomes.join(' ')}`).not.toBe('CORRUPT');
            if (state === 'whole') expect(await countEvents(store, "WHERE event_id LIKE 'k-%'")).toBe(60_000);
        }
        console.log(`kill points (seed ${SEED}): ${outcomes.join(' ')}`);
        // The next import takes over the dead writers' lock and temp files and lands.
        const next = journey('import', '--db', store, '--events', eventsFile('next.ndjson', 'n', 10));
        expect(next.code, next.err).toBe(0);
        expect(readdirSync(tmp.dir).filter(f => f.includes('killed.sqlite'))).toEqual(['killed.sqlite']);
    }, 300_000);
});

describe('imports and runs at the same time', () => {
    test('two imports and two runs on one store at once: every run sees a whole store, all rows land', async () => {
        const store = 'busy.sqlite';
        expect(journey('import', '--db', store, '--events', eventsFile('base.ndjson', 'b', 2000)).code).toBe(0);
        writeFileSync(tmp.file('count.journey'), 'journey "All" {\n    dates all\n    stage "Viewed" {\n        event page_viewed\n    }\n}\n');
        const a = eventsFile('a.ndjson', 'a', 20_000);
        const b = eventsFile('b.ndjson', 'bb', 20_000);
        const children = [
            start('import', '--db', store, '--events', a),
            start('run', 'count.journey', '--db', store, '--format', 'json'),
            start('import', '--db', store, '--events', b),
            start('run', 'count.journey', '--db', store, '--format', 'json'),
        ];
        const results = await Promise.all(children.map(c => c.done));
        for (const r of results) expect(r.code, r.err).toBe(0);
        expect(await countEvents(store)).toBe(42_000);
        // 500 contacts view pages in every version of the store; a run on a half-written file would fail or differ.
        for (const r of [results[1], results[3]]) expect(JSON.parse(r.out).stages[0].count).toBe(500);
        // No temp or lock file is left; the runs may keep their columnar cache beside the store.
        expect(readdirSync(tmp.dir).filter(f => (f.startsWith('busy') || f.startsWith('.busy')) && !f.endsWith('.journey-cache')).sort()).toEqual(['busy.sqlite']);
    }, 300_000);
});

describe('Ctrl-C', () => {
    test('SIGINT stops an import of a big file within a second, exit 130, the store untouched', async () => {
        const store = 'cancel.sqlite';
        expect(journey('import', '--db', store, '--events', eventsFile('small.ndjson', 's', 100)).code).toBe(0);
        const before = fileHash(tmp.file(store));
        const big = eventsFile('huge.ndjson', 'h', 400_000);
        const child = start('import', '--db', store, '--events', big);
        for (let i = 0; i < 400 && !existsSync(lockPathOf(tmp.file(store))); i++) await sleep(25);
        expect(existsSync(lockPathOf(tmp.file(store)))).toBe(true);
        await sleep(400);
        const sent = Date.now();
        child.kill('SIGINT');
        const ended = await child.done;
        expect(Date.now() - sent).toBeLessThan(1000);
        expect(ended.code, ended.err).toBe(130);
        expect(ended.err).not.toMatch(STACK_LINE);
        expect(fileHash(tmp.file(store))).toBe(before);
        expect(readdirSync(tmp.dir).filter(f => f.includes('cancel.sqlite'))).toEqual(['cancel.sqlite']);
    }, 120_000);
});
