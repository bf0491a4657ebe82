/** The extension's pure helpers for the editor features: dates line, new journey text, template items, diff sides, compare rows, filter controls. */
import { EmptyFileSystem } from 'langium';
import { describe, expect, it } from 'vitest';
import { createJourneyServices } from '../../language-server/journey-module.js';
import { loadJourneyText } from '../../language-server/journey-document-loader.js';
import { formatJourneyText } from '../../language-server/journey-formatter.js';
import { writeDatesLine } from '../../extension/src/filters/dates-line.js';
import { effectiveFilters } from '../../extension/src/filters/effective-filters.js';
import { guidedJourneyText, journeyFileName, templateItems } from '../../extension/src/create/journey-text.js';
import { listTemplates } from '../../cli/commands/new.js';
import { diffPairsOf, versionLabel } from '../../extension/src/compare/diff-sides.js';
import { compareRows, countCell, rateCell } from '../../extension/webview/compare/compare-model.js';
import { breakdownChoices, filtersFromControls } from '../../extension/webview/filters.js';
import type { JourneyReport } from '../../engine/report.js';

const services = createJourneyServices(EmptyFileSystem).Journey;
const errorsOf = async (text: string) => (await loadJourneyText(services, text)).diagnostics.filter(d => d.severity === 1);

describe('writeDatesLine', () => {
    const text = `journey "A" {\n    source contacts\n    dates last 12 months\n\n    stage "S" {\n        event page_viewed\n    }\n}\n\njourney "B" {\n    stage "T" { event email_opened }\n}\n`;

    it('replaces the journey\'s dates line, formatted and valid', async () => {
        const edit = writeDatesLine(text, 'A', '2026-01-01', '2026-03-31');
        if (!edit.ok) throw new Error(edit.message);
        expect(edit.text).toContain('    source contacts\n    dates from 2026-01-01 to 2026-03-31\n');
        expect(edit.text).not.toContain('last 12 months');
        expect(edit.text).toBe(formatJourneyText(edit.text));
        expect(await errorsOf(edit.text)).toEqual([]);
    });

    it('adds a dates line to a journey without one, leaving the others alone', () => {
        const edit = writeDatesLine(text, 'B', '2025-02-01', '2025-02-28');
        if (!edit.ok) throw new Error(edit.message);
        expect(edit.text).toContain('journey "B" {\n    dates from 2025-02-01 to 2025-02-28\n');
        expect(edit.text).toContain('dates last 12 months');
    });

    it('refuses an unknown journey or a broken file', () => {
        expect(writeDatesLine(text, 'C', '2025-02-01', '2025-02-28')).toEqual({ ok: false, message: 'The file has no journey named "C".' });
        expect(writeDatesLine('journey "A" {', 'A', '2025-02-01', '2025-02-28').ok).toBe(false);
    });

    it('drops the date filter only when both days are set', () => {
        expect(effectiveFilters({})).toBeUndefined();
        expect(effectiveFilters({ from: '2026-01-01' })).toBeUndefined();
        expect(effectiveFilters({ from: '2026-01-01', to: '2026-01-02', breakdown: { stage: 'S', value: 1 } })).toEqual({ from: '2026-01-01', to: '2026-01-02', breakdown: { stage: 'S', value: 1 } });
    });
});

describe('new journeys', () => {
    it('lists every template with its description and its stages as the detail', () => {
        const templates = listTemplates();
        const items = templateItems(templates);
        expect(items.length).toBeGreaterThanOrEqual(6);
        const pages = items.find(i => i.label === 'pages-to-deals')!;
        expect(pages.description).toMatch(/pages lead to meetings and deals/);
        expect(pages.detail).toBe('Viewed a page → Submitted a form → Booked a meeting → Deal created');
        for (const item of items) expect(item.detail.split(' → ').length).toBeGreaterThanOrEqual(2);
    });

    it('the guided text is formatted and valid, and the next stage goes just above the closing brace', async () => {
        const { text, nextStageLine } = guidedJourneyText({ name: 'Deals "won"', source: 'deals', event: 'deal_created' });
        expect(text).toBe(formatJourneyText(text));
        expect(await errorsOf(text)).toEqual([]);
        expect(text).toContain('journey "Deals \\"won\\"" {\n    source deals\n');
        expect(text).toContain('    stage "Deal created" {\n        event deal_created\n    }\n');
        const lines = text.split('\n');
        expect(lines[nextStageLine]).toBe('}');
        expect(lines[nextStageLine - 1]).toBe('    }');
        expect(journeyFileName('Deals "won" 2026!')).toBe('deals-won-2026.journey');
        expect(journeyFileName('***')).toBe('journey.journey');
    });
});

