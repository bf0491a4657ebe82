/**
 * Streams a CSV file record by record (csv-parse pulls chunks from a read
 * stream, so memory stays flat however large the file). The first line names
 * the columns; columns that are not the table's become properties (for tables
 * that have properties).
 */
import { parse } from 'csv-parse';
import { createReadStream } from 'node:fs';
import { csvPropertyValue, type PropertyValue } from './convert-row.js';
import { TABLE_SPECS, type StoreTable } from './table-specs.js';
import { ImportError, type InputRecord } from './input-record.js';

export async function* readCsv(file: string, table: StoreTable, onBytes?: (bytes: number) => void): AsyncGenerator<InputRecord> {
    const stream = createReadStream(file, { highWaterMark: 1 << 20 });
    const parser = stream.pipe(parse({ bom: true, info: true, skip_empty_lines: true, relax_quotes: false }));
    stream.on('error', error => parser.destroy(error));
    const spec = TABLE_SPECS[table];
    const known = new Set(spec.columns.map(c => c.name));
    const hasProperties = known.has('properties');
    let header: string[] | undefined;
    let extraIndexes: number[] = [];
    try {
        for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
            if (!header) {
                header = record.map(name => name.trim());
                extraIndexes = checkHeader(file, table, header, known, hasProperties);
                continue;
            }
            const cells: Record<string, string> = {};
            let extra: Record<string, PropertyValue> | undefined;
            for (let i = 0; i < header.length; i++) {
                if (known.has(header[i])) cells[header[i]] = record[i];
            }
            for (const i of extraIndexes) {
                const value = csvPropertyValue(record[i]);
                if (value !== undefined) (extra ??= {})[header[i]] = value;
            }
            onBytes?.(stream.bytesRead);
            yield { line: info.lines, cells, extra };
        }
    } catch (error) {
        if (error instanceof ImportError) throw error;
        const e = error as Error & { lines?: number; code?: string };
        if (e.code === 'ENOENT') throw new ImportError(file, undefined, 'file not found');
        throw new ImportError(file, e.lines, csvReason(e));
    } finally {
        stream.destroy();
    }
    if (!header) throw new ImportError(file, 1, 'the file is empty; a CSV file starts with a line naming its columns');
}

function checkHeader(file: string, table: StoreTable, header: string[], known: Set<string>, hasProperties: boolean): number[] {
    const seen = new Set<string>();
    const extra: number[] = [];
    header.forEach((name, index) => {
        if (name === '') throw new ImportError(file, 1, `column ${index + 1} has no name`);
        if (seen.has(name)) throw new ImportError(file, 1, `column '${name}' appears twice`);
        seen.add(name);
        if (known.has(name)) return;
        if (!hasProperties) throw new ImportError(file, 1, `unknown column '${name}' for table ${table} (its columns are ${[...known].join(', ')})`);
        extra.push(index);
    });
    const missing = TABLE_SPECS[table].columns.filter(c => c.required && !seen.has(c.name)).map(c => c.name);
    if (missing.length) throw new ImportError(file, 1, `missing column${missing.length > 1 ? 's' : ''} ${missing.map(m => `'${m}'`).join(', ')} for table ${table}`);
    return extra;
}

/** csv-parse's messages end with "at line N" details we already print as file:line. */
function csvReason(error: Error & { code?: string }): string {
    const message = error.message.replace(/\s*(on|at) line \d+\.?$/i, '').replace(/^Invalid Record Length: /, 'wrong number of fields: ');
    return `bad CSV: ${message}`;
}
