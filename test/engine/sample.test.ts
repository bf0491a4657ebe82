import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleCommand } from '../../cli/commands/sample.js';
import { memoryIO } from '../../cli/cli-io.js';
import { generateSample } from '../../engine/sample/generate-sample.js';
import { writeSampleStore } from '../../engine/sample/write-sample.js';
import { openStore, type SqlJsStore } from '../../engine/stores/sqljs/store.js';
import { fileHash, tempDir } from './store-helpers.js';

const tmp = tempDir('journey-sample-');
const first = tmp.file('a.sqlite');
let store: SqlJsStore;
const CONTACTS = 600;

beforeAll(async () => {
    await writeSampleStore(first, { contacts: CONTACTS, seed: 42 });
    store = await openStore(first);
});
afterAll(() => { store?.close(); tmp.remove(); });

const query = (sql: string) => store.db.exec(sql)[0]?.values ?? [];
const scalar = (sql: string) => query(sql)[0][0];

// The catalog every engineer agreed on (/tmp/briefs/catalog.md): name, category, object type, anonymous, properties.
const CATALOG: [string, string, string, number, string[]][] = [
    ['page_viewed', 'web_pages', 'contact', 1, ['url_path', 'utm_source', 'utm_campaign', 'campaign', 'referrer']],
    ['form_submitted', 'forms', 'contact', 0, ['form_id', 'url_path', 'campaign']],
    ['cta_clicked', 'ctas', 'contact', 1, ['cta_id', 'url_path', 'campaign']],
    ['email_opened', 'marketing_emails', 'contact', 0, ['email_id', 'campaign']],
    ['email_clicked', 'marketing_emails', 'contact', 0, ['email_id', 'campaign', 'url']],
    ['ad_clicked', 'ads', 'contact', 1, ['ad_network', 'campaign']],
    ['marketing_event_attended', 'marketing_events', 'contact', 0, ['event_title', 'campaign']],
    ['meeting_booked', 'meetings', 'contact', 0, ['meeting_type', 'owner']],
    ['call_logged', 'sales', 'contact', 0, ['outcome', 'owner']],
    ['lifecycle_stage_changed', 'lifecycle', 'contact', 0, ['lifecyclestage']],
    ['deal_created', 'deals', 'deal', 0, ['pipeline', 'amount', 'dealstage']],
    ['deal_stage_changed', 'deals', 'deal', 0, ['pipeline', 'dealstage']],
    ['deal_won', 'deals', 'deal', 0, ['pipeline', 'amount']],
    ['ticket_created', 'tickets', 'ticket', 0, ['priority', 'ticket_category']],
    ['ticket_closed', 'tickets', 'ticket', 0, ['priority', 'resolution']],
];

