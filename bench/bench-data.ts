/**
 * The bench's data: sample stores of a given size (made once with `journey
 * sample`, cached under .bench-cache/), their events as CSV for the import
 * measurement, and the same rows in a DuckDB file for the peer.
 */
import { createWriteStream, existsSync, renameSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { DuckDBInstance } from '@duckdb/node-api';
import { openStore } from '../engine/stores/sqljs/store.js';
import { csvCell } from '../engine/format/csv.js';
import { ATTRIBUTED_SQL } from './duckdb-peer.js';

export const CACHE = '.bench-cache';
/** The sample writes about 39 events per contact. */
export const EVENTS_PER_CONTACT = 39;

export function cliArgs(...args: string[]): string[] {
    return ['bin/journey.cjs', ...args];
}

export function ensureSampleStore(events: number): string {
    const store = `${CACHE}/sample-${label(events)}.sqlite`;
    if (!existsSync(store)) {
        const contacts = Math.round(events / EVENTS_PER_CONTACT);
        console.log(`  making ${store} (${contacts.toLocaleString('en-US')} contacts)…`);
        execFileSync('node', ['--max-old-space-size=8192', ...cliArgs('sample', '--db', store, '--contacts', String(contacts), '--seed', '7')], { stdio: 'inherit' });
    }
    return store;
}

export function label(events: number): string {
    return events >= 1_000_000 ? `${events / 1_000_000}M` : `${events / 1000}k`;
}

/** Streams a store table to CSV (header from the columns), atomically. */
async function exportTable(store: string, table: string, columns: string[], target: string): Promise<void> {
    const opened = await openStore(store);
    const temp = `${target}.tmp`;
    const out = createWriteStream(temp);
    out.write(`${columns.join(',')}\n`);
    const statement = opened.db.prepare(`SELECT ${columns.join(', ')} FROM ${table}`);
    let chunk = '';
    while (statement.step()) {
        chunk += `${statement.get().map(v => csvCell(v as string | number | null)).join(',')}\n`;
        if (chunk.length > 1 << 20) {
            if (!out.write(chunk)) await once(out, 'drain');
            chunk = '';
        }
    }
    statement.free();
    out.end(chunk);
    await once(out, 'finish');
    opened.close();
    renameSync(temp, target);
}

export const EVENT_COLUMNS = ['event_id', 'event_name', 'occurred_at', 'object_type', 'object_id', 'anonymous_id', 'properties'];

export async function ensureCsv(store: string, events: number): Promise<{ events: string; identities: string }> {
    const files = { events: `${CACHE}/events-${label(events)}.csv`, identities: `${CACHE}/identities-${label(events)}.csv` };
    if (!existsSync(files.events)) await exportTable(store, 'events', EVENT_COLUMNS, files.events);
    if (!existsSync(files.identities)) await exportTable(store, 'identities', ['anonymous_id', 'contact_id'], files.identities);
    return files;
}

/** The same events and identities in a DuckDB file, loaded with DuckDB's own CSV reader, with the peer's attributed table. */
export async function ensureDuckDb(csv: { events: string; identities: string }, events: number): Promise<string> {
    const file = `${CACHE}/sample-${label(events)}.duckdb`;
    if (existsSync(file)) return file;
    const temp = `${file}.tmp`;
    rmSync(temp, { force: true });
    const instance = await DuckDBInstance.create(temp);
    const connection = await instance.connect();
    await connection.run(`CREATE TABLE events AS SELECT * FROM read_csv('${csv.events}', header = true, quote = '"', escape = '"',
        columns = {'event_id': 'VARCHAR', 'event_name': 'VARCHAR', 'occurred_at': 'BIGINT', 'object_type': 'VARCHAR',
                   'object_id': 'VARCHAR', 'anonymous_id': 'VARCHAR', 'properties': 'VARCHAR'})`);
    await connection.run(`CREATE TABLE identities AS SELECT * FROM read_csv('${csv.identities}', header = true,
        columns = {'anonymous_id': 'VARCHAR', 'contact_id': 'VARCHAR'})`);
    await connection.run(ATTRIBUTED_SQL);
    connection.closeSync();
    instance.closeSync();
    renameSync(temp, file);
    return file;
}