describe('compare helpers', () => {
    it('finds the diff tabs a document is in', () => {
        const pairs = [{ original: 'git:/a?x', modified: 'file:///a' }, { original: 'git:/a?x', modified: 'file:///a' }, { original: 'file:///b', modified: 'file:///c' }];
        expect(diffPairsOf('file:///a', pairs)).toEqual([pairs[0]]);
        expect(diffPairsOf('file:///b', pairs)).toEqual([pairs[2]]);
        expect(diffPairsOf('file:///z', pairs)).toEqual([]);
    });

    it('labels the older side by its git ref', () => {
        const git = (ref: string) => `git:/ws/a.journey?${encodeURIComponent(JSON.stringify({ path: '/ws/a.journey', ref }))}`;
        expect(versionLabel(git('HEAD'), 'a.journey')).toBe('HEAD:a.journey');
        expect(versionLabel(git('~'), 'a.journey')).toBe('index:a.journey');
        expect(versionLabel('file:///ws/old%20b.journey', 'a.journey')).toBe('old b.journey');
        expect(versionLabel('untitled:Untitled-1', 'a.journey')).toBe('Untitled-1 (untitled)');
    });

    it('turns deltas into signed, trended cells', () => {
        expect(countCell({ before: 1200, after: 1000 })).toEqual({ before: '1,200', after: '1,000', difference: '−200', value: -200, trend: 'down' });
        expect(countCell({ after: 5 })).toEqual({ before: '–', after: '5', difference: '–', trend: 'none' });
        expect(rateCell({ before: 0.25, after: 0.3 })).toMatchObject({ difference: '+5.0 pts', trend: 'up' });
        expect(rateCell({ before: null, after: null })).toMatchObject({ difference: '–', trend: 'none' });
        const rows = compareRows({ status: 'changed', changes: [], delta: {
            entered: {}, completed: {}, conversionRate: {},
            stages: [{ name: 'S', count: { before: 3, after: 3 }, conversion: { before: null, after: null } }],
        } });
        expect(rows[0]).toMatchObject({ name: 'S', count: { difference: '±0', trend: 'same' } });
    });
});

describe('filter bar', () => {
    const report = (rows: string[]): JourneyReport => ({
        journey: 'J', source: 'contacts', entered: 1, completed: 1, conversionRate: 1, elapsedMs: 1,
        stages: [{ name: 'S', optional: false, count: 1, conversionFromPrevious: null, conversionFromFirst: null, events: [], medianSecondsFromPrevious: null,
            breakdown: { event: 'e', property: 'url_path', rows: rows.map(value => ({ value, count: 1 })), other: { count: 0 } } }],
    });

    it('keeps offering every value while the preview is narrowed to one', () => {
        const memory = new Map();
        expect(breakdownChoices(report(['/', '/pricing']), undefined, memory).map(c => c.value)).toEqual(['/', '/pricing']);
        expect(breakdownChoices(report(['/pricing']), { breakdown: { stage: 'S', value: '/pricing' } }, memory).map(c => c.value)).toEqual(['/', '/pricing']);
    });

    it('reads the controls', () => {
        expect(filtersFromControls('2026-01-01', '2026-02-01', JSON.stringify({ stage: 'S', value: 3 }))).toEqual({ from: '2026-01-01', to: '2026-02-01', breakdown: { stage: 'S', value: 3 } });
        expect(filtersFromControls('2026-01-01', '', '')).toEqual({});
    });
});

describe('page messages of the editor features', () => {
    it('validates the compare page messages and the Pathfinder row request', async () => {
        const { parseHostToCompare, parseCompareToHost } = await import('../../protocol/journey-compare-messages.js');
        const { parseWebviewMessage } = await import('../../protocol/journey-protocol.js');
        const payload = { fileName: 'a.journey', store: 's', oldLabel: 'HEAD:a.journey', newLabel: 'a.journey', meaningChanged: true, journeys: [] };
        expect(parseHostToCompare({ type: 'compare', payload })).toEqual({ type: 'compare', payload });
        expect(parseHostToCompare({ type: 'compare', payload: { ...payload, journeys: 'x' } })).toBeUndefined();
        expect(parseHostToCompare({ type: 'error', message: 'bad' })).toEqual({ type: 'error', message: 'bad' });
        expect(parseCompareToHost({ type: 'ready', extra: 1 })).toEqual({ type: 'ready' });
        expect(parseCompareToHost({ type: 'run' })).toBeUndefined();
        expect(parseWebviewMessage({ type: 'pathStages', journey: 'J', stage: 'S', row: 2, events: ['injected'] })).toEqual({ type: 'pathStages', journey: 'J', stage: 'S', row: 2 });
        expect(parseWebviewMessage({ type: 'pathStages', journey: 'J', stage: 'S', row: -1 })).toBeUndefined();
        expect(parseWebviewMessage({ type: 'pathStages', journey: 'J', stage: 'S', row: 1.5 })).toBeUndefined();
    });
});