describe('the sample store', () => {
    it('is deterministic: the same seed writes the same bytes, another seed does not', async () => {
        const again = tmp.file('b.sqlite');
        await writeSampleStore(again, { contacts: CONTACTS, seed: 42 });
        expect(fileHash(again)).toBe(fileHash(first));
        const other = tmp.file('c.sqlite');
        await writeSampleStore(other, { contacts: CONTACTS, seed: 43 });
        expect(fileHash(other)).not.toBe(fileHash(first));
    });

    it('has exactly the agreed event catalog, with descriptions', () => {
        const rows = query('SELECT event_name, category, object_type, supports_anonymous, description FROM event_types ORDER BY rowid');
        expect(rows.map(r => r.slice(0, 4))).toEqual(CATALOG.map(c => c.slice(0, 4)));
        for (const row of rows) expect(String(row[4]).length).toBeGreaterThan(10);
    });

    it('uses only catalog events, with each event on its catalog object type and only its catalog properties', () => {
        const byName = new Map(CATALOG.map(c => [c[0], c]));
        const seenProps = new Map<string, Set<string>>();
        const problems = new Set<string>();
        for (const [name, objectType, anonymousId, props] of query('SELECT event_name, object_type, anonymous_id, properties FROM events')) {
            const entry = byName.get(String(name));
            if (!entry) { problems.add(`unknown event ${name}`); continue; }
            if (objectType === null && (entry[3] !== 1 || anonymousId === null)) problems.add(`${name} anonymous without support or id`);
            if (objectType !== null && objectType !== entry[2]) problems.add(`${name} on ${objectType}`);
            const set = seenProps.get(String(name)) ?? new Set();
            for (const key of Object.keys(JSON.parse(String(props)))) {
                if (!entry[4].includes(key)) problems.add(`${name}.${key}`);
                set.add(key);
            }
            seenProps.set(String(name), set);
        }
        expect([...problems]).toEqual([]);
        // Every catalog event and every catalog property occurs somewhere.
        for (const [name, , , , props] of CATALOG) expect([...(seenProps.get(name) ?? [])].sort(), name).toEqual([...props].sort());
    });

    it('spans 2025-01-01 to 2026-06-30 UTC with about 40 events per contact', () => {
        const [min, max, count] = query('SELECT min(occurred_at), max(occurred_at), count(*) FROM events')[0] as number[];
        expect(min).toBeGreaterThanOrEqual(Date.UTC(2025, 0, 1));
        expect(max).toBeLessThan(Date.UTC(2026, 6, 1));
        expect(max).toBeGreaterThan(Date.UTC(2026, 5, 1));
        expect(count / CONTACTS).toBeGreaterThan(30);
        expect(count / CONTACTS).toBeLessThan(50);
    });

    it('has Zipf-like page popularity: the home page first, each of the top pages more viewed than the next', () => {
        const counts = query("SELECT json_extract(properties, '$.url_path') AS p, count(*) AS n FROM events WHERE event_name = 'page_viewed' GROUP BY p ORDER BY n DESC").map(r => Number(r[1]));
        expect(query("SELECT json_extract(properties, '$.url_path') AS p, count(*) AS n FROM events WHERE event_name = 'page_viewed' GROUP BY p ORDER BY n DESC LIMIT 1")[0][0]).toBe('/');
        expect(counts.length).toBeGreaterThan(15);
        expect(counts[0]).toBeGreaterThan(counts[4] * 2);
        expect(counts[0]).toBeGreaterThan(counts[counts.length - 1] * 10);
    });

    it('has anonymous visitors, some identified later (their anonymous events come before the contact exists)', () => {
        const anonymousEvents = Number(scalar('SELECT count(*) FROM events WHERE object_id IS NULL'));
        expect(anonymousEvents).toBeGreaterThan(CONTACTS);
        const identified = Number(scalar('SELECT count(*) FROM identities'));
        expect(identified).toBeGreaterThan(CONTACTS * 0.2);
        expect(identified).toBeLessThan(CONTACTS * 0.6);
        expect(Number(scalar('SELECT count(DISTINCT anonymous_id) FROM events WHERE object_id IS NULL AND anonymous_id NOT IN (SELECT anonymous_id FROM identities)'))).toBeGreaterThan(CONTACTS * 0.2);
        // Every identity points at a real contact, and its anonymous touches happen before that contact was created.
        expect(scalar("SELECT count(*) FROM identities i LEFT JOIN objects o ON o.object_type = 'contact' AND o.object_id = i.contact_id WHERE o.object_id IS NULL")).toBe(0);
        expect(scalar("SELECT count(*) FROM events e JOIN identities i ON i.anonymous_id = e.anonymous_id JOIN objects o ON o.object_type = 'contact' AND o.object_id = i.contact_id WHERE e.object_id IS NULL AND e.occurred_at > o.created_at")).toBe(0);
    });

    it('has deals and tickets associated with contacts, won deals, and objects with the agreed properties', () => {
        expect(scalar("SELECT count(*) FROM objects WHERE object_type = 'contact'")).toBe(CONTACTS);
        expect(Number(scalar("SELECT count(*) FROM objects WHERE object_type = 'deal'"))).toBeGreaterThan(5);
        expect(Number(scalar("SELECT count(*) FROM events WHERE event_name = 'deal_won'"))).toBeGreaterThan(0);
        expect(Number(scalar("SELECT count(*) FROM objects WHERE object_type = 'ticket'"))).toBeGreaterThan(0);
        expect(scalar("SELECT count(*) FROM objects o WHERE o.object_type IN ('deal', 'ticket') AND NOT EXISTS (SELECT 1 FROM associations a WHERE a.object_type = o.object_type AND a.object_id = o.object_id AND a.related_type = 'contact')")).toBe(0);
        expect(scalar("SELECT count(*) FROM events e WHERE e.object_type IS NOT NULL AND NOT EXISTS (SELECT 1 FROM objects o WHERE o.object_type = e.object_type AND o.object_id = e.object_id)")).toBe(0);
        const contactKeys = query("SELECT DISTINCT properties FROM objects WHERE object_type = 'contact' LIMIT 50").map(r => Object.keys(JSON.parse(String(r[0]))).sort().join(','));
        expect(new Set(contactKeys)).toEqual(new Set(['country,email_domain,industry,lifecyclestage']));
        expect(query("SELECT DISTINCT json_extract(properties, '$.lifecyclestage') FROM objects WHERE object_type = 'contact'").map(r => r[0]).sort())
            .toEqual(['customer', 'lead', 'mql', 'opportunity', 'sql', 'subscriber']);
        expect(query("SELECT DISTINCT json_extract(properties, '$.campaign') FROM events WHERE json_extract(properties, '$.campaign') IS NOT NULL").map(r => r[0])).toEqual(expect.arrayContaining(['Spring launch', 'Summer webinar', 'Black Friday']));
        // The funnel the example report walks: page → form → meeting → deal has people at every step.
        expect(Number(scalar("SELECT count(DISTINCT object_id) FROM events WHERE event_name = 'meeting_booked'"))).toBeGreaterThan(10);
    });

    it('generates in batches rather than all at once', () => {
        const batches = [...generateSample({ contacts: 2000, seed: 1 })];
        expect(batches.length).toBeGreaterThan(2);
        expect(batches.at(-1)!.contactsDone).toBe(2000);
        expect(() => [...generateSample({ contacts: 0, seed: 1 })]).toThrow(/at least 1/);
    });
});

