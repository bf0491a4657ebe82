import { copyFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCommand } from '../../cli/commands/import.js';
import { memoryIO, UserError } from '../../cli/cli-io.js';
import { importSources, type ImportSource } from '../../engine/import/importer.js';
import { SqlJsSink } from '../../engine/import/sqljs-sink.js';
import { openImportSink } from '../../engine/import/open-sink.js';
import { openStore } from '../../engine/stores/sqljs/store.js';
import { fileHash, FIXTURES, tempDir } from './store-helpers.js';

const tmp = tempDir('journey-import-');
afterAll(() => tmp.remove());

const fixture = (name: string) => path.join(FIXTURES, name);
const GOOD: ImportSource[] = [
    { kind: 'file', table: 'events', file: fixture('events.csv') },
    { kind: 'file', table: 'events', file: fixture('events-extra-columns.csv') },
    { kind: 'file', table: 'events', file: fixture('events.ndjson') },
    { kind: 'file', table: 'objects', file: fixture('objects.csv') },
    { kind: 'file', table: 'objects', file: fixture('objects.ndjson') },
    { kind: 'file', table: 'identities', file: fixture('identities.csv') },
    { kind: 'file', table: 'identities', file: fixture('identities.ndjson') },
    { kind: 'file', table: 'associations', file: fixture('associations.csv') },
    { kind: 'file', table: 'associations', file: fixture('associations.ndjson') },
    { kind: 'file', table: 'event_types', file: fixture('event_types.csv') },
    { kind: 'file', table: 'event_types', file: fixture('event_types.ndjson') },
];

async function rows(file: string, sql: string): Promise<unknown[][]> {
    const store = await openStore(file);
    try {
        return store.db.exec(sql)[0]?.values ?? [];
    } finally {
        store.close();
    }
}

const goodStore = tmp.file('good.sqlite');
beforeAll(async () => {
    const summary = await importSources(new SqlJsSink(goodStore), GOOD);
    expect(summary).toEqual({ events: 9, objects: 5, identities: 2, associations: 2, event_types: 5 });
});

describe('importing every table from CSV and NDJSON', () => {
    it('events: JSON properties, ISO times with and without a zone, epoch ms, anonymous events', async () => {
        expect(await rows(goodStore, "SELECT * FROM events WHERE event_id IN ('ev-1','ev-2','ev-3','ev-4','ev-22') ORDER BY event_id")).toEqual([
            ['ev-1', 'page_viewed', Date.UTC(2025, 1, 20, 10), null, null, 'anon-7', '{"url_path":"/pricing"}'],
            ['ev-2', 'form_submitted', Date.UTC(2025, 1, 20, 10, 5), 'contact', 'c-42', 'anon-7', '{"form_id":"demo-request"}'],
            ['ev-22', 'ad_clicked', Date.UTC(2025, 2, 3), null, null, 'anon-9', '{}'],
            ['ev-3', 'deal_created', 1740132000000, 'deal', 'd-9', null, '{"amount":12000,"pipeline":"default"}'],
            ['ev-4', 'page_viewed', Date.UTC(2025, 1, 21, 9, 30, 0, 250), 'contact', 'c-42', null, '{}'],
        ]);
    });

    it('events: extra CSV columns become typed properties (numbers, booleans; "007" stays text; empty cells are not set)', async () => {
        const props = await rows(goodStore, "SELECT properties FROM events WHERE event_id IN ('ev-10','ev-11') ORDER BY event_id");
        expect(props.map(r => JSON.parse(String(r[0])))).toEqual([
            { url_path: '/pricing', utm_source: 'google', amount: 12.5, vip: true, zip: '007' },
            { url_path: '/demo', amount: 3, vip: false },
        ]);
    });

    it('events: NDJSON properties objects, null properties dropped', async () => {
        expect(await rows(goodStore, "SELECT event_id, occurred_at, properties FROM events WHERE event_id IN ('ev-20','ev-21') ORDER BY event_id")).toEqual([
            ['ev-20', Date.UTC(2025, 2, 2, 8), '{"email_id":"spring-1","campaign":"Spring launch"}'],
            ['ev-21', 1740906000000, '{"meeting_type":"demo"}'],
        ]);
    });

    it('objects, identities, associations, event_types', async () => {
        expect(await rows(goodStore, 'SELECT * FROM objects ORDER BY object_type, object_id')).toEqual([
            ['contact', 'c-42', Date.UTC(2025, 0, 15), '{"lifecyclestage":"lead","country":"DE"}'],
            ['contact', 'c-43', null, '{}'],
            ['contact', 'c-44', null, '{}'],
            ['deal', 'd-9', Date.UTC(2025, 1, 21, 10), '{"pipeline":"default","amount":12000}'],
            ['ticket', 't-1', 1740132000000, '{"priority":"high"}'],
        ]);
        expect(await rows(goodStore, 'SELECT * FROM identities ORDER BY anonymous_id')).toEqual([['anon-7', 'c-42'], ['anon-9', 'c-43']]);
        expect(await rows(goodStore, 'SELECT * FROM associations ORDER BY object_type')).toEqual([
            ['deal', 'd-9', 'contact', 'c-42'], ['ticket', 't-1', 'contact', 'c-42'],
        ]);
        expect(await rows(goodStore, 'SELECT * FROM event_types ORDER BY event_name')).toEqual([
            ['ad_clicked', 'ads', 'contact', 1, null],
            ['deal_created', 'deals', 'deal', 0, null],
            ['email_opened', 'marketing_emails', 'contact', 0, 'An email was opened'],
            ['form_submitted', 'forms', 'contact', 0, 'A form was submitted'],
            ['page_viewed', 'web_pages', 'contact', 1, 'A page of the website was viewed'],
        ]);
    });
});

