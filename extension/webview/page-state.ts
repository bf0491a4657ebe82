/**
 * The page's state transitions, pure so they are unit-tested: what is kept
 * (vscode.setState) when a report arrives or a journey tab is chosen, and
 * which report is on screen.
 */
import type { JourneyReport } from '../../engine/report.js';
import type { ReportPayload, WebviewState } from '../../protocol/journey-protocol.js';

/** A new report replaces the old one; the selection follows a Run's focus, else stays, else the first journey. */
export function stateWithReport(state: WebviewState | undefined, payload: ReportPayload): WebviewState {
    const selected = payload.focus ?? state?.selectedJourney;
    return selected === undefined ? { uri: payload.uri, payload } : { uri: payload.uri, payload, selectedJourney: selected };
}

/** Choosing a tab keeps the report; an unknown name is ignored. */
export function stateWithSelection(state: WebviewState, journey: string): WebviewState {
    if (!state.payload?.reports.some(r => r.journey === journey)) return state;
    return { ...state, selectedJourney: journey };
}

/** The report on screen: the selected journey, or the first when the selection is gone (renamed or removed). */
export function selectedReport(state: WebviewState | undefined): JourneyReport | undefined {
    const reports = state?.payload?.reports ?? [];
    return reports.find(r => r.journey === state?.selectedJourney) ?? reports[0];
}
