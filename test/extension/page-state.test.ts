import { describe, expect, it } from 'vitest';
import type { JourneyReport } from '../../engine/report.js';
import type { ReportPayload } from '../../protocol/journey-protocol.js';
import { selectedReport, stateWithReport, stateWithSelection } from '../../extension/webview/page-state.js';

const report = (journey: string): JourneyReport => ({ journey, source: 'contacts', entered: 1, completed: 1, conversionRate: 1, stages: [], elapsedMs: 1 });
const payload = (names: string[], focus?: string): ReportPayload => ({
    uri: 'file:///ws/a.journey', fileName: 'a.journey', store: '/ws/s.sqlite', ranAt: '2026-06-30T00:00:00Z', reports: names.map(report), focus,
});

describe('the report page state', () => {
    it('starts on the first journey and keeps the selection across refreshes', () => {
        const first = stateWithReport(undefined, payload(['A', 'B']));
        expect(first.selectedJourney).toBeUndefined();
        expect(selectedReport(first)?.journey).toBe('A');
        const chosen = stateWithSelection(first, 'B');
        expect(selectedReport(chosen)?.journey).toBe('B');
        const refreshed = stateWithReport(chosen, payload(['A', 'B']));
        expect(selectedReport(refreshed)?.journey).toBe('B');
    });

    it('follows the journey a Run was started from', () => {
        const state = stateWithReport(stateWithSelection(stateWithReport(undefined, payload(['A', 'B'])), 'A'), payload(['A', 'B'], 'B'));
        expect(state.selectedJourney).toBe('B');
    });

    it('falls back to the first journey when the selected one was renamed away', () => {
        const state = stateWithReport(stateWithSelection(stateWithReport(undefined, payload(['A', 'B'])), 'B'), payload(['A', 'C']));
        expect(selectedReport(state)?.journey).toBe('A');
    });

    it('ignores a selection of a journey the report does not hold', () => {
        const state = stateWithReport(undefined, payload(['A']));
        expect(stateWithSelection(state, 'Z')).toBe(state);
    });

    it('has nothing to show without a report', () => {
        expect(selectedReport(undefined)).toBeUndefined();
        expect(selectedReport({ uri: 'file:///x' })).toBeUndefined();
    });
});
