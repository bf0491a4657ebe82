/**
 * The language server's custom requests, run in-process against a small
 * sample store: reports, stage lines for the inline annotations, progress,
 * cancellation, validation errors and the CSV exports.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DocumentState, EmptyFileSystem } from 'langium';
import { CancellationTokenSource, LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJourneyServices } from '../../language-server/journey-module.js';
import { JourneyReportRequests } from '../../language-server/journey-report-requests.js';
import { writeSampleStore } from '../../engine/sample/write-sample.js';
import { readCatalog } from '../../engine/stores/sqljs/catalog-reader.js';
import type { ProgressParams } from '../../protocol/journey-protocol.js';

const text = `journey "Pages to deals" {
    source contacts
    dates from 2025-01-01 to 2026-06-30

    stage "Viewed a page" {
        event page_viewed
    }
    stage "Submitted a form" {
        event form_submitted
        event cta_clicked
    }
    stage "Booked a meeting" { event meeting_booked }
}

journey "Second" {
    stage "Opened" { event email_opened }
    stage "Clicked" { event email_clicked }
}
`;

let dir: string;
let store: string;
let requests: JourneyReportRequests;
let services: ReturnType<typeof createJourneyServices>;
const uri = 'file:///ws/pages.journey';

beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'journey-requests-'));
    store = path.join(dir, 'sample.sqlite');
    await writeSampleStore(store, { contacts: 150, seed: 7 });
    services = createJourneyServices(EmptyFileSystem);
    requests = new JourneyReportRequests(services.Journey);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('journey/run', () => {
    it('runs every journey of the text, reports the stage lines and streams progress', async () => {
        const progress: ProgressParams[] = [];
        const result = await requests.run({ uri, text, store, engine: 'sqljs', progressToken: 't1' }, undefined, p => progress.push(p));
        expect(result.error).toBeUndefined();
        expect(result.reports.map(r => r.journey)).toEqual(['Pages to deals', 'Second']);
        const first = result.reports[0];
        expect(first.stages.map(s => s.name)).toEqual(['Viewed a page', 'Submitted a form', 'Booked a meeting']);
        expect(first.stages[0].count).toBeGreaterThan(0);
        expect(first.stages[1].events.map(e => e.event)).toEqual(['form_submitted', 'cta_clicked']);
        expect(result.locations).toEqual([
            { journey: 'Pages to deals', line: 0, stages: [{ name: 'Viewed a page', line: 4 }, { name: 'Submitted a form', line: 7 }, { name: 'Booked a meeting', line: 11 }] },
            { journey: 'Second', line: 14, stages: [{ name: 'Opened', line: 15 }, { name: 'Clicked', line: 16 }] },
        ]);
        // Progress of two journeys: all tagged with the run's token, fractions within [0, 1], ending in the second half.
        expect(progress.length).toBeGreaterThan(0);
        expect(progress.every(p => p.token === 't1' && p.fraction >= 0 && p.fraction <= 1)).toBe(true);
        expect(Math.max(...progress.map(p => p.fraction))).toBeGreaterThan(0.5);
    });

    it('never builds a document in the server\'s own services (their diagnostics would reach the editor as phantom files)', async () => {
        const validated: string[] = [];
        const listener = services.shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Validated, d => { validated.push(d.uri.toString()); });
        try {
            const result = await requests.run({ uri, text, store, engine: 'sqljs', progressToken: 'p0' }, undefined, () => undefined);
            expect(result.reports).toHaveLength(2);
        } finally {
            listener.dispose();
        }
        expect(validated).toEqual([]);
        expect(services.shared.workspace.LangiumDocuments.all.toArray()).toEqual([]);
    });

    it('runs only the named journey', async () => {
        const result = await requests.run({ uri, text, journey: 'Second', store, engine: 'sqljs', progressToken: 't2' }, undefined, () => undefined);
        expect(result.reports.map(r => r.journey)).toEqual(['Second']);
        expect(result.locations.map(l => l.journey)).toEqual(['Second']);
    });

    it('answers a validation error with the file, line and reason instead of running', async () => {
        const broken = text.replace('stage "Booked a meeting"', 'stage "Viewed a page"');
        const result = await requests.run({ uri, text: broken, store, engine: 'sqljs', progressToken: 't3' }, undefined, () => undefined);
        expect(result.reports).toEqual([]);
        expect(result.error).toMatch(/^pages\.journey:12: /);
    });

    it('stops with RequestCancelled when the client cancels', async () => {
        const source = new CancellationTokenSource();
        source.cancel();
        const run = requests.run({ uri, text, store, engine: 'sqljs', progressToken: 't4' }, source.token, () => undefined);
        await expect(run).rejects.toBeInstanceOf(ResponseError);
        await expect(run).rejects.toMatchObject({ code: LSPErrorCodes.RequestCancelled });
    });

    it('says clearly when the store is missing', async () => {
        await expect(requests.run({ uri, text, store: path.join(dir, 'none.sqlite'), engine: 'sqljs', progressToken: 't5' }, undefined, () => undefined))
            .rejects.toThrow(/none\.sqlite does not exist/);
    });
});

describe('exports and store info', () => {
    it('writes a static list whose rows match the stage count', async () => {
        const { reports } = await requests.run({ uri, text, journey: 'Pages to deals', store, engine: 'sqljs', progressToken: 't6' }, undefined, () => undefined);
        const out = path.join(dir, 'reached.csv');
        const result = await requests.exportList({ uri, text, journey: 'Pages to deals', stage: 'Submitted a form', mode: 'reached', store, engine: 'sqljs', out });
        const lines = readFileSync(out, 'utf8').trim().split(/\r?\n/);
        expect(lines[0]).toBe('object_id');
        expect(result.rows).toBe(reports[0].stages[1].count);
        expect(lines.length - 1).toBe(result.rows);
        expect(result.cut).toBe(0);
    });

    it('names a stage that does not exist', async () => {
        await expect(requests.exportList({ uri, text, journey: 'Second', stage: 'Nope', mode: 'dropped', store, engine: 'sqljs', out: path.join(dir, 'x.csv') }))
            .rejects.toThrow('The journey "Second" has no stage named "Nope".');
    });

    it('writes the unsummarized rows with a column per stage', async () => {
        const out = path.join(dir, 'raw.csv');
        const result = await requests.exportUnsummarized({ uri, text, journey: 'Second', store, engine: 'sqljs', out });
        const lines = readFileSync(out, 'utf8').trim().split(/\r?\n/);
        expect(lines[0]).toBe('object_id,Opened,Clicked');
        expect(lines.length - 1).toBe(result.rows);
        expect(lines[1]).toMatch(/^[^,]+,\d{4}-\d\d-\d\dT[\d:.]+Z,/);
    });

    it('counts the store for the status bar', async () => {
        const info = await requests.storeInfo({ store, engine: 'sqljs' });
        expect(info.exists).toBe(true);
        expect(info.totalEvents).toBeGreaterThan(1000);
        expect(info.eventTypes).toBeGreaterThan(5);
        expect((await requests.storeInfo({ store: path.join(dir, 'none.sqlite'), engine: 'sqljs' })).exists).toBe(false);
    });
});

describe('store info from the language services\' catalog', () => {
    it('uses the catalog already read for the same store, else counts the file', async () => {
        const direct = await requests.storeInfo({ store, engine: 'sqljs' });
        const provider = services.Journey.catalog.CatalogProvider;
        await provider.setCatalog({ ...(await readCatalog(store)), totalEvents: 12345 });
        try {
            // The marked total shows the catalog's numbers were used, not a second read of the file.
            expect((await requests.storeInfo({ store, engine: 'sqljs' }, { preferCatalog: true, waitMs: 0 })).totalEvents).toBe(12345);
            // Small stores are counted directly; another store's catalog is never used.
            expect((await requests.storeInfo({ store, engine: 'sqljs' })).totalEvents).toBe(direct.totalEvents);
            const other = path.join(dir, 'other.sqlite');
            await writeSampleStore(other, { contacts: 20, seed: 2 });
            expect((await requests.storeInfo({ store: other, engine: 'sqljs' }, { preferCatalog: true, waitMs: 0 })).totalEvents).not.toBe(12345);
        } finally {
            await provider.setCatalog(undefined);
        }
        expect(direct.totalEvents).toBeGreaterThan(0);
    });

    it('does not use a catalog read before the file last changed', async () => {
        const provider = services.Journey.catalog.CatalogProvider;
        const target = path.join(dir, 'changing.sqlite');
        await writeSampleStore(target, { contacts: 20, seed: 4 });
        await provider.setCatalog({ ...(await readCatalog(target)), totalEvents: 777 });
        try {
            expect((await requests.storeInfo({ store: target, engine: 'sqljs' }, { preferCatalog: true, waitMs: 0 })).totalEvents).toBe(777);
            await new Promise(resolve => setTimeout(resolve, 20));
            await writeSampleStore(target, { contacts: 25, seed: 4 });
            // The same catalog object is now older than the file: the file is counted instead.
            const info = await requests.storeInfo({ store: target, engine: 'sqljs' }, { preferCatalog: true, waitMs: 0 });
            expect(info.totalEvents).not.toBe(777);
            expect(info.totalEvents).toBeGreaterThan(100);
        } finally {
            await provider.setCatalog(undefined);
        }
    });
});

describe('import and sample (the CLI commands, in the server process)', () => {
    it('imports events, and refuses a bad row naming the file and line while leaving the store as it was', async () => {
        const target = path.join(dir, 'imported.sqlite');
        const good = path.join(dir, 'good.csv');
        writeFileSync(good, 'event_id,event_name,occurred_at,object_type,object_id\ne1,page_viewed,2025-02-01T10:00:00Z,contact,c1\ne2,form_submitted,2025-02-02T10:00:00Z,contact,c1\n');
        await requests.importData({ store: target, engine: 'sqljs', files: [{ table: 'events', path: good }] });
        expect((await requests.storeInfo({ store: target, engine: 'sqljs' })).totalEvents).toBe(2);

        const bad = path.join(dir, 'bad.csv');
        writeFileSync(bad, 'event_id,event_name,occurred_at,object_type,object_id\ne3,page_viewed,2025-02-03T10:00:00Z,contact,c2\ne4,page_viewed,not-a-time,contact,c2\n');
        await expect(requests.importData({ store: target, engine: 'sqljs', files: [{ table: 'events', path: bad }] }))
            .rejects.toThrow(/bad\.csv:3: occurred_at/);
        expect((await requests.storeInfo({ store: target, engine: 'sqljs' })).totalEvents).toBe(2);
    });

    it('a run after an import sees the new events (the open engine is dropped)', async () => {
        const target = path.join(dir, 'imported.sqlite');
        const journey = 'journey "Two" {\n stage "Seen" { event page_viewed }\n stage "Form" { event form_submitted }\n}\n';
        const first = await requests.run({ uri, text: journey, store: target, engine: 'sqljs', progressToken: 'i1' }, undefined, () => undefined);
        expect(first.reports[0].stages.map(s => s.count)).toEqual([1, 1]);
        const more = path.join(dir, 'more.csv');
        writeFileSync(more, 'event_id,event_name,occurred_at,object_type,object_id\ne5,page_viewed,2025-03-01T10:00:00Z,contact,c9\n');
        await requests.importData({ store: target, engine: 'sqljs', files: [{ table: 'events', path: more }] });
        const second = await requests.run({ uri, text: journey, store: target, engine: 'sqljs', progressToken: 'i2' }, undefined, () => undefined);
        expect(second.reports[0].stages.map(s => s.count)).toEqual([2, 1]);
    });

    it('writes a sample store, replacing an existing file', async () => {
        const target = path.join(dir, 'fresh.sqlite');
        writeFileSync(target, 'old');
        const result = await requests.createSample({ store: target, contacts: 30 });
        expect(result.message).toContain('fresh.sqlite');
        expect(existsSync(target)).toBe(true);
        expect((await requests.storeInfo({ store: target, engine: 'sqljs' })).totalEvents).toBeGreaterThan(100);
    });
});
