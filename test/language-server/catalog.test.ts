import { writeFileSync, mkdtempSync, copyFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { EmptyFileSystem } from 'langium';
import { parseHelper } from 'langium/test';
import { countEventsInRange } from '../../engine/catalog.js';
import { CatalogError, readCatalog } from '../../engine/stores/sqljs/catalog-reader.js';
import { loadSqlJs } from '../../engine/stores/sqljs/sqljs-loader.js';
import { createJourneyServices } from '../../language-server/journey-module.js';
import { writeTestStore } from './test-store.js';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'journey-cat-'));

describe('readCatalog', () => {
    test('reads names, categories, anonymous support, properties with common values, days and object properties', async () => {
        const catalog = await readCatalog(await writeTestStore());
        expect(catalog.totalEvents).toBe(12);
        const page = catalog.events.get('page_viewed')!;
        expect(page).toMatchObject({ category: 'web_pages', supportsAnonymous: true, count: 6, description: 'A visitor viewed a page of the website.' });
        expect(page.days).toEqual(['2025-01-01', '2025-01-02', '2025-01-03', '2025-01-04', '2025-01-05', '2025-01-06']);
        const urlPath = page.properties.find(p => p.name === 'url_path')!;
        expect(urlPath.topValues[0]).toEqual({ value: '/pricing', count: 3 });
        expect(catalog.events.get('form_submitted')!.supportsAnonymous).toBe(false);
        expect(countEventsInRange(catalog, ['form_submitted'], '2025-01-01', '2025-01-31')).toBe(1);
        // Not in event_types: still an event, category custom, booleans kept as booleans.
        const webinar = catalog.events.get('Webinar joined')!;
        expect(webinar).toMatchObject({ category: 'custom', supportsAnonymous: false, count: 2 });
        expect(webinar.properties.find(p => p.name === 'live')!.topValues.map(v => v.value).sort()).toEqual([false, true]);
        expect(catalog.events.get('email_opened')!.count).toBe(0);
        expect(catalog.events.get('deal_created')!.objectType).toBe('deal');
        expect(catalog.objectProperties.get('contact')!.map(p => p.name).sort()).toEqual(['country', 'created_at', 'lifecyclestage']);
        expect(catalog.objectProperties.get('ticket')!.map(p => p.name)).toEqual(['created_at']);
    });

    test('uses a cached summary whose fingerprint matches the events table', async () => {
        const catalog = await readCatalog(await writeTestStore({ bigCache: true }));
        expect(catalog.totalEvents).toBe(30_000_000);
    });

    test('ignores a cached summary once the events table changed', async () => {
        const file = await writeTestStore({ bigCache: true });
        const SQL = await loadSqlJs();
        const { readFileSync } = await import('node:fs');
        const db = new SQL.Database(readFileSync(file));
        db.run(`INSERT INTO events VALUES ('late', 'page_viewed', ${Date.UTC(2025, 5, 1)}, 'contact', 'c1', NULL, '{}')`);
        writeFileSync(file, db.export());
        db.close();
        expect((await readCatalog(file)).totalEvents).toBe(13);
    });

    test('a missing file, a non-SQLite file and a store without events say so in one sentence', async () => {
        const folder = tmp();
        await expect(readCatalog(path.join(folder, 'nope.sqlite'))).rejects.toThrow(/does not exist/);
        writeFileSync(path.join(folder, 'junk.sqlite'), 'hello, I am not a database'.repeat(10));
        await expect(readCatalog(path.join(folder, 'junk.sqlite'))).rejects.toThrow(/is not a SQLite database/);
        const SQL = await loadSqlJs();
        const db = new SQL.Database();
        db.run('CREATE TABLE other (x)');
        writeFileSync(path.join(folder, 'empty.sqlite'), db.export());
        await expect(readCatalog(path.join(folder, 'empty.sqlite'))).rejects.toBeInstanceOf(CatalogError);
        await expect(readCatalog(path.join(folder, 'empty.sqlite'))).rejects.toThrow(/has no events table/);
    });
});

