/**
 * A file's rows, read, converted and validated, in batches of at most
 * BATCH_ROWS: the same code runs in the importer's thread or in a parse worker
 * (engine/import/parse-worker.ts), so both paths accept and refuse exactly the same rows.
 */
import { convertRow, RowError } from './convert-row.js';
import type { SqlCell } from './import-sink.js';
import { ImportError, type InputRecord } from './input-record.js';
import { readCsv } from './read-csv.js';
import { readNdjson } from './read-ndjson.js';
import type { StoreTable } from './table-specs.js';

export const BATCH_ROWS = 4096;

export type FileFormat = 'csv' | 'ndjson';

export interface ConvertedBatch {
    /** Store rows in the table's column order. */
    values: SqlCell[][];
    /** The line of each row in the file. */
    lines: number[];
    /** Bytes of the file read so far (for progress). */
    bytesRead: number;
}

export async function* convertedBatches(file: string, table: StoreTable, format: FileFormat): AsyncGenerator<ConvertedBatch> {
    let bytesRead = 0;
    const onBytes = (bytes: number) => { bytesRead = bytes; };
    const chunks: AsyncGenerator<InputRecord[]> = format === 'csv' ? readCsv(file, table, onBytes) : readNdjson(file, table, onBytes);
    let values: SqlCell[][] = [];
    let lines: number[] = [];
    for await (const records of chunks) {
        for (const record of records) {
            try {
                values.push(convertRow(table, record.cells, record.extra));
            } catch (error) {
                if (error instanceof RowError) throw new ImportError(file, record.line, error.reason);
                throw error;
            }
            lines.push(record.line);
            if (values.length >= BATCH_ROWS) {
                yield { values, lines, bytesRead };
                values = [];
                lines = [];
            }
        }
    }
    if (values.length) yield { values, lines, bytesRead };
}
