/**
 * Builds the report's DOM from JSON with createElement/textContent only
 * (never innerHTML with data), so names from a journey file cannot inject
 * markup. Buttons carry data-* attributes; main.ts listens once on the root.
 */
import type { JourneyReport, StageReport } from '../../engine/report.js';
import type { ReportPayload } from '../../protocol/journey-protocol.js';
import { formatCount, formatDuration, formatRate, formatValue } from '../../report-view/numbers.js';

type Attrs = Record<string, string | undefined>;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) if (value !== undefined) node.setAttribute(key, value);
    for (const child of children) node.append(child);
    return node;
}

function button(label: string, action: string, data: Attrs = {}, title?: string): HTMLButtonElement {
    const attrs: Attrs = { type: 'button', 'data-action': action, title };
    for (const [k, v] of Object.entries(data)) attrs[`data-${k}`] = v;
    return el('button', attrs, label);
}

export function renderHeader(payload: ReportPayload): HTMLElement {
    const ran = new Date(payload.ranAt);
    const when = Number.isNaN(ran.getTime()) ? '' : ran.toLocaleTimeString();
    return el('header', { class: 'report-header' },
        el('div', { class: 'title' }, el('h1', {}, payload.fileName),
            el('span', { class: 'meta' }, `${payload.store.split(/[\\/]/).pop()} · ran ${when}`)),
        el('div', { class: 'actions' },
            button('Refresh', 'refresh', {}, 'Run the journeys again'),
            button('Export…', 'exportReport', {}, 'Export the report as HTML, CSV, PNG or SVG')));
}

export function renderTabs(reports: JourneyReport[], selected: string): HTMLElement | undefined {
    if (reports.length < 2) return undefined;
    return el('nav', { class: 'tabs', role: 'tablist' }, ...reports.map(r =>
        el('button', { type: 'button', role: 'tab', 'data-action': 'selectJourney', 'data-journey': r.journey, 'aria-selected': String(r.journey === selected) }, r.journey)));
}

export function summaryText(report: JourneyReport): string {
    const range = report.dateRange ? ` · ${report.dateRange.from} to ${report.dateRange.to}` : '';
    return `${report.source}${range} · ${formatCount(report.entered)} entered · ${formatCount(report.completed)} completed · `
        + `${formatRate(report.conversionRate)} conversion · ${formatCount(report.elapsedMs)} ms`;
}

function numberCell(text: string, raw?: number | null): HTMLTableCellElement {
    return el('td', { class: 'n', 'data-value': raw === null || raw === undefined ? '' : String(raw) }, text);
}

/** The stage table: one row per stage, and a sub-row per event when a stage has several. */
export function renderStageTable(report: JourneyReport): HTMLTableElement {
    const head = el('thead', {}, el('tr', {},
        ...['Stage', 'Count', 'From previous', 'From first', 'Median time from previous', 'Lists'].map(h => el('th', { scope: 'col' }, h))));
    const body = el('tbody');
    report.stages.forEach((stage, index) => {
        body.append(stageRow(report.journey, stage, index));
        if (stage.events.length > 1) {
            for (const event of stage.events) {
                body.append(el('tr', { class: 'stage-event' },
                    el('td', { class: 'event-name' }, event.event), numberCell(formatCount(event.count), event.count),
                    el('td'), el('td'), el('td'), el('td')));
            }
        }
    });
    return el('table', { class: 'stage-table', id: 'stage-table', 'data-journey': report.journey }, head, body);
}

function stageRow(journey: string, stage: StageReport, index: number): HTMLTableRowElement {
    const name = el('td', { class: 'stage-name' },
        el('a', { href: '#', 'data-action': 'revealStage', 'data-journey': journey, 'data-stage': stage.name, title: 'Show in the journey file' },
            `${index + 1}. ${stage.name}`));
    if (stage.optional) name.append(el('span', { class: 'badge' }, 'optional'));
    return el('tr', { class: 'stage', 'data-stage': stage.name },
        name,
        numberCell(formatCount(stage.count), stage.count),
        numberCell(formatRate(stage.conversionFromPrevious), stage.conversionFromPrevious),
        numberCell(formatRate(stage.conversionFromFirst), stage.conversionFromFirst),
        numberCell(formatDuration(stage.medianSecondsFromPrevious), stage.medianSecondsFromPrevious),
        el('td', { class: 'lists' },
            button('Reached', 'createList', { journey, stage: stage.name, mode: 'reached' }, `Static list of objects that reached "${stage.name}"`),
            button('Dropped', 'createList', { journey, stage: stage.name, mode: 'dropped' }, `Static list of objects that dropped off after "${stage.name}"`)));
}

/** A small table that sits beside a chart (breakdown, top events, paths). */
export function sideTable(headers: string[], rows: (string | number)[][], className: string): HTMLTableElement {
    return el('table', { class: `side-table ${className}` },
        el('thead', {}, el('tr', {}, ...headers.map(h => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, ...rows.map(row => el('tr', {}, ...row.map(cell =>
            typeof cell === 'number' ? el('td', { class: 'n' }, formatCount(cell)) : el('td', {}, cell))))));
}

export function breakdownRows(stage: StageReport): (string | number)[][] {
    const b = stage.breakdown!;
    const rows: (string | number)[][] = b.rows.map(r => [formatValue(r.value), r.count, r.continued ?? '–']);
    if (b.other.count > 0) rows.push(['(other)', b.other.count, b.other.continued ?? '–']);
    return rows;
}

export function pathsRows(stage: StageReport): (string | number)[][] {
    return stage.paths!.rows.map((r, i) => [`#${i + 1}`, r.events.join(' → '), r.count]);
}

export function renderMessage(text: string, kind: 'status' | 'error'): HTMLElement {
    return el('p', { class: kind, role: kind === 'error' ? 'alert' : 'status' }, text);
}