describe('the catalog provider', () => {
    test('an unusable store gives one warning, and validation keeps working without store rules', async () => {
        const { Journey } = createJourneyServices(EmptyFileSystem);
        const provider = Journey.catalog.CatalogProvider;
        const warnings: string[] = [];
        provider.onWarning = message => warnings.push(message);
        const missing = path.join(tmp(), 'missing.sqlite');
        await provider.useStore(missing);
        await provider.reload();
        expect(warnings).toHaveLength(1);
        expect(warnings[0]).toContain('does not exist');
        const doc = await parseHelper(Journey)('journey "j" { stage "A" { event not_in_any_store } }', { validation: true });
        expect(doc.diagnostics).toEqual([]);
    });

    test('settings name the store (workspace-relative), and a changed store revalidates open documents', async () => {
        const { Journey } = createJourneyServices(EmptyFileSystem);
        const provider = Journey.catalog.CatalogProvider;
        const folder = tmp();
        const storeFile = path.join(folder, 'store.sqlite');
        copyFileSync(await writeTestStore(), storeFile);
        const previous = process.cwd();
        process.chdir(folder); // no workspace folder: relative paths resolve against the process's folder
        try {
            await provider.applySettings({ store: 'store.sqlite', limits: { stages: 30 }, today: '2025-06-30' });
        } finally {
            process.chdir(previous);
        }
        expect(provider.limits.stages).toBe(30);
        expect(provider.today).toBe('2025-06-30');
        const doc = await parseHelper(Journey)('journey "j" { stage "A" { event later_event } }', { validation: true });
        expect(doc.diagnostics!.map(d => d.code)).toEqual(['unknown-event']);
        // The store gains the event: after a reload the open document is clean.
        const SQL = await loadSqlJs();
        const { readFileSync } = await import('node:fs');
        const db = new SQL.Database(readFileSync(storeFile));
        db.run(`INSERT INTO events VALUES ('n1', 'later_event', ${Date.UTC(2025, 5, 1)}, 'contact', 'c1', NULL, '{}')`);
        writeFileSync(storeFile, db.export());
        db.close();
        await provider.reload();
        expect(doc.diagnostics).toEqual([]);
        provider.dispose();
    });
});

describe('settings from the editor', () => {
    test('the settings fetched when the client connects load the store and apply limits and today', async () => {
        const { shared, Journey } = createJourneyServices(EmptyFileSystem);
        const provider = Journey.catalog.CatalogProvider;
        const store = await writeTestStore();
        const configuration = shared.workspace.ConfigurationProvider;
        configuration.initialize({ capabilities: { workspace: { configuration: true } }, processId: null, rootUri: null } as never);
        await configuration.initialized({ fetchConfiguration: async () => [{ store, limits: { years: 9 }, today: '2025-01-31' }] } as never);
        await expect.poll(() => provider.catalog?.totalEvents, { timeout: 10_000 }).toBe(12);
        expect(provider.limits).toEqual({ stages: 15, events: 15, breakdowns: 10, years: 9 });
        expect(provider.today).toBe('2025-01-31');
        // A later change of the section switches the store off again.
        configuration.updateConfiguration({ settings: { journey: { store: '' } } });
        await expect.poll(() => provider.catalog, { timeout: 10_000 }).toBeUndefined();
        provider.dispose();
    });
});

describe('sampled property values', () => {
    test('above the full-scan size, a rowid sample still finds every event and its properties', async () => {
        const full = await readCatalog(await writeTestStore());
        const sampled = await readCatalog(await writeTestStore(), { fullScanRows: 4, sampleRows: 3 });
        expect(sampled.totalEvents).toBe(full.totalEvents);
        for (const [name, event] of full.events) {
            expect(sampled.events.get(name)!.count).toBe(event.count);
            expect(sampled.events.get(name)!.properties.map(p => p.name).sort()).toEqual(event.properties.map(p => p.name).sort());
        }
    });
});

describe('events missing from event_types', () => {
    test('are custom, with the object type they are written with and per-day counts merged over types', async () => {
        const SQL = await loadSqlJs();
        const { STORE_SCHEMA_SQL } = await import('../../engine/stores/sqljs/schema.js');
        const db = new SQL.Database();
        db.run(STORE_SCHEMA_SQL);
        const day = Date.UTC(2025, 2, 1);
        db.run(`INSERT INTO events VALUES ('1', 'Survey answered', ${day}, 'ticket', 't1', NULL, '{"score": 9}'),
            ('2', 'Survey answered', ${day + 1000}, 'ticket', 't2', NULL, '{"score": 7}'),
            ('3', 'Survey answered', ${day + 2000}, 'contact', 'c1', NULL, '{}')`);
        const catalog = await readCatalog(db);
        db.close();
        expect(catalog.events.get('Survey answered')).toMatchObject({
            category: 'custom', objectType: 'ticket', supportsAnonymous: false, count: 3, days: ['2025-03-01'], dayCounts: [3],
        });
    });
});
