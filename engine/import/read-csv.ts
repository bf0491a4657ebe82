/**
 * Streams a CSV file record by record (chunks from a read stream go through
 * CsvParser, so memory stays flat however large the file). The first line names
 * the columns; columns that are not the table's become properties (for tables
 * that have properties).
 */
import { createReadStream } from 'node:fs';
import { csvPropertyValue, type PropertyValue } from './convert-row.js';
import { CsvParser, CsvSyntaxError, type CsvRecord } from './csv-parser.js';
import { TABLE_SPECS, type StoreTable } from './table-specs.js';
import { ImportError, type InputRecord } from './input-record.js';

/** Yields the records of each chunk together (one promise per chunk, not per row). */
export async function* readCsv(file: string, table: StoreTable, onBytes?: (bytes: number) => void): AsyncGenerator<InputRecord[]> {
    const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
    const parser = new CsvParser(file.toLowerCase().endsWith('.tsv') ? '\t' : ',');
    const spec = TABLE_SPECS[table];
    const known = new Set(spec.columns.map(c => c.name));
    const hasProperties = known.has('properties');
    let header: string[] | undefined;
    /** For each table column, its index in the header, or -1. */
    let columnIndexes: number[] = [];
    let extraIndexes: number[] = [];
    const records: CsvRecord[] = [];
    let ended = false;
    try {
        const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<string>;
        while (!ended) {
            records.length = 0;
            const next = await chunks.next();
            if (next.done) {
                ended = true;
                parser.finish(records);
            } else {
                parser.feed(next.value, records);
                onBytes?.(stream.bytesRead);
            }
            const batch: InputRecord[] = [];
            for (const { fields, line } of records) {
                if (!header) {
                    header = fields.map(name => name.trim());
                    extraIndexes = checkHeader(file, table, header, known, hasProperties);
                    const names = header;
                    columnIndexes = spec.columns.map(c => names.indexOf(c.name));
                    continue;
                }
                if (fields.length !== header.length) {
                    throw new ImportError(file, line, `wrong number of fields: the header has ${header.length}, this line ${fields.length}`);
                }
                const cells: (string | undefined)[] = new Array(columnIndexes.length);
                for (let k = 0; k < columnIndexes.length; k++) cells[k] = columnIndexes[k] < 0 ? undefined : fields[columnIndexes[k]];
                let extra: Record<string, PropertyValue> | undefined;
                for (const i of extraIndexes) {
                    const value = csvPropertyValue(fields[i]);
                    if (value !== undefined) (extra ??= {})[header[i]] = value;
                }
                batch.push({ line, cells, extra });
            }
            if (batch.length) yield batch;
        }
    } catch (error) {
        if (error instanceof ImportError) throw error;
        if (error instanceof CsvSyntaxError) throw new ImportError(file, error.line, `bad CSV: ${error.message}`);
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ImportError(file, undefined, 'file not found');
        throw new ImportError(file, undefined, (error as Error).message);
    } finally {
        stream.destroy();
    }
    if (!header) throw new ImportError(file, 1, 'the file is empty; a CSV file starts with a line naming its columns');
}

/** Returns the indexes of the extra (property) columns. */
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
