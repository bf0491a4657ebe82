/**
 * Writes a sample store file: the generated rows go through the sql.js import
 * sink (multi-row prepared inserts in one transaction), and the file is
 * replaced atomically at the end, so an interrupted run leaves no half store.
 */
import type { ImportRow } from '../import/import-sink.js';
import { SqlJsSink } from '../import/sqljs-sink.js';
import { STORE_TABLE_NAMES } from '../import/table-specs.js';
import { generateSample, type SampleOptions } from './generate-sample.js';

/**
 * About 125 bytes of store per event and 40 events per contact: beyond this the
 * file would pass the 4 GiB that sql.js can hold (engine/stores/sqljs/store.ts).
 */
export const MAX_SAMPLE_CONTACTS = 750_000;

export interface WriteSampleOptions extends SampleOptions {
    onProgress?: (fraction: number, message: string) => void;
    signal?: AbortSignal;
}

export interface SampleSummary {
    events: number;
    objects: number;
    identities: number;
    associations: number;
    eventTypes: number;
}

export async function writeSampleStore(storePath: string, options: WriteSampleOptions): Promise<SampleSummary> {
    if (options.contacts > MAX_SAMPLE_CONTACTS) {
        throw new Error(`${options.contacts.toLocaleString('en-US')} contacts (about ${Math.round(options.contacts * 40 / 1e6)}M events) would not fit in a sql.js store; the most is ${MAX_SAMPLE_CONTACTS.toLocaleString('en-US')} (about 30M events)`);
    }
    // About 40 events of about 130 bytes per contact: reserving it spares sql.js regrowing its file.
    const sink = new SqlJsSink(storePath, { replace: true, signal: options.signal, reserveBytes: options.contacts * 40 * 135 });
    const summary: SampleSummary = { events: 0, objects: 0, identities: 0, associations: 0, eventTypes: 0 };
    await sink.begin();
    try {
        for (const batch of generateSample(options)) {
            options.signal?.throwIfAborted();
            for (const table of STORE_TABLE_NAMES) {
                const rows = batch.rows[table];
                if (rows.length === 0) continue;
                await sink.insertRows(table, rows.map((values): ImportRow => ({ values, source: 'sample' })));
                if (table === 'event_types') summary.eventTypes += rows.length; else summary[table] += rows.length;
            }
            options.onProgress?.(batch.contactsDone / options.contacts * 0.95, `${summary.events.toLocaleString('en-US')} events`);
        }
        options.onProgress?.(0.97, 'writing the store file');
        await sink.commit();
    } catch (error) {
        await sink.rollback();
        throw error;
    }
    options.onProgress?.(1, 'done');
    return summary;
}
