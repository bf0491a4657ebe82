/**
 * `journey import`'s engine: streams each input file through its reader,
 * converts and validates every row, and hands batches to a sink inside one
 * transaction. The first bad row aborts everything (rollback), so the store is
 * exactly as it was; the error names the file, the line and the reason.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { openStore } from '../stores/sqljs/store.js';
import { STORE_TABLES } from '../stores/sqljs/schema.js';
import { BATCH_ROWS, type FileFormat } from './converted-batches.js';
import type { ImportRow, ImportSink, SqlCell } from './import-sink.js';
import { ImportError } from './input-record.js';
import { isStoreTable, STORE_TABLE_NAMES, type StoreTable } from './table-specs.js';
import { batchesFor, type WorkerOptions } from './worker-batches.js';

export type { FileFormat } from './converted-batches.js';

export type ImportSource =
    | { kind: 'file'; table: string; file: string }
    /** Every row of every table of another store file. */
    | { kind: 'store'; file: string };

export interface ImportOptions extends WorkerOptions {
    onProgress?: (fraction: number, message: string) => void;
    signal?: AbortSignal;
}

export type ImportSummary = Record<StoreTable, number>;

export async function importSources(sink: ImportSink, sources: ImportSource[], options: ImportOptions = {}): Promise<ImportSummary> {
    if (sources.length === 0) throw new Error('nothing to import: give at least one file (--events, --objects, ...) or --store');
    const totalBytes = checkSources(sources);
    const summary: ImportSummary = { events: 0, objects: 0, identities: 0, associations: 0, event_types: 0 };
    let doneBytes = 0;
    try {
        await sink.begin({ inputBytes: totalBytes });
        for (const source of sources) {
            const fileBytes = statSync(source.file).size;
            const report = (bytes: number) => {
                const rows = Object.values(summary).reduce((a, b) => a + b, 0);
                options.onProgress?.(totalBytes ? (doneBytes + bytes) / totalBytes : 0, `${rows.toLocaleString('en-US')} rows`);
            };
            if (source.kind === 'store') await copyStore(sink, source.file, summary, options, report);
            else await importFile(sink, source.file, source.table as StoreTable, summary, options, report);
            doneBytes += fileBytes;
        }
        options.signal?.throwIfAborted();
        options.onProgress?.(1, 'saving');
        await sink.commit();
    } catch (error) {
        await sink.rollback();
        throw error;
    }
    return summary;
}

/** Fails before touching the store when a table is unknown or a file cannot be read. Returns the total size. */
function checkSources(sources: ImportSource[]): number {
    let total = 0;
    for (const source of sources) {
        if (source.kind === 'file' && !isStoreTable(source.table)) {
            throw new ImportError(source.file, undefined, `unknown table '${source.table}' (tables: ${STORE_TABLE_NAMES.join(', ')})`);
        }
        try {
            const stat = statSync(source.file);
            if (!stat.isFile()) throw new ImportError(source.file, undefined, 'not a file');
            total += stat.size;
        } catch (error) {
            if (error instanceof ImportError) throw error;
            throw new ImportError(source.file, undefined, (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message);
        }
    }
    return total;
}

/** By extension (.csv; .ndjson, .jsonl, .json), else by the first non-blank character ('{' means NDJSON). */
export function detectFormat(file: string): FileFormat {
    const ext = path.extname(file).toLowerCase();
    if (ext === '.csv' || ext === '.tsv') return 'csv';
    if (ext === '.ndjson' || ext === '.jsonl' || ext === '.json') return 'ndjson';
    const fd = openSync(file, 'r');
    try {
        const head = Buffer.alloc(512);
        const n = readSync(fd, head, 0, head.length, 0);
        return head.toString('utf8', 0, n).replace(/^\uFEFF/, '').trimStart().startsWith('{') ? 'ndjson' : 'csv';
    } finally {
        closeSync(fd);
    }
}

async function importFile(sink: ImportSink, file: string, table: StoreTable, summary: ImportSummary, options: ImportOptions, report: (bytes: number) => void): Promise<void> {
    for await (const batch of batchesFor(file, table, detectFormat(file), options)) {
        const rows: ImportRow[] = new Array(batch.values.length);
        for (let i = 0; i < rows.length; i++) rows[i] = new FileRow(batch.values[i], file, batch.lines[i]);
        await sink.insertRows(table, rows);
        summary[table] += rows.length;
        options.signal?.throwIfAborted();
        report(batch.bytesRead);
    }
}

/** A row of a file; its `file:line` is built only when an error needs it. */
class FileRow implements ImportRow {
    constructor(readonly values: SqlCell[], private readonly file: string, private readonly line: number) {}
    get source(): string {
        return `${this.file}:${this.line}`;
    }
}

async function copyStore(sink: ImportSink, file: string, summary: ImportSummary, options: ImportOptions, report: (bytes: number) => void): Promise<void> {
    const source = await openStore(file);
    try {
        const fileBytes = statSync(file).size;
        const totalRows = STORE_TABLE_NAMES.reduce((sum, t) => sum + Number(source.db.exec(`SELECT count(*) FROM ${t}`)[0].values[0][0]), 0);
        let copied = 0;
        for (const table of STORE_TABLE_NAMES) {
            const statement = source.db.prepare(`SELECT ${STORE_TABLES[table].join(', ')} FROM ${table} ORDER BY rowid`);
            try {
                let batch: ImportRow[] = [];
                let n = 0;
                while (statement.step()) {
                    n++;
                    batch.push({ values: statement.get() as SqlCell[], source: `${file} (${table} row ${n})` });
                    if (batch.length >= BATCH_ROWS) {
                        await sink.insertRows(table, batch);
                        copied += batch.length;
                        summary[table] += batch.length;
                        batch = [];
                        options.signal?.throwIfAborted();
                        report(totalRows ? fileBytes * copied / totalRows : 0);
                    }
                }
                if (batch.length) {
                    await sink.insertRows(table, batch);
                    copied += batch.length;
                    summary[table] += batch.length;
                }
            } finally {
                statement.free();
            }
        }
    } finally {
        source.close();
    }
}