describe('journey sample (the command)', () => {
    it('writes the store, refuses to overwrite without --force, and validates options', async () => {
        const io = memoryIO(tmp.dir);
        expect(await sampleCommand.run(['--db', 'cmd.sqlite', '--contacts', '50', '--seed', '3'], io)).toBe(0);
        expect(io.err).toMatch(/^wrote cmd\.sqlite: [\d,]+ events, [\d,]+ objects/);
        const bytes = readFileSync(tmp.file('cmd.sqlite'));
        await expect(sampleCommand.run(['--db', 'cmd.sqlite'], io)).rejects.toThrow('cmd.sqlite already exists; pass --force');
        expect(await sampleCommand.run(['--db', 'cmd.sqlite', '--contacts', '50', '--seed', '3', '--force'], io)).toBe(0);
        expect(readFileSync(tmp.file('cmd.sqlite')).equals(bytes)).toBe(true);
        await expect(sampleCommand.run(['--db', 'x.sqlite', '--contacts', 'many'], io)).rejects.toThrow("--contacts must be a whole number of at least 1 (got 'many')");
        await expect(sampleCommand.run(['--contacts', '5'], io)).rejects.toThrow('--db STORE is required');
        await expect(sampleCommand.run(['--db', 'huge.sqlite', '--contacts', '2000000'], io)).rejects.toThrow('--contacts 2000000 is too many for a sql.js store (about 80M events); the most is 750000');
    });
});
