import { describe, expect, it } from 'vitest';
import type { JourneyReport, StageReport } from '../../engine/report.js';
import { journeyDelta, numbersMoved } from '../../engine/diff/result-delta.js';
import { diffJson, diffMarkdown, diffText, formatRate } from '../../engine/diff/diff-format.js';
import { diffTexts } from './diff-helpers.js';

function stage(name: string, count: number, conversionFromPrevious: number | null, optional = false): StageReport {
    return {
        name, optional, count, conversionFromPrevious, conversionFromFirst: null,
        events: [], medianSecondsFromPrevious: null,
    };
}

function report(name: string, stages: StageReport[]): JourneyReport {
    const entered = stages[0].count;
    const completed = stages.at(-1)!.count;
    return { journey: name, source: 'contacts', entered, completed, conversionRate: entered ? completed / entered : null, stages, elapsedMs: 5 };
}

const OLD = `journey "J" {
    stage "Visited" { event page_viewed }
    stage "Form" { event form_submitted }
    stage "Meeting" { event meeting_booked }
}`;
const NEW = `journey "J" {
    stage "Visited" { event page_viewed }
    stage "Submitted a form" { event form_submitted }
    stage "Called" { event call_logged }
    stage "Meeting" { event meeting_booked }
}`;

describe('numbers before → after', () => {
    it('lines stages up through renames, and leaves the missing side empty for added stages', async () => {
        const diff = await diffTexts(OLD, NEW);
        const before = report('J', [stage('Visited', 1200, null), stage('Form', 300, 0.25), stage('Meeting', 120, 0.4)]);
        const after = report('J', [stage('Visited', 1200, null), stage('Submitted a form', 300, 0.25), stage('Called', 150, 0.5), stage('Meeting', 90, 0.6)]);
        const delta = journeyDelta(diff.journeys[0], before, after);
        expect(delta.stages).toEqual([
            { name: 'Visited', count: { before: 1200, after: 1200 }, conversion: { before: null, after: null } },
            { name: 'Submitted a form', count: { before: 300, after: 300 }, conversion: { before: 0.25, after: 0.25 } },
            { name: 'Called', count: { after: 150 }, conversion: { after: 0.5 } },
            { name: 'Meeting', count: { before: 120, after: 90 }, conversion: { before: 0.4, after: 0.6 } },
        ]);
        expect(numbersMoved(delta)).toBe(true);

        const text = diffText({ oldLabel: 'a', newLabel: 'b', diff, deltas: [delta] });
        expect(text).toContain([
            '  stage              count                conversion',
            '  Visited            1,200 → 1,200 (±0)',
            '  Submitted a form   300 → 300 (±0)       25.0% → 25.0% (±0 pp)',
            '  Called             (none) → 150         (none) → 50.0%',
            '  Meeting            120 → 90 (−30)       40.0% → 60.0% (+20.0 pp)',
            '  (entered)          1,200 → 1,200 (±0)',
            '  (completed)        120 → 90 (−30)       10.0% → 7.5% (−2.5 pp)',
        ].join('\n'));

        const md = diffMarkdown({ oldLabel: 'a', newLabel: 'b', diff, deltas: [delta] });
        expect(md).toContain('| Meeting | 120 → 90 | −30 | 40.0% → 60.0% | +20.0 pp |');
        expect(md).toContain('| Called | (none) → 150 |  | (none) → 50.0% |  |');
        expect(md).toContain('| *completed* | 120 → 90 | −30 | 10.0% → 7.5% | −2.5 pp |');

        const json = diffJson({ oldLabel: 'a', newLabel: 'b', diff, deltas: [delta] }) as { journeys: { numbers: { stages: unknown[] } }[] };
        expect(json.journeys[0].numbers.stages[3]).toEqual({
            name: 'Meeting', count: { before: 120, after: 90, difference: -30 }, conversion: { before: 0.4, after: 0.6, difference: expect.closeTo(0.2, 10) },
        });
    });

    it('shows only "after" numbers for an added journey and no movement for identical runs', async () => {
        const diff = await diffTexts('', OLD);
        const after = report('J', [stage('Visited', 10, null), stage('Form', 5, 0.5), stage('Meeting', 1, 0.2)]);
        const delta = journeyDelta(diff.journeys[0], undefined, after);
        expect(delta.entered).toEqual({ after: 10 });
        expect(delta.stages.map(s => s.count)).toEqual([{ after: 10 }, { after: 5 }, { after: 1 }]);
        const same = journeyDelta((await diffTexts(OLD, OLD)).journeys[0], after, after);
        expect(numbersMoved(same)).toBe(false);
    });

    it('escapes Markdown in stage names', async () => {
        const diff = await diffTexts('journey "J" { stage "A|B *x*" { event e } }', 'journey "J" { stage "A|B *x*" { event e } }');
        const r = report('J', [stage('A|B *x*', 3, null)]);
        const md = diffMarkdown({ oldLabel: 'a', newLabel: 'b', diff, deltas: [journeyDelta(diff.journeys[0], r, r)] });
        expect(md).toContain('| A\\|B \\*x\\* | 3 → 3 | ±0 |');
        expect(formatRate(null)).toBe('—');
    });
});
