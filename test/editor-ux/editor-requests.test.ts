/**
 * The server side of the editor features, in-process on a small sample store:
 * preview filters equal the same narrowing written in the file, compare with a
 * git revision (diff in words and deltas), the file's revisions, catalog events.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EmptyFileSystem, URI } from 'langium';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJourneyServices } from '../../language-server/journey-module.js';
import { JourneyReportRequests } from '../../language-server/journey-report-requests.js';
import { catalogEventList, JourneyEditorRequests, parseRevisions } from '../../language-server/journey-editor-requests.js';
import { writeSampleStore } from '../../engine/sample/write-sample.js';
import { readCatalog } from '../../engine/stores/sqljs/catalog-reader.js';
import { applyReportFilters, reportFiltersError } from '../../engine/report-filters.js';
import { parseReportFilters, parseWebviewMessage } from '../../protocol/journey-protocol.js';
import type { JourneyPlan } from '../../engine/plan.js';
import { createGitFixture, type GitFixture } from '../cli/diff-git-fixture.js';

const journey = (dates: string, where = '') => `journey "Pages" {
    source contacts
    ${dates}

    stage "Viewed a page" {
        event page_viewed ${where}breakdown by url_path top 5
    }

    stage "Booked a meeting" {
        event meeting_booked
    }
}
`;

let dir: string;
let store: string;
let reports: JourneyReportRequests;
let editor: JourneyEditorRequests;
let repo: GitFixture;
const services = createJourneyServices(EmptyFileSystem).Journey;

beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'journey-editor-ux-'));
    store = path.join(dir, 'sample.sqlite');
    await writeSampleStore(store, { contacts: 200, seed: 5 });
    reports = new JourneyReportRequests(services);
    editor = new JourneyEditorRequests(services, reports);
    repo = createGitFixture();
}, 60_000);

afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    repo?.remove();
});

const counts = (r: { reports: { stages: { count: number }[] }[] }) => r.reports[0].stages.map(s => s.count);

describe('preview filters on journey/run', () => {
    const base = { uri: 'file:///ws/pages.journey', store: '', engine: 'sqljs' as const, progressToken: 'p', today: '2026-06-30' };
    beforeAll(() => { base.store = store; });

    it('a date range gives the numbers of the same range written in the file', async () => {
        const filtered = await reports.run({ ...base, text: journey('dates all'), filters: { from: '2026-01-01', to: '2026-03-31' } }, undefined, () => undefined);
        const written = await reports.run({ ...base, text: journey('dates from 2026-01-01 to 2026-03-31') }, undefined, () => undefined);
        const all = await reports.run({ ...base, text: journey('dates all') }, undefined, () => undefined);
        expect(counts(filtered)).toEqual(counts(written));
        expect(counts(filtered)).not.toEqual(counts(all));
        expect(filtered.reports[0].dateRange).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    });

    it('a breakdown value gives the numbers of the same where clause written in the file', async () => {
        const all = await reports.run({ ...base, text: journey('dates all') }, undefined, () => undefined);
        const top = all.reports[0].stages[0].breakdown!.rows[0];
        const filtered = await reports.run({ ...base, text: journey('dates all'), filters: { breakdown: { stage: 'Viewed a page', value: top.value } } }, undefined, () => undefined);
        const written = await reports.run({ ...base, text: journey('dates all', `where url_path = ${JSON.stringify(top.value)} `) }, undefined, () => undefined);
        expect(counts(filtered)).toEqual(counts(written));
        // Objects with any such event: at least those whose first touch had the value (the breakdown row).
        expect(filtered.reports[0].stages[0].count).toBeGreaterThanOrEqual(top.count);
        expect(filtered.reports[0].stages[0].count).toBeLessThan(all.reports[0].stages[0].count);
    });

    it('a filter that does not fit the journey is the run\'s error', async () => {
        const result = await reports.run({ ...base, text: journey('dates all'), filters: { breakdown: { stage: 'Booked a meeting', value: 'x' } } }, undefined, () => undefined);
        expect(result.error).toBe('The stage "Booked a meeting" has no breakdown to filter by.');
    });
});

describe('applyReportFilters (pure)', () => {
    const plan: JourneyPlan = {
        name: 'J', source: 'contacts', includeAnonymous: false,
        stages: [{ name: 'S', optional: false, items: [{ event: 'e', breakdown: { property: 'p', top: 10 }, where: { kind: 'cmp', property: 'q', op: '=', values: [{ kind: 'number', value: 1 }] } }] }],
    };

    it('leaves the plan untouched and ANDs the value onto the item\'s where; (unknown) means "is unknown"', () => {
        const next = applyReportFilters(plan, { breakdown: { stage: 'S', value: '(unknown)' }, from: '2026-02-01', to: '2026-02-28' });
        expect(plan.stages[0].items[0].where).toEqual({ kind: 'cmp', property: 'q', op: '=', values: [{ kind: 'number', value: 1 }] });
        expect(next.stages[0].items[0].where).toEqual({ kind: 'and', left: plan.stages[0].items[0].where, right: { kind: 'cmp', property: 'p', op: 'is unknown', values: [] } });
        expect(next.dateRange).toEqual({ from: '2026-02-01', to: '2026-02-28', startMs: Date.UTC(2026, 1, 1), endMs: Date.UTC(2026, 2, 1) });
        expect(applyReportFilters(plan, {})).toBe(plan);
    });

    it('says why a filter is wrong', () => {
        expect(reportFiltersError(plan, { from: '2026-03-01', to: '2026-02-01' })).toBe('The date filter starts (2026-03-01) after it ends (2026-02-01).');
        expect(reportFiltersError(plan, { from: '2026-02-30', to: '2026-03-01' })).toMatch(/not a pair of real days/);
        expect(reportFiltersError(plan, { breakdown: { stage: 'T', value: 1 } })).toBe('The journey "J" has no stage named "T".');
    });

    it('the page\'s messages are validated', () => {
        expect(parseReportFilters({ from: '2026-01-01', to: '2026-01-31', breakdown: { stage: 'S', value: 3 }, extra: 1 }))
            .toEqual({ from: '2026-01-01', to: '2026-01-31', breakdown: { stage: 'S', value: 3 } });
        expect(parseReportFilters({ from: '2026-01-01' })).toBeUndefined();
        expect(parseReportFilters({ breakdown: { stage: 'S', value: { x: 1 } } })).toBeUndefined();
        expect(parseWebviewMessage({ type: 'writeDates', journey: 'J', from: '2026-01-01', to: 'soon' })).toBeUndefined();
        expect(parseWebviewMessage({ type: 'setFilters', filters: {} })).toEqual({ type: 'setFilters', filters: {} });
    });
});

describe('journey/compare and journey/revisions', () => {
    it('compares the editor text with a committed version: changes in words, both reports and the deltas', async () => {
        repo.write('pages.journey', journey('dates all'));
        const first = repo.commit('first');
        repo.write('pages.journey', journey('dates all').replace('meeting_booked', 'meeting_booked\n        event form_submitted'));
        const second = repo.commit('add forms');
        const uri = URI.file(path.join(repo.dir, 'pages.journey')).toString();
        const newText = journey('dates from 2026-01-01 to 2026-06-30');
        const revisions = await editor.revisions({ uri });
        expect(revisions.revisions.map(r => r.rev)).toEqual([second, first]);
        expect(revisions.revisions[0].subject).toBe('add forms');

        const result = await editor.compare({ uri, text: newText, before: { rev: first }, store, engine: 'sqljs', today: '2026-06-30', progressToken: 'c' }, undefined, () => undefined);
        expect(result.oldLabel).toBe(`${first.slice(0, 12)}:pages.journey`);
        expect(result.meaningChanged).toBe(true);
        const [j] = result.journeys;
        expect(j.changes).toEqual(['dates: all dates → from 2026-01-01 to 2026-06-30']);
        const before = await reports.run({ uri, text: journey('dates all'), store, engine: 'sqljs', progressToken: 'x', today: '2026-06-30' }, undefined, () => undefined);
        const after = await reports.run({ uri, text: newText, store, engine: 'sqljs', progressToken: 'x', today: '2026-06-30' }, undefined, () => undefined);
        expect(j.delta.stages.map(s => s.count)).toEqual(before.reports[0].stages.map((s, i) => ({ before: s.count, after: after.reports[0].stages[i].count })));
        expect(j.before?.stages[0].count).toBe(before.reports[0].stages[0].count);
        expect(j.after?.stages[0].count).toBeLessThan(j.before!.stages[0].count);
    });

    it('compares with a given text (the other side of a diff editor) and says when nothing changed in meaning', async () => {
        const result = await editor.compare({
            uri: 'file:///ws/pages.journey', text: journey('dates all'), before: { text: journey('dates all').replace(/\n\n/g, '\n'), label: 'left' },
            store, engine: 'sqljs', progressToken: 'c',
        }, undefined, () => undefined);
        expect(result.meaningChanged).toBe(false);
        expect(result.journeys[0].status).toBe('unchanged');
    });

    it('a file outside git has no revisions (one sentence)', async () => {
        await expect(editor.revisions({ uri: URI.file(path.join(dir, 'x.journey')).toString() })).rejects.toThrow(/x\.journey is not in a git repository/);
        expect(parseRevisions('abc\tab\t2026-01-02\tfix: a\tb\n')).toEqual([{ rev: 'abc', short: 'ab', date: '2026-01-02', subject: 'fix: a\tb' }]);
    });
});

describe('journey/catalogEvents', () => {
    it('lists the store\'s events with counts, most first', async () => {
        const result = await editor.catalogEvents({ store, engine: 'sqljs' });
        const catalog = await readCatalog(store);
        expect(result.events).toEqual(catalogEventList(catalog));
        expect(result.events[0].count).toBeGreaterThanOrEqual(result.events.at(-1)!.count);
        expect(result.events.find(e => e.name === 'deal_created')).toMatchObject({ objectType: 'deal', category: 'deals' });
        expect(result.events.find(e => e.name === 'page_viewed')!.count).toBe(catalog.events.get('page_viewed')!.count);
    });
});
