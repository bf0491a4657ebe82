/**
 * `--format html`: one self-contained page — every chart (funnel, breakdowns,
 * top events, paths) pre-rendered to inline SVG and the numbers as tables.
 * No scripts and no remote resources: the CSP forbids both, so the file opens
 * offline and is safe to attach or mail.
 */
import type { JourneyReport, StageReport } from '../report.js';
import { reportCharts } from '../../report-view/index.js';
import { formatCount, formatDuration, formatRate, formatValue } from '../../report-view/numbers.js';
import { DEFAULT_THEME, type ReportTheme } from '../../report-view/theme.js';
import { renderSvg } from './render-svg.js';
import { summaryLine } from './table.js';

export function htmlEscape(text: string): string {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const STYLE = (theme: ReportTheme) => `
body { font-family: ${theme.font}; color: ${theme.foreground}; background: ${theme.background}; margin: 2rem; max-width: 72rem; }
h1 { font-size: 1.5rem; margin-bottom: .25rem; } h2 { font-size: 1.1rem; margin-top: 2rem; }
p.summary { color: ${theme.muted}; margin-top: 0; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { padding: .25rem .75rem; border-bottom: 1px solid #d0d7de; text-align: left; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 1rem 0; } section.journey { margin-bottom: 3rem; }
`;

export async function formatHtml(reports: JourneyReport[], theme: ReportTheme = DEFAULT_THEME): Promise<string> {
    const sections = await Promise.all(reports.map(report => journeySection(report, theme)));
    const title = reports.map(r => r.journey).join(', ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${htmlEscape(title)} — Journey Analytics</title>
<style>${STYLE(theme)}</style>
</head>
<body>
${sections.join('\n')}
</body>
</html>
`;
}

async function journeySection(report: JourneyReport, theme: ReportTheme): Promise<string> {
    const charts = reportCharts(report, theme);
    const svgs = await Promise.all(charts.map(chart => renderSvg(chart.spec)));
    const chartOf = (id: string) => {
        const i = charts.findIndex(c => c.id === id);
        return i < 0 ? '' : `<figure id="${id}">${svgs[i]}</figure>`;
    };
    const parts = [
        `<section class="journey">`,
        `<h1>${htmlEscape(report.journey)}</h1>`,
        `<p class="summary">${htmlEscape(summaryLine(report))}</p>`,
        chartOf('funnel'),
        stageTable(report),
    ];
    report.stages.forEach((stage, i) => {
        const n = i + 1;
        const details = [
            stage.breakdown ? chartOf(`stage-${n}-breakdown`) + breakdownTable(stage) : '',
            stage.topEvents ? chartOf(`stage-${n}-top-events`) + simpleTable(['Event', 'Objects'], stage.topEvents.map(t => [t.event, t.count]), 'No events qualified.') : '',
            stage.paths ? chartOf(`stage-${n}-paths`) + simpleTable(['Path', 'Objects'], stage.paths.rows.map(r => [r.events.join(' → '), r.count]), 'No paths.') : '',
        ].filter(Boolean);
        if (details.length) parts.push(`<h2>Stage ${n}: ${htmlEscape(stage.name)}</h2>`, ...details);
    });
    parts.push('</section>');
    return parts.filter(Boolean).join('\n');
}

function stageTable(report: JourneyReport): string {
    const rows = report.stages.map((stage, i) => `<tr><td class="n">${i + 1}</td><td>${htmlEscape(stage.name)}${stage.optional ? ' <em>(optional)</em>' : ''}</td>`
        + `<td class="n">${formatCount(stage.count)}</td><td class="n">${i === 0 ? '' : formatRate(stage.conversionFromPrevious)}</td>`
        + `<td class="n">${formatRate(stage.conversionFromFirst)}</td><td class="n">${i === 0 ? '' : formatDuration(stage.medianSecondsFromPrevious)}</td>`
        + `<td>${stage.events.map(e => `${htmlEscape(e.event)} ${formatCount(e.count)}`).join('<br>')}</td></tr>`);
    return `<table class="stages"><thead><tr><th class="n">#</th><th>Stage</th><th class="n">Objects</th><th class="n">From previous</th>`
        + `<th class="n">From first</th><th class="n">Median time</th><th>Events</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function breakdownTable(stage: StageReport): string {
    const b = stage.breakdown!;
    const withContinued = b.rows.some(r => r.continued !== undefined) || b.other.continued !== undefined;
    const row = (value: string, count: number, continued?: number) =>
        `<tr><td>${htmlEscape(value)}</td><td class="n">${formatCount(count)}</td>${withContinued ? `<td class="n">${formatCount(continued ?? 0)}</td>` : ''}</tr>`;
    return `<table class="breakdown"><thead><tr><th>${htmlEscape(b.property)}</th><th class="n">Objects</th>${withContinued ? '<th class="n">Continued</th>' : ''}</tr></thead><tbody>`
        + b.rows.map(r => row(formatValue(r.value), r.count, r.continued)).join('')
        + row('(other)', b.other.count, b.other.continued) + '</tbody></table>';
}

function simpleTable(headers: [string, string], rows: [string, number][], empty: string): string {
    if (rows.length === 0) return `<p>${htmlEscape(empty)}</p>`;
    return `<table><thead><tr><th>${headers[0]}</th><th class="n">${headers[1]}</th></tr></thead><tbody>`
        + rows.map(([label, count]) => `<tr><td>${htmlEscape(label)}</td><td class="n">${formatCount(count)}</td></tr>`).join('')
        + '</tbody></table>';
}