describe('a bad row aborts the import, names file:line:reason, and leaves the store byte-for-byte as it was', () => {
    const cases: [string, string, string][] = [
        ['bad/bad-json.ndjson', 'events', ':2: bad JSON'],
        ['bad/missing-column.csv', 'events', ":1: missing column 'occurred_at' for table events"],
        ['bad/missing-value.ndjson', 'events', ':2: event_name is missing'],
        ['bad/bad-time.csv', 'events', ":3: occurred_at: '2025-02-30T10:00:00Z' is not a real date and time"],
        ['bad/duplicate-in-file.csv', 'events', ":4: duplicate event_id 'b-1': earlier in this import"],
        ['bad/duplicate-of-store.ndjson', 'events', ":2: duplicate event_id 'ev-1': already in the store"],
        ['bad/null-required.ndjson', 'events', ':1: occurred_at is null'],
        ['bad/bad-properties.csv', 'events', ':3: properties is not valid JSON'],
        ['bad/no-owner.csv', 'events', ':2: an event needs object_type and object_id, or an anonymous_id'],
        ['bad/wrong-field-count.csv', 'identities', ':3: wrong number of fields: the header has 2, this line 3'],
        ['identities.csv', 'contacts', ": unknown table 'contacts'"],
        ['events.csv', 'identities', ":1: unknown column 'event_id' for table identities"],
        ['objects.ndjson', 'events', ":1: unknown field 'created_at' for table events"],
        ['bad/no-such-file.csv', 'events', ': file not found'],
    ];
    for (const [name, table, expected] of cases) {
        it(`${name} as ${table}`, async () => {
            const store = tmp.file(`${path.basename(name)}-${table}.sqlite`);
            copyFileSync(goodStore, store);
            const before = fileHash(store);
            // 600 good rows first, so the failure comes after rows were already inserted in the transaction.
            const sources: ImportSource[] = [{ kind: 'file', table: 'events', file: fixture('more-events.ndjson') }, { kind: 'file', table, file: fixture(name) }];
            const error = await importSources(new SqlJsSink(store), sources).then(() => undefined, e => e as Error);
            expect(error?.message.startsWith(`${fixture(name)}${expected}`), error?.message).toBe(true);
            expect(fileHash(store)).toBe(before);
            expect(existsSync(`${store}.lock`)).toBe(false);
        });
    }

    it('duplicate keys of objects, identities and event_types name the key and where it already is', async () => {
        const store = tmp.file('dup-keys.sqlite');
        copyFileSync(goodStore, store);
        const before = fileHash(store);
        const cases: [string, string, string][] = [
            ['objects', 'objects.ndjson', ":1: duplicate objects key (object_type, object_id) = ('ticket', 't-1'): already in the store"],
            ['identities', 'identities.csv', ":2: duplicate anonymous_id 'anon-7': already in the store"],
            ['event_types', 'event_types.ndjson', ":1: duplicate event_name 'email_opened': already in the store"],
        ];
        for (const [table, name, expected] of cases) {
            await expect(importSources(new SqlJsSink(store), [{ kind: 'file', table, file: fixture(name) }])).rejects.toThrow(`${fixture(name)}${expected}`);
            expect(fileHash(store)).toBe(before);
        }
        // associations have no key: the same pair again is kept.
        await importSources(new SqlJsSink(store), [{ kind: 'file', table: 'associations', file: fixture('associations.csv') }]);
        expect(await rows(store, "SELECT count(*) FROM associations WHERE object_id = 'd-9'")).toEqual([[2]]);
    });

    it('a failed import into a missing store creates no file', async () => {
        const store = tmp.file('never.sqlite');
        await expect(importSources(new SqlJsSink(store), [{ kind: 'file', table: 'events', file: fixture('bad/bad-time.csv') }])).rejects.toThrow(/bad-time.csv:3:/);
        expect(existsSync(store)).toBe(false);
    });

    it('an aborted import (Ctrl-C) changes nothing', async () => {
        const store = tmp.file('aborted.sqlite');
        copyFileSync(goodStore, store);
        const before = fileHash(store);
        const controller = new AbortController();
        controller.abort();
        await expect(importSources(new SqlJsSink(store), [{ kind: 'file', table: 'events', file: fixture('events-extra-columns.csv') }], { signal: controller.signal })).rejects.toThrow();
        expect(fileHash(store)).toBe(before);
    });
});

