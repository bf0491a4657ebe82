/**
 * A tiny store whose numbers are computed by hand in the tests, and helpers
 * to run commands in-process in a temporary folder.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { memoryIO } from '../../cli/cli-io.js';
import { loadSqlJs } from '../../engine/stores/sqljs/sqljs-loader.js';
import { STORE_SCHEMA_SQL } from '../../engine/stores/sqljs/schema.js';

const DAY = 86_400_000;
export const T0 = Date.UTC(2026, 5, 1); // 2026-06-01

/**
 * c1: page 06-01, form 06-02, meeting 06-05 (a full path)
 * c2: page 06-01, form 06-20 (stops after the form)
 * c3: page 06-03 only
 * c4: form 06-01 only (never viewed a page: not on the journey)
 * anonymous a1: page 06-02 (counts only with anonymous visitors on)
 */
export const EVENTS: [string, string, number, string | null, string | null, string | null, string][] = [
    ['e01', 'page_viewed', T0, 'contact', 'c1', null, '{"url_path":"/pricing"}'],
    ['e02', 'form_submitted', T0 + DAY, 'contact', 'c1', null, '{"form_id":"demo-request"}'],
    ['e03', 'meeting_booked', T0 + 4 * DAY, 'contact', 'c1', null, '{}'],
    ['e04', 'page_viewed', T0, 'contact', 'c2', null, '{"url_path":"/"}'],
    ['e05', 'form_submitted', T0 + 19 * DAY, 'contact', 'c2', null, '{"form_id":"contact-us"}'],
    ['e06', 'page_viewed', T0 + 2 * DAY, 'contact', 'c3', null, '{"url_path":"/pricing"}'],
    ['e07', 'form_submitted', T0, 'contact', 'c4', null, '{"form_id":"contact-us"}'],
    ['e08', 'page_viewed', T0 + DAY, null, null, 'a1', '{"url_path":"/"}'],
];

export async function writeTinyStore(file: string): Promise<void> {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    db.run(STORE_SCHEMA_SQL);
    for (const row of EVENTS) db.run('INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?)', row);
    for (const id of ['c1', 'c2', 'c3', 'c4']) db.run(`INSERT INTO objects VALUES ('contact', ?, ?, '{"lifecyclestage":"lead"}')`, [id, T0 - DAY]);
    for (const [name, category, anonymous] of [['page_viewed', 'web_pages', 1], ['form_submitted', 'forms', 0], ['meeting_booked', 'meetings', 0]] as const) {
        db.run('INSERT INTO event_types VALUES (?, ?, ?, ?, NULL)', [name, category, 'contact', anonymous]);
    }
    writeFileSync(file, db.export());
    db.close();
}

export const FUNNEL = `
journey "Pages to meetings" {
    source contacts
    dates from 2026-06-01 to 2026-06-30
    stage "Viewed a page" { event page_viewed breakdown by url_path }
    stage "Submitted a form" { event form_submitted }
    stage "Booked a meeting" { event meeting_booked }
}

journey "With anonymous visitors" {
    source contacts
    include anonymous visitors
    dates last 7 days
    stage "Viewed a page" { event page_viewed }
    stage "Submitted a form" { event form_submitted }
}
`;

/** A temporary folder holding tiny.sqlite and funnel.journey; commands run with it as cwd. */
export async function tinyWorkspace(): Promise<{ dir: string; io: () => ReturnType<typeof memoryIO> }> {
    const dir = mkdtempSync(path.join(tmpdir(), 'journey-run-'));
    await writeTinyStore(path.join(dir, 'tiny.sqlite'));
    writeFileSync(path.join(dir, 'funnel.journey'), FUNNEL);
    return { dir, io: () => memoryIO(dir) };
}
