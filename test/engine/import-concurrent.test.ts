// Several processes importing into one store at once: the lock serializes them, nothing is lost or corrupted.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locateSqlWasm } from '../../engine/stores/sqljs/sqljs-loader.js';
import { openStore } from '../../engine/stores/sqljs/store.js';
import { lockPathOf } from '../../engine/stores/sqljs/store-lock.js';
import { fileHash, tempDir } from './store-helpers.js';

const tmp = tempDir('journey-concurrent-');
const runner = tmp.file('runner.cjs');

beforeAll(async () => {
    await esbuild.build({
        entryPoints: [path.join(path.dirname(new URL(import.meta.url).pathname), 'import-concurrent-runner.ts')],
        bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: runner, logLevel: 'error',
        define: { 'import.meta.url': 'importMetaUrl' },
        banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
    });
    copyFileSync(locateSqlWasm(), tmp.file('sql-wasm.wasm'));
}, 120_000);
afterAll(() => tmp.remove());

function eventsFile(name: string, prefix: string, rows: number): string {
    const file = tmp.file(name);
    let text = '';
    for (let i = 0; i < rows; i++) text += `${JSON.stringify({ event_id: `${prefix}-${i}`, event_name: 'page_viewed', occurred_at: 1740000000000 + i, object_type: 'contact', object_id: `c${i % 100}`, properties: { url_path: '/' } })}\n`;
    writeFileSync(file, text);
    return file;
}

function run(store: string, file: string): { done: Promise<{ code: number | null; stdout: string; stderr: string }>; pid: number | undefined; kill: () => void } {
    const child = spawn(process.execPath, [runner, store, 'events', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', d => { stdout += d; });
    child.stderr.on('data', d => { stderr += d; });
    const done = new Promise<{ code: number | null; stdout: string; stderr: string }>(resolve => child.on('close', code => resolve({ code, stdout, stderr })));
    return { done, pid: child.pid, kill: () => child.kill('SIGKILL') };
}

async function count(store: string, sql = 'SELECT count(*) FROM events'): Promise<number> {
    const opened = await openStore(store);
    try { return Number(opened.db.exec(sql)[0].values[0][0]); } finally { opened.close(); }
}

describe('concurrent imports', () => {
    it('four processes importing into the same (new) store at once all land, one after another', async () => {
        const store = tmp.file('shared.sqlite');
        const files = ['a', 'b', 'c', 'd'].map(p => eventsFile(`${p}.ndjson`, p, 20_000));
        const results = await Promise.all(files.map(f => run(store, f).done));
        for (const r of results) expect(r, r.stderr).toMatchObject({ code: 0 });
        expect(await count(store)).toBe(80_000);
        for (const p of ['a', 'b', 'c', 'd']) expect(await count(store, `SELECT count(*) FROM events WHERE event_id LIKE '${p}-%'`)).toBe(20_000);
        expect(readdirSync(tmp.dir).filter(f => f.startsWith('shared') || f.startsWith('.shared'))).toEqual(['shared.sqlite']);
    }, 180_000);

    it('a failing import beside a good one: the good rows land, the bad one changes nothing', async () => {
        const store = tmp.file('mixed.sqlite');
        const good = eventsFile('good.ndjson', 'g', 10_000);
        const bad = tmp.file('bad.ndjson');
        writeFileSync(bad, `${JSON.stringify({ event_id: 'x-1', event_name: 'a', occurred_at: 1, object_type: 'contact', object_id: 'c' })}\n{"event_id": "x-2", oops\n`);
        const [g, b] = await Promise.all([run(store, good).done, run(store, bad).done]);
        expect(g.code).toBe(0);
        expect(b.code).toBe(1);
        expect(b.stderr).toContain(`${bad}:2: bad JSON`);
        expect(await count(store)).toBe(10_000);
    }, 180_000);

    it('a writer killed mid-import leaves the store as it was, and the next import takes over its lock', async () => {
        const store = tmp.file('killed.sqlite');
        const first = run(store, eventsFile('first.ndjson', 'f', 1000));
        expect((await first.done).code).toBe(0);
        const before = fileHash(store);
        const victim = run(store, eventsFile('big.ndjson', 'k', 300_000));
        // Kill it once it holds the lock (it is then reading, converting or inserting).
        for (let i = 0; i < 400 && !existsSync(lockPathOf(store)); i++) await new Promise(r => setTimeout(r, 25));
        expect(existsSync(lockPathOf(store))).toBe(true);
        await new Promise(r => setTimeout(r, 300));
        victim.kill();
        await victim.done;
        expect(fileHash(store)).toBe(before);
        const next = await run(store, eventsFile('next.ndjson', 'n', 500)).done;
        expect(next, next.stderr).toMatchObject({ code: 0 });
        expect(await count(store)).toBe(1500);
    }, 180_000);
});