describe('TSV', () => {
    it('reads .tsv files as tab-separated', async () => {
        const store = tmp.file('tsv.sqlite');
        await importSources(new SqlJsSink(store), [{ kind: 'file', table: 'identities', file: fixture('identities.tsv') }]);
        expect(await rows(store, 'SELECT * FROM identities')).toEqual([['anon-t1', 'c-1']]);
    });
});

describe('--store copies a whole store', () => {
    it('copies every row of every table, and refuses a second copy as duplicates without changing anything', async () => {
        const target = tmp.file('copy.sqlite');
        await importSources(new SqlJsSink(target), [{ kind: 'store', file: goodStore }]);
        for (const table of ['events', 'objects', 'identities', 'associations', 'event_types']) {
            expect(await rows(target, `SELECT * FROM ${table} ORDER BY rowid`)).toEqual(await rows(goodStore, `SELECT * FROM ${table} ORDER BY rowid`));
        }
        const before = fileHash(target);
        await expect(importSources(new SqlJsSink(target), [{ kind: 'store', file: goodStore }])).rejects.toThrow(/\(events row 1\): duplicate event_id 'ev-1': already in the store/);
        expect(fileHash(target)).toBe(before);
    });
});

describe('journey import (the command)', () => {
    it('imports relative paths from the working folder and reports what it loaded', async () => {
        const io = memoryIO(FIXTURES);
        const store = tmp.file('cli.sqlite');
        expect(await importCommand.run(['--db', store, '--events', 'events.csv', '--event-types=event_types.ndjson'], io)).toBe(0);
        expect(io.err).toMatch(/^imported 4 events, 2 event_types into .*cli\.sqlite in [\d.]+ s\n$/);
        expect(await rows(store, 'SELECT count(*) FROM events')).toEqual([[4]]);
    });

    it('turns bad input into one UserError sentence that says the store was not changed', async () => {
        const store = tmp.file('cli-bad.sqlite');
        const error = await importCommand.run(['--db', store, '--events', 'bad/bad-time.csv'], memoryIO(FIXTURES)).catch(e => e);
        expect(error).toBeInstanceOf(UserError);
        expect(error.message).toMatch(/bad-time\.csv:3: occurred_at: .* is not a real date and time; .*cli-bad\.sqlite was not changed$/);
    });

    it('rejects unknown tables, a missing --db and importing a store into itself', async () => {
        const io = memoryIO(FIXTURES);
        await expect(importCommand.run(['--db', 'x.sqlite', '--contacts', 'c.csv'], io)).rejects.toThrow("c.csv: unknown table 'contacts'");
        await expect(importCommand.run(['--events', 'events.csv'], io)).rejects.toThrow('--db STORE is required');
        await expect(importCommand.run(['--db', 'x.sqlite'], io)).rejects.toThrow('nothing to import');
        await expect(importCommand.run(['--db', goodStore, '--store', goodStore], io)).rejects.toThrow('is the store being imported into');
    });
});

describe('openImportSink', () => {
    it('picks the sink by address', async () => {
        expect(await openImportSink(tmp.file('any.sqlite'))).toBeInstanceOf(SqlJsSink);
        expect((await openImportSink(tmp.file('any.duckdb'))).constructor.name).toBe('DuckDbImportSink');
        expect((await openImportSink('clickhouse://localhost:8123/journeys')).constructor.name).toBe('ClickHouseImportSink');
        expect((await openImportSink('chdb:///var/lib/journey/journeys')).constructor.name).toBe('ClickHouseImportSink');
    });
});
