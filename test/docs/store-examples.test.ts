/**
 * docs/store.md's import examples, run for real: the files it shows
 * (```csv file=NAME / ```json file=NAME blocks) are written to a folder, the
 * `journey import` commands it shows are run there in-process, and what they
 * print must be what the doc prints (timings aside). The loaded rows are read
 * back, and the failing import must leave the store byte-for-byte unchanged.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importCommand } from '../../cli/commands/import.js';
import { memoryIO, UserError } from '../../cli/cli-io.js';
import { loadSqlJs } from '../../engine/stores/sqljs/sqljs-loader.js';
import { codeBlocks } from './markdown.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const doc = readFileSync(path.join(root, 'docs/store.md'), 'utf8');
const blocks = codeBlocks(doc);
const dir = mkdtempSync(path.join(tmpdir(), 'journey-store-doc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

for (const block of blocks) {
    const file = /file=(\S+)/.exec(block.info)?.[1];
    if (file) writeFileSync(path.join(dir, file), block.text);
}

/** Each `journey import ...` command the doc shows, with the ```text output block right after it. */
const commands = blocks.flatMap((block, i) => block.text.startsWith('journey import ')
    ? [{ args: block.text.trim().split(/\s+/).slice(2), output: blocks[i + 1]?.lang === 'text' ? blocks[i + 1].text.trim() : undefined, line: block.line }]
    : []);
const withOutput = commands.filter(c => c.output !== undefined);

const withoutTiming = (text: string) => text.replace(/ in \d+(\.\d+)? s$/, ' in N s');

async function rows(sql: string): Promise<unknown[][]> {
    const SQL = await loadSqlJs();
    const db = new SQL.Database(readFileSync(path.join(dir, 'my-store.sqlite')));
    try {
        return db.exec(sql)[0]?.values ?? [];
    } finally {
        db.close();
    }
}

describe('docs/store.md import examples', () => {
    test('the doc shows a successful import and a failing one, each with its output', () => {
        expect(withOutput.length).toBe(2);
    });

    test('the files load with the command shown, which prints what the doc says', async () => {
        const { args, output } = withOutput[0];
        const io = memoryIO(dir);
        expect(await importCommand.run(args, io)).toBe(0);
        expect(withoutTiming((io.out + io.err).trim())).toBe(withoutTiming(output!));
    });

    test('times, JSON properties and CSV extra columns are stored as the doc says', async () => {
        const events = new Map((await rows('SELECT event_id, occurred_at, properties FROM events')).map(([id, at, p]) => [id, { at, p: JSON.parse(String(p)) }]));
        expect(events.get('ev-1')).toEqual({ at: Date.UTC(2025, 1, 20, 10), p: { url_path: '/pricing' } });
        expect(events.get('ev-3')).toEqual({ at: 1740132000000, p: { amount: 12000, pipeline: 'default' } });
        expect(events.get('ev-10')?.p).toEqual({ url_path: '/pricing', utm_source: 'google' });
        expect(events.get('ev-21')?.at).toBe(1740906000000);
        expect(await rows("SELECT contact_id FROM identities WHERE anonymous_id = 'anon-7'")).toEqual([['c-42']]);
    });

    test('the bad row stops the import with the message shown, and the store is unchanged', async () => {
        const before = readFileSync(path.join(dir, 'my-store.sqlite'));
        const { args, output } = withOutput[1];
        const failure = await importCommand.run(args, memoryIO(dir)).then(() => undefined, (error: unknown) => error);
        expect(failure).toBeInstanceOf(UserError);
        expect((failure as UserError).exitCode).toBe(1);
        // In-process the command runs in another folder than the test, so it names files by absolute path.
        expect(`journey import: ${(failure as Error).message.replaceAll(`${dir}${path.sep}`, '')}`).toBe(output);
        expect(readFileSync(path.join(dir, 'my-store.sqlite')).equals(before)).toBe(true);
        expect(await rows("SELECT count(*) FROM events WHERE event_id = 'ev-30'")).toEqual([[0]]);
    });
});
