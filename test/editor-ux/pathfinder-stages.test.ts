/** Pathfinder rows turned into stages: placement, names, formatting, validity, and the quick fix on a `paths` line. */
import { EmptyFileSystem } from 'langium';
import { describe, expect, it } from 'vitest';
import { createJourneyServices } from '../../language-server/journey-module.js';
import { loadJourneyText } from '../../language-server/journey-document-loader.js';
import { formatJourneyText } from '../../language-server/journey-formatter.js';
import { insertPathStages, stageNameForEvent, uniqueStageName } from '../../language-server/journey-pathfinder-stages.js';
import { pathfinderCodeActions } from '../../language-server/journey-pathfinder-actions.js';
import type { JourneyReport } from '../../engine/report.js';

const services = createJourneyServices(EmptyFileSystem).Journey;

const text = `journey "Before a meeting" {
    source contacts
    stage "Booked a meeting" {
        event meeting_booked
        paths before depth 3 top 10
    }
    stage "Deal created" { event deal_created }
}
`;

function stageNames(source: string): string[] {
    return [...source.matchAll(/stage "([^"]+)"/g)].map(m => m[1]);
}

describe('insertPathStages', () => {
    it('inserts a "before" row as stages ahead of the stage, in time order, formatted and valid', async () => {
        const result = insertPathStages(text, { journey: 'Before a meeting', stage: 'Booked a meeting', direction: 'before', events: ['page_viewed', 'form_submitted'] });
        if (!result.ok) throw new Error(result.message);
        expect(stageNames(result.text)).toEqual(['Page viewed', 'Form submitted', 'Booked a meeting', 'Deal created']);
        expect(result.text).toBe(formatJourneyText(result.text));
        expect(result.text).toContain('    stage "Page viewed" {\n        event page_viewed\n    }\n\n    stage "Form submitted" {');
        const loaded = await loadJourneyText(services, result.text);
        expect(loaded.diagnostics.filter(d => d.severity === 1)).toEqual([]);
    });

    it('inserts an "after" row behind the stage', () => {
        const result = insertPathStages(text, { journey: 'Before a meeting', stage: 'Booked a meeting', direction: 'after', events: ['call_logged'] });
        if (!result.ok) throw new Error(result.message);
        expect(stageNames(result.text)).toEqual(['Booked a meeting', 'Call logged', 'Deal created']);
    });

    it('gives repeated events distinct names and keeps other journeys untouched', () => {
        const two = `${text}\njourney "Other" {\n    stage "Page viewed" { event page_viewed }\n}\n`;
        const result = insertPathStages(two, { journey: 'Before a meeting', stage: 'Deal created', direction: 'before', events: ['email_opened', 'email_opened'] });
        if (!result.ok) throw new Error(result.message);
        expect(result.added).toEqual(['Email opened', 'Email opened (2)']);
        expect(stageNames(result.text)).toEqual(['Booked a meeting', 'Email opened', 'Email opened (2)', 'Deal created', 'Page viewed']);
    });

    it('quotes event names that are not identifiers', () => {
        const result = insertPathStages(text, { journey: 'Before a meeting', stage: 'Deal created', direction: 'before', events: ['web visit'] });
        if (!result.ok) throw new Error(result.message);
        expect(result.text).toContain('event "web visit"');
    });

    it('refuses what would break the file: unknown stage, empty row, too many stages, syntax errors', () => {
        const base = { journey: 'Before a meeting', direction: 'before' as const };
        expect(insertPathStages(text, { ...base, stage: 'Nope', events: ['a'] })).toMatchObject({ ok: false, message: expect.stringContaining('"Nope"') });
        expect(insertPathStages(text, { ...base, stage: 'Deal created', events: [] }).ok).toBe(false);
        expect(insertPathStages(text, { ...base, stage: 'Deal created', events: ['a', 'b'] }, 3)).toMatchObject({ ok: false, message: expect.stringContaining('limit of 3') });
        expect(insertPathStages(text.replace('{', ''), { ...base, stage: 'Deal created', events: ['a'] }).ok).toBe(false);
    });

    it('names stages readably and uniquely', () => {
        expect(stageNameForEvent('lifecycle_stage_changed')).toBe('Lifecycle stage changed');
        const taken = new Set(['X']);
        expect([uniqueStageName('X', taken), uniqueStageName('X', taken)]).toEqual(['X (2)', 'X (3)']);
    });
});

describe('the quick fix on a paths line', () => {
    const report: JourneyReport = {
        journey: 'Before a meeting', source: 'contacts', entered: 10, completed: 4, conversionRate: 0.4, elapsedMs: 1,
        stages: [
            { name: 'Booked a meeting', optional: false, count: 10, conversionFromPrevious: null, conversionFromFirst: null, events: [], medianSecondsFromPrevious: null,
                paths: { direction: 'before', depth: 3, rows: [{ events: ['page_viewed', 'form_submitted'], count: 6 }, { events: ['email_clicked'], count: 3 }] } },
            { name: 'Deal created', optional: false, count: 4, conversionFromPrevious: 0.4, conversionFromFirst: 0.4, events: [], medianSecondsFromPrevious: null },
        ],
    };

    async function actionsAt(line: number, reports: JourneyReport[] | undefined) {
        const loaded = await loadJourneyText(services, text);
        const range = { start: { line, character: 8 }, end: { line, character: 8 } };
        return pathfinderCodeActions(loaded.document, { textDocument: { uri: loaded.document.uri.toString() }, range, context: { diagnostics: [] } }, reports);
    }

    it('offers one fix per row on the paths line, whose edit is the new formatted file', async () => {
        const actions = await actionsAt(4, [report]);
        expect(actions.map(a => a.title)).toEqual([
            'Pathfinder #1: add page_viewed → form_submitted as stages before "Booked a meeting" (6 objects)',
            'Pathfinder #2: add email_clicked as stages before "Booked a meeting" (3 objects)',
        ]);
        const edit = Object.values(actions[1].edit!.changes!)[0][0];
        expect(stageNames(edit.newText)).toEqual(['Email clicked', 'Booked a meeting', 'Deal created']);
    });

    it('offers nothing before a run, or away from the paths line', async () => {
        expect(await actionsAt(4, undefined)).toEqual([]);
        expect(await actionsAt(3, [report])).toEqual([]);
    });
});
