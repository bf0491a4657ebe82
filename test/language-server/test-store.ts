/**
 * A small store built with sql.js and the contract's DDL, holding a few events
 * of the agreed catalog, for catalog, completion, hover and `check --db` tests.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadSqlJs } from '../../engine/stores/sqljs/sqljs-loader.js';
import { STORE_SCHEMA_SQL } from '../../engine/stores/sqljs/schema.js';
import { CATALOG_CACHE_TABLE, catalogFingerprintOf, readCatalog, serializeCatalog } from '../../engine/stores/sqljs/catalog-reader.js';
import type { StoreCatalog } from '../../engine/catalog.js';

export const EVENT_TYPES: [string, string, string, number, string | null][] = [
    ['page_viewed', 'web_pages', 'contact', 1, 'A visitor viewed a page of the website.'],
    ['form_submitted', 'forms', 'contact', 0, 'A contact submitted a form.'],
    ['cta_clicked', 'ctas', 'contact', 1, null],
    ['email_opened', 'marketing_emails', 'contact', 0, null],
    ['meeting_booked', 'meetings', 'contact', 0, null],
    ['deal_created', 'deals', 'deal', 0, null],
];

const DAY = 86_400_000;
const JAN1 = Date.UTC(2025, 0, 1);

/** Events: 6 page views (3 on /pricing), 2 forms, 1 meeting, 1 deal and 2 custom "Webinar joined" events. */
export async function buildTestStoreBytes(options: { bigCache?: boolean } = {}): Promise<Uint8Array> {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    db.run(STORE_SCHEMA_SQL);
    for (const row of EVENT_TYPES) db.run('INSERT INTO event_types VALUES (?, ?, ?, ?, ?)', row);
    let id = 0;
    const add = (name: string, day: number, props: object, objectType: string | null = 'contact', objectId: string | null = 'c1') => {
        db.run('INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?)',
            [`e${++id}`, name, JAN1 + day * DAY + 3600_000, objectType, objectId, objectType ? null : `anon${id}`, JSON.stringify(props)]);
    };
    for (let i = 0; i < 6; i++) add('page_viewed', i, { url_path: i < 3 ? '/pricing' : `/blog/${i}`, utm_source: 'google' });
    add('form_submitted', 2, { form_id: 'demo-request', campaign: 'Spring launch' });
    add('form_submitted', 40, { form_id: 'newsletter' });
    add('meeting_booked', 3, { meeting_type: 'demo', owner: 'ana' });
    add('deal_created', 4, { pipeline: 'default', amount: 1200, dealstage: 'open' }, 'deal', 'd1');
    add('Webinar joined', 5, { webinar: 'Summer webinar', live: true }, null, null);
    add('Webinar joined', 6, { webinar: 'Summer webinar', live: false }, null, null);
    db.run("INSERT INTO objects VALUES ('contact', 'c1', ?, ?)", [JAN1, JSON.stringify({ lifecyclestage: 'lead', country: 'DE' })]);
    db.run("INSERT INTO objects VALUES ('deal', 'd1', ?, ?)", [JAN1, JSON.stringify({ pipeline: 'default', amount: 1200 })]);
    if (options.bigCache) {
        // A summary as a writer would have cached it, scaled so that the store "holds" 30M events.
        const catalog = await readCatalog(db);
        for (const event of catalog.events.values()) {
            event.count *= 2_500_000;
            event.dayCounts = event.dayCounts.map(n => n * 2_500_000);
        }
        catalog.totalEvents *= 2_500_000;
        const fingerprint = catalogFingerprintOf(db);
        db.run(`CREATE TABLE ${CATALOG_CACHE_TABLE} (fingerprint TEXT NOT NULL, catalog TEXT NOT NULL)`);
        db.run(`INSERT INTO ${CATALOG_CACHE_TABLE} VALUES (?, ?)`, [fingerprint, serializeCatalog(catalog)]);
    }
    const bytes = db.export();
    db.close();
    return bytes;
}

/** Writes the test store to a fresh temporary folder and returns its path. */
export async function writeTestStore(options: { bigCache?: boolean } = {}): Promise<string> {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'journey-lang-'));
    const file = path.join(folder, options.bigCache ? 'big.sqlite' : 'store.sqlite');
    writeFileSync(file, await buildTestStoreBytes(options));
    return file;
}

export async function testCatalog(): Promise<StoreCatalog> {
    const SQL = await loadSqlJs();
    const db = new SQL.Database(await buildTestStoreBytes());
    try {
        return await readCatalog(db);
    } finally {
        db.close();
    }
}
