/**
 * Streams an NDJSON file (one JSON object per line) without holding it whole:
 * chunks are split on newlines as they arrive. Blank lines are skipped.
 */
import { createReadStream } from 'node:fs';
import { TABLE_SPECS, type StoreTable } from './table-specs.js';
import { ImportError, type InputRecord } from './input-record.js';

/** Yields the records of each chunk together (one promise per chunk, not per row). */
export async function* readNdjson(file: string, table: StoreTable, onBytes?: (bytes: number) => void): AsyncGenerator<InputRecord[]> {
    const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
    const known = new Set(TABLE_SPECS[table].columns.map(c => c.name));
    let line = 0;
    let rest = '';
    try {
        for await (const chunk of stream as AsyncIterable<string>) {
            const text = rest + chunk;
            const batch: InputRecord[] = [];
            let start = 0;
            for (let nl = text.indexOf('\n', start); nl !== -1; nl = text.indexOf('\n', start)) {
                line++;
                const record = parseLine(file, table, known, text.slice(start, nl), line);
                start = nl + 1;
                if (record) batch.push(record);
            }
            rest = text.slice(start);
            onBytes?.(stream.bytesRead);
            if (batch.length) yield batch;
        }
        if (rest.length) {
            line++;
            const record = parseLine(file, table, known, rest, line);
            if (record) yield [record];
        }
    } catch (error) {
        if (error instanceof ImportError) throw error;
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ImportError(file, undefined, 'file not found');
        throw new ImportError(file, line || undefined, (error as Error).message);
    } finally {
        stream.destroy();
    }
}

function parseLine(file: string, table: StoreTable, known: Set<string>, raw: string, line: number): InputRecord | undefined {
    const text = line === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    if (text.trim() === '') return undefined;
    let value: unknown;
    try {
        value = JSON.parse(text);
    } catch (error) {
        throw new ImportError(file, line, `bad JSON (${(error as Error).message})`);
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        throw new ImportError(file, line, 'each line must be a JSON object');
    }
    for (const key of Object.keys(value)) {
        if (!known.has(key)) {
            const hint = known.has('properties') ? '; put properties in the "properties" object' : '';
            throw new ImportError(file, line, `unknown field '${key}' for table ${table}${hint}`);
        }
    }
    return { line, cells: value as Record<string, unknown> };
}
