/**
 * The parse worker: reads, converts and validates one file and posts batches of
 * store rows to the importer, so that on two cores parsing and sql.js inserts
 * run side by side. Built as out/import-worker.cjs (esbuild.mjs). At most
 * MAX_IN_FLIGHT batches wait unacknowledged, so memory stays bounded.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { convertedBatches, type FileFormat } from './converted-batches.js';
import { ImportError } from './input-record.js';
import type { StoreTable } from './table-specs.js';

export interface ParseWorkerData { file: string; table: StoreTable; format: FileFormat }

export type ParseWorkerMessage =
    | { kind: 'rows'; values: unknown[][]; lines: number[]; bytesRead: number }
    | { kind: 'error'; file: string; line: number | undefined; reason: string; importError: boolean }
    | { kind: 'done' };

export const MAX_IN_FLIGHT = 4;

async function run(port: NonNullable<typeof parentPort>, data: ParseWorkerData): Promise<void> {
    let inFlight = 0;
    let wake: (() => void) | undefined;
    port.on('message', () => {
        inFlight--;
        wake?.();
        wake = undefined;
    });
    const post = (message: ParseWorkerMessage) => port.postMessage(message);
    try {
        for await (const batch of convertedBatches(data.file, data.table, data.format)) {
            post({ kind: 'rows', values: batch.values, lines: batch.lines, bytesRead: batch.bytesRead });
            inFlight++;
            while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>(resolve => { wake = resolve; });
        }
        post({ kind: 'done' });
    } catch (error) {
        const e = error as Error;
        if (e instanceof ImportError) post({ kind: 'error', file: e.file, line: e.line, reason: e.reason, importError: true });
        else post({ kind: 'error', file: data.file, line: undefined, reason: e.message, importError: false });
    }
    port.close();
}

if (parentPort && workerData && typeof (workerData as ParseWorkerData).file === 'string') {
    void run(parentPort, workerData as ParseWorkerData);
}
