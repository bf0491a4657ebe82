/**
 * The compare page: both versions of a journey file side by side (funnel
 * charts and stage tables), the deltas table (count and conversion before →
 * after, the difference highlighted), and the change in meaning in words.
 * JSON in through the validated compare messages; DOM built with
 * createElement/textContent only.
 */
import type { JourneyReport } from '../../../engine/report.js';
import { parseHostToCompare, type ComparePayload } from '../../../protocol/journey-compare-messages.js';
import type { CompareJourney } from '../../../protocol/journey-protocol.js';
import { funnelSpec } from '../../../report-view/index.js';
import { formatCount, formatRate } from '../../../report-view/numbers.js';
import { drawChart, fitToWidth } from '../charts.js';
import { el, renderMessage } from '../render.js';
import { reportThemeFrom, themeKindOf } from '../theme.js';
import { compareRows, countCell, journeyTitle, rateCell, type DeltaCell } from './compare-model.js';

declare function acquireVsCodeApi(): { postMessage(message: unknown): void; setState(state: unknown): void; getState(): unknown };
const vscode = acquireVsCodeApi();
const app = document.getElementById('app')!;
addStylesheet();

/** The page's own styles sit beside report.css (the CSP allows the extension's files). */
function addStylesheet(): void {
    const base = document.querySelector<HTMLLinkElement>('link[rel="stylesheet"]');
    if (!base) return;
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = base.href.replace(/report\.css(\?.*)?$/, 'editor-ux.css');
    document.head.append(link);
}

function deltaCells(cell: DeltaCell, kind: string): HTMLTableCellElement[] {
    return [
        el('td', { class: `n ${kind}-before` }, cell.before),
        el('td', { class: `n ${kind}-after` }, cell.after),
        el('td', { class: `n delta ${kind}-delta ${cell.trend}`, 'data-value': cell.value === undefined ? '' : String(cell.value) }, cell.difference),
    ];
}

function deltaTable(journey: CompareJourney): HTMLTableElement {
    const head = el('thead', {}, el('tr', {}, ...['Stage', 'Count before', 'after', 'difference', 'Conversion before', 'after', 'difference']
        .map(h => el('th', { scope: 'col' }, h))));
    const body = el('tbody', {}, ...compareRows(journey).map(row => el('tr', { class: 'compare-stage', 'data-stage': row.name },
        el('td', { class: 'stage-name' }, row.name), ...deltaCells(row.count, 'count'), ...deltaCells(row.conversion, 'conversion'))));
    const d = journey.delta;
    const foot = el('tfoot', {},
        el('tr', { class: 'compare-total', 'data-total': 'completed' }, el('td', {}, 'Completed / conversion'),
            ...deltaCells(countCell(d.completed), 'count'), ...deltaCells(rateCell(d.conversionRate), 'conversion')));
    return el('table', { class: 'compare-table', id: 'compare-table', 'data-journey': journey.newName ?? journey.oldName ?? '' }, head, body, foot);
}

function versionColumn(label: string, report: JourneyReport | undefined, side: 'before' | 'after'): HTMLElement {
    const column = el('div', { class: `compare-side ${side}` }, el('h3', {}, `${side === 'before' ? 'Before' : 'After'}: ${label}`));
    if (!report) {
        column.append(renderMessage(side === 'before' ? 'Not in this version (added).' : 'Not in this version (removed).', 'status'));
        return column;
    }
    const range = report.dateRange ? ` · ${report.dateRange.from} to ${report.dateRange.to}` : '';
    column.append(el('p', { class: 'summary' }, `${report.source}${range} · ${formatCount(report.entered)} entered · ${formatRate(report.conversionRate)} conversion`));
    const chart = el('div', { class: 'chart funnel' });
    column.append(chart, el('table', { class: `stage-table ${side}-table` },
        el('thead', {}, el('tr', {}, ...['Stage', 'Count', 'From previous'].map(h => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, ...report.stages.map(s => el('tr', { class: 'stage', 'data-stage': s.name },
            el('td', {}, s.name), el('td', { class: 'n', 'data-value': String(s.count) }, formatCount(s.count)),
            el('td', { class: 'n' }, formatRate(s.conversionFromPrevious)))))));
    pendingCharts.push({ chart, report });
    return column;
}

/** Charts are drawn once their column is laid out, so each fits its own width. */
const pendingCharts: { chart: HTMLElement; report: JourneyReport }[] = [];

function drawPendingCharts(): void {
    const style = getComputedStyle(document.body);
    const theme = reportThemeFrom(name => style.getPropertyValue(name), themeKindOf(document.body.classList));
    for (const { chart, report } of pendingCharts.splice(0)) {
        const width = Math.max(Math.min(chart.clientWidth - 8, 640), 300);
        void drawChart(chart, fitToWidth(funnelSpec(report, theme), width))
            .catch(error => chart.replaceChildren(renderMessage(`The chart could not be drawn: ${(error as Error).message}`, 'error')));
    }
}

function render(payload: ComparePayload): void {
    pendingCharts.length = 0;
    app.replaceChildren(el('header', { class: 'report-header' },
        el('div', { class: 'title' }, el('h1', {}, `${payload.fileName}: ${payload.oldLabel} → ${payload.newLabel}`),
            el('span', { class: 'meta' }, payload.store.split(/[\\/]/).pop() ?? ''))));
    if (!payload.meaningChanged) app.append(el('p', { class: 'no-change', id: 'no-change' }, 'No change in meaning: only whitespace, comments or formatting differ.'));
    for (const journey of payload.journeys) {
        const changes = journey.changes.length
            ? el('ul', { class: 'changes' }, ...journey.changes.map(c => el('li', {}, c)))
            : el('p', { class: 'status' }, 'No change in meaning.');
        app.append(el('section', { class: 'compare-journey', 'data-journey': journey.newName ?? journey.oldName ?? '', 'data-status': journey.status },
            el('h2', {}, journeyTitle(journey), el('span', { class: 'badge' }, journey.status)),
            el('h3', {}, 'What changed'), changes,
            el('h3', {}, 'The numbers'), deltaTable(journey),
            el('div', { class: 'side-by-side compare-sides' },
                versionColumn(payload.oldLabel, journey.before, 'before'), versionColumn(payload.newLabel, journey.after, 'after'))));
    }
    requestAnimationFrame(drawPendingCharts);
}

window.addEventListener('message', event => {
    const message = parseHostToCompare(event.data);
    if (!message) return;
    if (message.type === 'compare') render(message.payload);
    else if (message.type === 'running') app.replaceChildren(renderMessage(message.message, 'status'));
    else app.replaceChildren(renderMessage(message.message, 'error'));
});
vscode.postMessage({ type: 'ready' });
