// The parse worker (out/import-worker.cjs in the bundle) must accept and refuse exactly what the in-thread path does.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSources, type ImportSource } from '../../engine/import/importer.js';
import { SqlJsSink } from '../../engine/import/sqljs-sink.js';
import { openStore } from '../../engine/stores/sqljs/store.js';
import { fileHash, FIXTURES, tempDir } from './store-helpers.js';

const tmp = tempDir('journey-worker-');
const workerScript = tmp.file('import-worker.cjs');
const fixture = (name: string) => path.join(FIXTURES, name);

beforeAll(async () => {
    await esbuild.build({
        entryPoints: [path.join(path.dirname(new URL(import.meta.url).pathname), '..', '..', 'engine', 'import', 'parse-worker.ts')],
        bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: workerScript, logLevel: 'error',
    });
}, 120_000);
afterAll(() => tmp.remove());

async function dump(file: string): Promise<unknown[][][]> {
    const store = await openStore(file);
    try {
        return ['events', 'objects', 'identities', 'associations', 'event_types'].map(t => store.db.exec(`SELECT * FROM ${t} ORDER BY rowid`)[0]?.values ?? []);
    } finally {
        store.close();
    }
}

const ALL: ImportSource[] = [
    ['events', 'events.csv'], ['events', 'events-extra-columns.csv'], ['events', 'events.ndjson'], ['events', 'more-events.ndjson'],
    ['objects', 'objects.csv'], ['objects', 'objects.ndjson'], ['identities', 'identities.csv'], ['identities', 'identities.ndjson'],
    ['associations', 'associations.csv'], ['associations', 'associations.ndjson'], ['event_types', 'event_types.csv'], ['event_types', 'event_types.ndjson'],
].map(([table, name]) => ({ kind: 'file', table, file: fixture(name) }));

describe('the parse worker', () => {
    it('loads the same rows as the in-thread path', async () => {
        const viaWorker = tmp.file('worker.sqlite');
        const inThread = tmp.file('thread.sqlite');
        await importSources(new SqlJsSink(viaWorker), ALL, { workerScript, workerMinBytes: 0 });
        await importSources(new SqlJsSink(inThread), ALL, { workerMinBytes: Number.MAX_SAFE_INTEGER });
        expect(await dump(viaWorker)).toEqual(await dump(inThread));
        expect(fileHash(viaWorker)).toBe(fileHash(inThread));
    });

    it('refuses bad files with the same file:line: reason, leaving the store unchanged', async () => {
        const store = tmp.file('bad.sqlite');
        await importSources(new SqlJsSink(store), ALL.slice(0, 1), { workerScript, workerMinBytes: 0 });
        const before = fileHash(store);
        for (const name of ['bad-json.ndjson', 'bad-time.csv', 'duplicate-in-file.csv', 'missing-column.csv', 'bad-properties.csv']) {
            const sources: ImportSource[] = [{ kind: 'file', table: 'events', file: fixture('more-events.ndjson') }, { kind: 'file', table: 'events', file: fixture(`bad/${name}`) }];
            const worker = await importSources(new SqlJsSink(store), sources, { workerScript, workerMinBytes: 0 }).then(() => 'imported', (e: Error) => e.message);
            const thread = await importSources(new SqlJsSink(store), sources, { workerMinBytes: Number.MAX_SAFE_INTEGER }).then(() => 'imported', (e: Error) => e.message);
            expect(worker).toMatch(new RegExp(`^${fixture(`bad/${name}`).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+: `));
            expect(worker).toBe(thread);
            expect(fileHash(store)).toBe(before);
        }
    });

    it('streams a big file in order, and stops when the store refuses a row early (the worker is told to quit)', async () => {
        const big = tmp.file('big.ndjson');
        let text = '';
        for (let i = 0; i < 60_000; i++) text += `${JSON.stringify({ event_id: i === 50_000 ? 'dup' : `w${i}`, event_name: 'page_viewed', occurred_at: i, object_type: 'contact', object_id: `c${i % 10}` })}\n`;
        writeFileSync(big, text.replace('"w10"', '"dup"'));
        const store = tmp.file('big.sqlite');
        const error = await importSources(new SqlJsSink(store), [{ kind: 'file', table: 'events', file: big }], { workerScript, workerMinBytes: 0 }).then(() => undefined, (e: Error) => e.message);
        expect(error).toBe(`${big}:50001: duplicate event_id 'dup': earlier in this import`);
        writeFileSync(tmp.file('ok.ndjson'), text);
        const summary = await importSources(new SqlJsSink(store), [{ kind: 'file', table: 'events', file: tmp.file('ok.ndjson') }], { workerScript, workerMinBytes: 0 });
        expect(summary.events).toBe(60_000);
        const opened = await openStore(store);
        try {
            expect(opened.db.exec("SELECT count(*), min(occurred_at), max(occurred_at) FROM events")[0].values[0]).toEqual([60_000, 0, 59_999]);
            // File order kept: rowids follow the lines.
            expect(opened.db.exec("SELECT count(*) FROM events WHERE rowid - 1 <> occurred_at")[0].values[0][0]).toBe(0);
        } finally {
            opened.close();
        }
    }, 120_000);
});
