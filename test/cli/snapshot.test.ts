import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { JourneyReport } from '../../engine/report.js';
import {
    compareSnapshots, readSnapshot, snapshotOf, snapshotOfReport, snapshotPathOf, snapshotText, writeSnapshot,
} from '../../cli/snapshot.js';

/** A report with keys deliberately out of cli.md's order, as an engine might build it. */
function report(count2 = 40): JourneyReport {
    return {
        elapsedMs: 41,
        stages: [
            {
                events: [{ count: 100, event: 'page_viewed' }],
                name: 'Visited', optional: false, count: 100,
                medianSecondsFromPrevious: null, conversionFromFirst: 1, conversionFromPrevious: null,
                breakdown: {
                    rows: [{ continued: 30, count: 70, value: '/pricing' }, { count: 20, value: '/', continued: 8 }],
                    property: 'url_path', event: 'page_viewed', other: { continued: 2, count: 10 },
                },
            },
            {
                name: 'Meeting', optional: false, count: count2, conversionFromPrevious: count2 / 100, conversionFromFirst: count2 / 100,
                events: [{ event: 'meeting_booked', count: count2 }], medianSecondsFromPrevious: 3600.5,
                paths: { rows: [{ count: 5, events: ['ad_clicked', 'page_viewed'] }], depth: 3, direction: 'before' },
            },
        ],
        conversionRate: count2 / 100, completed: count2, entered: 100,
        dateRange: { to: '2025-12-31', from: '2025-01-01' },
        source: 'contacts', journey: 'Pages',
    };
}

describe('snapshot content', () => {
    it('keeps cli.md\'s key order at every level and leaves out elapsedMs', () => {
        const text = JSON.stringify(snapshotOfReport(report()));
        expect(text).not.toContain('elapsedMs');
        expect(Object.keys(snapshotOfReport(report()))).toEqual(['journey', 'source', 'dateRange', 'entered', 'completed', 'conversionRate', 'stages']);
        expect(text).toContain('"dateRange":{"from":"2025-01-01","to":"2025-12-31"}');
        expect(text).toContain('{"name":"Visited","optional":false,"count":100,"conversionFromPrevious":null,"conversionFromFirst":1,"medianSecondsFromPrevious":null,"events":[{"event":"page_viewed","count":100}],"breakdown":{"event":"page_viewed","property":"url_path","rows":[{"value":"/pricing","count":70,"continued":30},{"value":"/","count":20,"continued":8}],"other":{"count":10,"continued":2}}}');
        expect(text).toContain('"paths":{"direction":"before","depth":3,"rows":[{"events":["ad_clicked","page_viewed"],"count":5}]}');
    });

    it('gives the same text whatever order the engine built the keys in, and keeps unknown fields sorted last', () => {
        const shuffled = JSON.parse(JSON.stringify(report())) as JourneyReport & { zeta?: number; alpha?: number };
        const reordered = Object.fromEntries(Object.entries(shuffled).reverse()) as unknown as JourneyReport;
        expect(snapshotText(snapshotOf([reordered], '2026-06-30'))).toBe(snapshotText(snapshotOf([report()], '2026-06-30')));
        const extra = { ...report(), zeta: 1, alpha: 2 } as unknown as JourneyReport;
        expect(Object.keys(snapshotOfReport(extra)).slice(-2)).toEqual(['alpha', 'zeta']);
    });
});

describe('comparing snapshots', () => {
    const expected = snapshotOf([report(40)], '2026-06-30');

    it('finds nothing when the numbers are the same, float noise in rates included', () => {
        const noisy = report(40);
        noisy.stages[1].conversionFromPrevious = 0.4 + 1e-15;
        expect(compareSnapshots(expected, snapshotOf([noisy], '2026-06-30'))).toEqual([]);
    });

    it('names every number that moved, with its place and the difference', () => {
        expect(compareSnapshots(expected, snapshotOf([report(37)], '2026-06-30'))).toEqual([
            'journey "Pages" › completed: 40 → 37 (−3)',
            'journey "Pages" › conversionRate: 0.4 → 0.37 (−0.03)',
            'journey "Pages" › stage "Meeting" › count: 40 → 37 (−3)',
            'journey "Pages" › stage "Meeting" › conversionFromPrevious: 0.4 → 0.37 (−0.03)',
            'journey "Pages" › stage "Meeting" › conversionFromFirst: 0.4 → 0.37 (−0.03)',
            'journey "Pages" › stage "Meeting" › event meeting_booked › count: 40 → 37 (−3)',
        ]);
    });

    it('reads breakdown rows, paths, stages and journeys by their names', () => {
        const actual = report(40);
        actual.stages[0].breakdown!.rows[1] = { value: '/demo', count: 20, continued: 8 };
        actual.stages[1].paths!.rows[0].count = 6;
        actual.stages.push({ ...actual.stages[1], name: 'Deal', paths: undefined });
        const more = { ...report(40), journey: 'Other' };
        const differences = compareSnapshots(expected, snapshotOf([actual, more], '2026-06-30'));
        expect(differences).toEqual([
            'journey "Pages" › stage "Visited" › breakdown › row "/": no longer in the report',
            'journey "Pages" › stage "Visited" › breakdown › row "/demo": new in the report ({"value":"/demo","count":20,"continued":8})',
            'journey "Pages" › stage "Meeting" › paths › path ad_clicked → page_viewed › count: 5 → 6 (+1)',
            expect.stringMatching(/^journey "Pages" › stage "Deal": new in the report/),
            expect.stringMatching(/^journey "Other": new in the report/),
        ]);
    });
});

describe('snapshot files', () => {
    let dir: string;
    beforeEach(() => { dir = mkdtempSync(path.join(tmpdir(), 'journey-snap-')); });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('writes FILE.snap.json beside the journey, leaving no temporary file, and reads it back', () => {
        const journeyFile = path.join(dir, 'pages.journey');
        writeFileSync(snapshotPathOf(journeyFile), 'old content');
        const written = writeSnapshot(journeyFile, [report()], '2026-06-30');
        expect(written).toBe(path.join(dir, 'pages.journey.snap.json'));
        expect(readdirSync(dir)).toEqual(['pages.journey.snap.json']);
        expect(readFileSync(written, 'utf8')).toBe(snapshotText(snapshotOf([report()], '2026-06-30')));
        expect(readSnapshot(written)).toEqual(JSON.parse(readFileSync(written, 'utf8')));
        expect(readSnapshot(written).today).toBe('2026-06-30');
    });

    it('explains a missing, broken or foreign snapshot in one sentence', () => {
        const file = path.join(dir, 'a.journey.snap.json');
        expect(() => readSnapshot(file, 'a.journey.snap.json'))
            .toThrow("a.journey.snap.json does not exist; write it with 'journey run a.journey --db STORE --snapshot'");
        writeFileSync(file, '{ "version": 1, ');
        expect(() => readSnapshot(file, 'a.journey.snap.json')).toThrow(/^a\.journey\.snap\.json is not valid JSON/);
        writeFileSync(file, '{ "journeys": [] }');
        expect(() => readSnapshot(file, 'a.journey.snap.json')).toThrow(/^a\.journey\.snap\.json is not a journey snapshot/);
    });
});
