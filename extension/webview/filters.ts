/**
 * The report page's filter bar: a date range and the journey's breakdown
 * values narrow the preview without editing the file (the host re-runs with
 * the filters, engine/report-filters.ts); "Write dates into the file" keeps
 * the range as the journey's `dates` line. Built with createElement only.
 */
import type { BreakdownValue, JourneyReport } from '../../engine/report.js';
import type { ReportFilters } from '../../engine/report-filters.js';
import type { WebviewToHostMessage } from '../../protocol/journey-protocol.js';
import { formatValue } from '../../report-view/numbers.js';
import { el } from './render.js';

/** Breakdown values per journey and stage, from the last run without a breakdown filter (a filtered run lists only one). */
const knownValues = new Map<string, { stage: string; property: string; values: BreakdownValue[] }[]>();

export interface BreakdownChoice {
    stage: string;
    property: string;
    value: BreakdownValue;
}

/** The choices of the breakdown select: every stage's breakdown values, in the report's order. Pure. */
export function breakdownChoices(report: JourneyReport, filters: ReportFilters | undefined, remembered = knownValues): BreakdownChoice[] {
    const fresh = report.stages.filter(s => s.breakdown).map(s => ({ stage: s.name, property: s.breakdown!.property, values: s.breakdown!.rows.map(r => r.value) }));
    if (!filters?.breakdown) remembered.set(report.journey, fresh);
    const lists = remembered.get(report.journey) ?? fresh;
    return lists.flatMap(l => l.values.map(value => ({ stage: l.stage, property: l.property, value })));
}

export function renderFilters(report: JourneyReport, filters: ReportFilters | undefined): HTMLElement {
    const from = el('input', { type: 'date', id: 'filter-from', 'aria-label': 'First day', value: filters?.from ?? report.dateRange?.from ?? '' });
    const to = el('input', { type: 'date', id: 'filter-to', 'aria-label': 'Last day', value: filters?.to ?? report.dateRange?.to ?? '' });
    const bar = el('div', { class: 'filters', id: 'filters', 'data-journey': report.journey },
        el('label', { for: 'filter-from' }, 'Dates'), from, el('label', { for: 'filter-to' }, 'to'), to);
    const choices = breakdownChoices(report, filters);
    if (choices.length) {
        const select = el('select', { id: 'filter-breakdown', 'aria-label': 'Breakdown value' }, el('option', { value: '' }, 'All breakdown values'));
        for (const c of choices) {
            const value = JSON.stringify({ stage: c.stage, value: c.value });
            const option = el('option', { value }, `${c.stage}: ${c.property} = ${formatValue(c.value)}`);
            if (filters?.breakdown && filters.breakdown.stage === c.stage && filters.breakdown.value === c.value) option.selected = true;
            select.append(option);
        }
        bar.append(select);
    }
    bar.append(
        el('button', { type: 'button', 'data-filter-action': 'apply', title: 'Re-run the preview narrowed; the file is not changed' }, 'Apply'),
        el('button', { type: 'button', 'data-filter-action': 'clear', title: 'Show the file as written' }, 'Clear'),
        el('button', { type: 'button', 'data-filter-action': 'writeDates', title: 'Write this range into the file as its dates line' }, 'Write dates into the file'));
    if (filters && (filters.from || filters.breakdown)) {
        const parts = [filters.from ? `${filters.from} to ${filters.to}` : '', filters.breakdown ? `${filters.breakdown.stage} = ${formatValue(filters.breakdown.value)}` : ''];
        bar.append(el('span', { class: 'active-filter', id: 'active-filter' }, `Filtered preview (${parts.filter(Boolean).join(', ')}); the file is unchanged.`));
    }
    return bar;
}

/** Reads the bar into filters; undefined fields are left out. Pure over the controls' values. */
export function filtersFromControls(from: string, to: string, breakdown: string): ReportFilters {
    const filters: ReportFilters = {};
    if (from && to) { filters.from = from; filters.to = to; }
    if (breakdown) {
        try {
            const parsed = JSON.parse(breakdown) as { stage: string; value: BreakdownValue };
            filters.breakdown = { stage: parsed.stage, value: parsed.value };
        } catch { /* a value we did not write: ignored */ }
    }
    return filters;
}

/** One listener for the bar's buttons; also loads the bar's stylesheet. */
export function installFilterHandlers(root: HTMLElement, post: (message: WebviewToHostMessage) => void): void {
    const base = document.querySelector<HTMLLinkElement>('link[rel="stylesheet"]');
    if (base) {
        const link = document.createElement('link');
        link.rel = 'stylesheet';
        link.href = base.href.replace(/report\.css(\?.*)?$/, 'editor-ux.css');
        document.head.append(link);
    }
    root.addEventListener('click', event => {
        const button = (event.target as HTMLElement).closest<HTMLElement>('[data-filter-action]');
        const bar = button?.closest<HTMLElement>('#filters');
        if (!button || !bar) return;
        const value = (id: string) => (bar.querySelector<HTMLInputElement | HTMLSelectElement>(`#${id}`)?.value ?? '');
        const filters = filtersFromControls(value('filter-from'), value('filter-to'), value('filter-breakdown'));
        switch (button.dataset.filterAction) {
            case 'apply': post({ type: 'setFilters', filters }); break;
            case 'clear': post({ type: 'setFilters', filters: {} }); break;
            case 'writeDates':
                if (filters.from && filters.to && bar.dataset.journey) post({ type: 'writeDates', journey: bar.dataset.journey, from: filters.from, to: filters.to });
                break;
        }
    });
}
