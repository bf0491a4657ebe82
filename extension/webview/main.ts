/**
 * The report page. Receives JSON only (validated by the shared protocol),
 * renders the funnel chart, the stage table, breakdowns, top events and
 * Pathfinder flows, and keeps its last report in the webview state so a
 * hidden or reloaded panel shows it at once.
 */
import type { Result } from 'vega-embed';
import {
    parseHostMessage, parseWebviewState, type ReportPayload, type WebviewState, type WebviewToHostMessage,
} from '../../protocol/journey-protocol.js';
import { breakdownSpec, funnelSpec, pathsSpec, topEventsSpec } from '../../report-view/index.js';
import type { ReportTheme } from '../../report-view/theme.js';
import { chartImage, drawChart, fitToWidth } from './charts.js';
import { breakdownRows, el, pathsRows, renderHeader, renderMessage, renderStageTable, renderTabs, sideTable, summaryText } from './render.js';
import { selectedReport, stateWithReport, stateWithSelection } from './page-state.js';
import { reportThemeFrom, themeKindOf } from './theme.js';
import { installFilterHandlers, renderFilters } from './filters.js';
import { installPathHandlers, withPathButtons } from './path-buttons.js';

interface VsCodeApi {
    postMessage(message: WebviewToHostMessage): void;
    getState(): unknown;
    setState(state: WebviewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app')!;
let state: WebviewState | undefined = parseWebviewState(vscode.getState());
/** The funnel chart views of the journey on screen, for image export. */
const funnelViews = new Map<string, Result>();
let renderGeneration = 0;

function theme(): ReportTheme {
    const style = getComputedStyle(document.body);
    return reportThemeFrom(name => style.getPropertyValue(name), themeKindOf(document.body.classList));
}

function render(payload: ReportPayload): void {
    const generation = ++renderGeneration;
    funnelViews.forEach(v => v.finalize());
    funnelViews.clear();
    const report = selectedReport({ ...(state ?? { uri: payload.uri }), payload });
    app.replaceChildren(renderHeader(payload));
    if (!report) {
        app.append(renderMessage('The file holds no journey.', 'status'));
        return;
    }
    const tabs = renderTabs(payload.reports, report.journey);
    if (tabs) app.append(tabs);
    app.append(renderFilters(report, payload.filters));
    const t = theme();
    const funnel = el('div', { class: 'chart funnel', id: 'funnel-chart' });
    app.append(el('section', { class: 'journey', 'data-journey': report.journey },
        el('h2', { class: 'journey-name' }, report.journey),
        el('p', { class: 'summary' }, summaryText(report)),
        funnel,
        renderStageTable(report)));
    const width = Math.min(app.clientWidth - 8, 900);
    void drawChart(funnel, fitToWidth(funnelSpec(report, t), width)).then(result => {
        if (generation === renderGeneration) funnelViews.set(report.journey, result); else result.finalize();
    }).catch(error => funnel.replaceChildren(renderMessage(`The chart could not be drawn: ${(error as Error).message}`, 'error')));
    report.stages.forEach(stage => {
        if (stage.breakdown) {
            app.append(chartWithTable(`Breakdown: ${stage.name} by ${stage.breakdown.property}`, 'breakdown',
                fitToWidth(breakdownSpec(stage.name, stage.breakdown, t), Math.min(width, 640)), sideTable([stage.breakdown.property, 'count', 'continued'], breakdownRows(stage), 'breakdown-table')));
        }
        if (stage.topEvents?.length) {
            app.append(chartWithTable(`Top events: ${stage.name}`, 'top-events', fitToWidth(topEventsSpec(stage.name, stage.topEvents, t), Math.min(width, 640)),
                sideTable(['event', 'objects'], stage.topEvents.map(e => [e.event, e.count]), 'top-events-table')));
        }
        if (stage.paths?.rows.length) {
            app.append(chartWithTable(`Paths ${stage.paths.direction}: ${stage.name}`, 'paths', pathsSpec(stage.name, stage.paths, t),
                withPathButtons(sideTable(['#', 'events', 'objects'], pathsRows(stage), 'paths-table'), report.journey, stage.name, stage.paths.direction)));
        }
    });
}

function chartWithTable(title: string, kind: string, spec: Parameters<typeof drawChart>[1], table: HTMLElement): HTMLElement {
    const chart = el('div', { class: 'chart' });
    void drawChart(chart, spec).catch(error => chart.replaceChildren(renderMessage(`The chart could not be drawn: ${(error as Error).message}`, 'error')));
    return el('section', { class: `detail ${kind}` }, el('h3', {}, title), el('div', { class: 'side-by-side' }, chart, table));
}

function showProgress(fraction: number, message: string): void {
    let bar = document.getElementById('progress');
    if (!bar) {
        bar = el('div', { id: 'progress', class: 'progress', role: 'progressbar' },
            el('div', { class: 'progress-fill' }), el('span', { class: 'progress-text' }),
            el('button', { type: 'button', 'data-action': 'cancel' }, 'Cancel'));
        app.prepend(bar);
    }
    const percent = Math.round(Math.min(Math.max(fraction, 0), 1) * 100);
    bar.setAttribute('aria-valuenow', String(percent));
    (bar.querySelector('.progress-fill') as HTMLElement).style.width = `${percent}%`;
    bar.querySelector('.progress-text')!.textContent = message;
}

function showError(message: string): void {
    document.getElementById('progress')?.remove();
    document.getElementById('run-error')?.remove();
    document.getElementById('status')?.remove();
    const node = renderMessage(message, 'error');
    node.id = 'run-error';
    // The last good report stays below the error, so a typo does not blank the view.
    app.prepend(node);
}

async function renderImage(requestId: string, format: 'png' | 'svg', journey: string): Promise<void> {
    try {
        let view = funnelViews.get(journey);
        let temporary = false;
        if (!view) {
            const report = state?.payload?.reports.find(r => r.journey === journey);
            if (!report) throw new Error(`No report for "${journey}" in this panel.`);
            const holder = el('div', { class: 'offscreen' });
            document.body.append(holder);
            view = await drawChart(holder, funnelSpec(report, theme()));
            temporary = true;
            holder.remove();
        }
        const data = await chartImage(view, format);
        if (temporary) view.finalize();
        vscode.postMessage({ type: 'image', requestId, format, data });
    } catch (error) {
        vscode.postMessage({ type: 'imageFailed', requestId, message: (error as Error).message });
    }
}

window.addEventListener('message', event => {
    const message = parseHostMessage(event.data);
    if (!message) return;
    switch (message.type) {
        case 'report': {
            state = stateWithReport(state, message.payload);
            vscode.setState(state);
            render(message.payload);
            break;
        }
        case 'running':
            showProgress(message.fraction, message.message);
            break;
        case 'error':
            showError(message.message);
            break;
        case 'renderImage':
            void renderImage(message.requestId, message.format, message.journey);
            break;
    }
});

// One listener for every button and link: no inline handlers (the CSP forbids them anyway).
app.addEventListener('click', event => {
    const target = (event.target as HTMLElement).closest<HTMLElement>('[data-action]');
    if (!target) return;
    event.preventDefault();
    const d = target.dataset;
    switch (d.action) {
        case 'refresh': vscode.postMessage({ type: 'refresh' }); break;
        case 'cancel': vscode.postMessage({ type: 'cancel' }); break;
        case 'exportReport': vscode.postMessage({ type: 'exportReport' }); break;
        case 'createList':
            if (d.journey && d.stage && (d.mode === 'reached' || d.mode === 'dropped')) {
                vscode.postMessage({ type: 'createList', journey: d.journey, stage: d.stage, mode: d.mode });
            }
            break;
        case 'revealStage':
            if (d.journey && d.stage) vscode.postMessage({ type: 'revealStage', journey: d.journey, stage: d.stage });
            break;
        case 'selectJourney':
            if (state?.payload && d.journey) {
                const payload = state.payload;
                state = stateWithSelection(state, d.journey);
                vscode.setState(state);
                render(payload);
            }
            break;
    }
});

// A theme switch changes the body's class: redraw the charts in the new colours.
new MutationObserver(() => { if (state?.payload) render(state.payload); })
    .observe(document.body, { attributes: true, attributeFilter: ['class'] });

// Charts fit the panel's width: redraw when the panel is resized (debounced).
let resizeTimer: ReturnType<typeof setTimeout> | undefined;
let lastWidth = app.clientWidth;
window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => {
        if (Math.abs(app.clientWidth - lastWidth) < 20 || !state?.payload) return;
        lastWidth = app.clientWidth;
        render(state.payload);
    }, 200);
});

installFilterHandlers(app, message => vscode.postMessage(message));
installPathHandlers(app, message => vscode.postMessage(message));
if (state?.payload) render(state.payload);
vscode.postMessage({ type: 'ready' });
