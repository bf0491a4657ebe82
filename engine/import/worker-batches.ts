/**
 * convertedBatches, run in a parse worker when one is available (the bundled
 * out/import-worker.cjs beside the CLI) and the file is big enough to pay for
 * starting it; otherwise in this thread. Batches arrive in file order either way.
 */
import { existsSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { convertedBatches, type ConvertedBatch, type FileFormat } from './converted-batches.js';
import type { SqlCell } from './import-sink.js';
import { ImportError } from './input-record.js';
import type { ParseWorkerData, ParseWorkerMessage } from './parse-worker.js';
import type { StoreTable } from './table-specs.js';

export interface WorkerOptions {
    /** The worker script, used whenever given; by default out/import-worker.cjs beside the bundle, when present and a core is free. */
    workerScript?: string;
    /** Files smaller than this are parsed in this thread (a worker takes ~50 ms to start). */
    workerMinBytes?: number;
}

const DEFAULT_MIN_BYTES = 8 << 20;

export function defaultWorkerScript(): string | undefined {
    // Only the bundles define __dirname; from sources (tests) there is no built worker.
    if (typeof __dirname !== 'string') return undefined;
    const candidate = path.join(__dirname, 'import-worker.cjs');
    return existsSync(candidate) ? candidate : undefined;
}

export function batchesFor(file: string, table: StoreTable, format: FileFormat, options: WorkerOptions = {}): AsyncGenerator<ConvertedBatch> {
    const script = options.workerScript ?? defaultWorkerScript();
    const big = statSync(file).size >= (options.workerMinBytes ?? DEFAULT_MIN_BYTES);
    const useWorker = script && big && (options.workerScript !== undefined || spareCore());
    return useWorker ? workerBatches(script, { file, table, format }) : convertedBatches(file, table, format);
}

/**
 * A worker pays off only on a free core: it costs ~20% more CPU in total (rows
 * are copied between threads), so on a busy machine one thread is faster.
 */
export function spareCore(): boolean {
    const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
    return cores >= 2 && os.loadavg()[0] <= cores - 1;
}

async function* workerBatches(script: string, data: ParseWorkerData): AsyncGenerator<ConvertedBatch> {
    const worker = new Worker(script, { workerData: data });
    const queue: ParseWorkerMessage[] = [];
    let failure: Error | undefined;
    let wake: (() => void) | undefined;
    const notify = () => { wake?.(); wake = undefined; };
    worker.on('message', (message: ParseWorkerMessage) => { queue.push(message); notify(); });
    worker.on('error', error => { failure = error; notify(); });
    worker.on('exit', code => {
        if (code !== 0 && !failure) failure = new Error(`the import's parse worker stopped (exit code ${code})`);
        notify();
    });
    try {
        for (;;) {
            while (queue.length === 0) {
                if (failure) throw failure;
                await new Promise<void>(resolve => { wake = resolve; });
            }
            const message = queue.shift()!;
            if (message.kind === 'done') return;
            if (message.kind === 'error') {
                throw message.importError ? new ImportError(message.file, message.line, message.reason) : new Error(message.reason);
            }
            yield { values: message.values as SqlCell[][], lines: message.lines, bytesRead: message.bytesRead };
            worker.postMessage('ack'); // consumed: the worker may parse one more batch ahead
        }
    } finally {
        // Finished, failed or abandoned (a bad row later on, Ctrl-C): the worker has nothing more to do.
        void worker.terminate();
    }
}
