// A streamed import of 1M generated rows: the readers must be incremental and the heap must stay flat.
import { createWriteStream, statSync } from 'node:fs';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportRow, ImportSink } from '../../engine/import/import-sink.js';
import { importSources } from '../../engine/import/importer.js';
import { readCsv } from '../../engine/import/read-csv.js';
import { readNdjson } from '../../engine/import/read-ndjson.js';
import { SqlJsSink } from '../../engine/import/sqljs-sink.js';
import { openStore } from '../../engine/stores/sqljs/store.js';
import { tempDir } from './store-helpers.js';

const ROWS = 1_000_000;
const tmp = tempDir('journey-stream-');
const csvFile = tmp.file('events.csv');
const ndjsonFile = tmp.file('events.ndjson');

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const heapMb = () => { gc(); return process.memoryUsage().heapUsed / 2 ** 20; };

async function writeLines(file: string, header: string | undefined, line: (i: number) => string): Promise<void> {
    const out = createWriteStream(file);
    if (header) out.write(`${header}\n`);
    let chunk = '';
    for (let i = 0; i < ROWS; i++) {
        chunk += `${line(i)}\n`;
        if (chunk.length > 1 << 20) {
            if (!out.write(chunk)) await new Promise<void>(resolve => out.once('drain', () => resolve()));
            chunk = '';
        }
    }
    out.end(chunk);
    await new Promise<void>(resolve => out.on('finish', () => resolve()));
}

beforeAll(async () => {
    const t0 = Date.UTC(2025, 0, 1);
    await writeLines(csvFile, 'event_id,event_name,occurred_at,object_type,object_id,url_path,campaign',
        i => `e${i},page_viewed,${new Date(t0 + i * 1000).toISOString()},contact,c${i % 50_000},/page-${i % 40},Spring launch`);
    await writeLines(ndjsonFile, undefined,
        i => JSON.stringify({ event_id: `e${i}`, event_name: 'page_viewed', occurred_at: t0 + i * 1000, object_type: 'contact', object_id: `c${i % 50_000}`, properties: { url_path: `/page-${i % 40}` } }));
}, 240_000);
afterAll(() => tmp.remove());

/** Reads every record, checking that the first ones arrive before the file is read and that the heap stays flat. */
async function drain(chunks: AsyncGenerator<unknown[]>, file: string, bytesRead: () => number): Promise<{ count: number; firstAtBytes: number; growthMb: number }> {
    const base = heapMb();
    let peak = base;
    let count = 0;
    let firstAtBytes = -1;
    let nextSample = 100_000;
    for await (const records of chunks) {
        if (firstAtBytes < 0) firstAtBytes = bytesRead();
        count += records.length;
        if (count >= nextSample) { nextSample += 100_000; peak = Math.max(peak, heapMb()); }
    }
    expect(statSync(file).size).toBeGreaterThan(50 * 2 ** 20);
    return { count, firstAtBytes, growthMb: peak - base };
}

describe('streaming readers', () => {
    it('read a 1M-row CSV incrementally with a flat heap', async () => {
        let bytes = 0;
        const result = await drain(readCsv(csvFile, 'events', b => { bytes = b; }), csvFile, () => bytes);
        expect(result.count).toBe(ROWS);
        // The first records arrive after one chunk (1 MB), not after the whole file.
        expect(result.firstAtBytes).toBeLessThan(statSync(csvFile).size / 10);
        // Holding the file (70 MB of text) would grow the heap by well over 100 MB.
        expect(result.growthMb).toBeLessThan(40);
    }, 240_000);

    it('read a 1M-row NDJSON file incrementally with a flat heap', async () => {
        let bytes = 0;
        const result = await drain(readNdjson(ndjsonFile, 'events', b => { bytes = b; }), ndjsonFile, () => bytes);
        expect(result.count).toBe(ROWS);
        expect(result.firstAtBytes).toBeLessThan(statSync(ndjsonFile).size / 10);
        expect(result.growthMb).toBeLessThan(40);
    }, 240_000);
});

describe('a 1M-row import', () => {
    it('converts and hands over rows in bounded batches (heap stays flat through the whole pipeline)', async () => {
        let rows = 0;
        let largestBatch = 0;
        let peak = 0;
        const base = heapMb();
        const counting: ImportSink = {
            async begin() { /* nothing to open */ },
            async insertRows(_table, batch: ImportRow[]) {
                rows += batch.length;
                largestBatch = Math.max(largestBatch, batch.length);
                if (rows % 200_704 < batch.length) peak = Math.max(peak, heapMb() - base);
            },
            async commit() { /* nothing to save */ },
            async rollback() { /* nothing to undo */ },
        };
        const summary = await importSources(counting, [{ kind: 'file', table: 'events', file: csvFile }]);
        expect(summary.events).toBe(ROWS);
        expect(rows).toBe(ROWS);
        expect(largestBatch).toBeLessThanOrEqual(4096);
        expect(peak).toBeLessThan(40);
    }, 240_000);

    it('loads all 1M NDJSON rows into a sql.js store', async () => {
        const store = tmp.file('big.sqlite');
        const started = Date.now();
        await importSources(new SqlJsSink(store), [{ kind: 'file', table: 'events', file: ndjsonFile }]);
        const seconds = (Date.now() - started) / 1000;
        const opened = await openStore(store);
        try {
            expect(opened.db.exec('SELECT count(*), count(DISTINCT object_id), min(occurred_at) FROM events')[0].values[0]).toEqual([ROWS, 50_000, Date.UTC(2025, 0, 1)]);
        } finally {
            opened.close();
        }
        // Not a timed assertion (the machine is shared); the figure is for the log.
        console.info(`imported ${ROWS} NDJSON rows into sql.js in ${seconds.toFixed(1)} s (${Math.round(ROWS / seconds)} rows/s)`);
    }, 300_000);
});
