/**
 * `--format table`: the report as aligned text for a terminal, a bar per
 * stage, each stage's event counts beneath it, then breakdowns, top events and
 * paths.
 */
import type { JourneyReport, StageReport } from '../report.js';
import { formatCount, formatDuration, formatRate, formatValue } from '../../report-view/numbers.js';
import { stageLabel } from '../../report-view/funnel-spec.js';
import { alignColumns, bar, printable } from './text-layout.js';

export const TABLE_BAR_WIDTH = 30;

export function formatTable(reports: JourneyReport[]): string {
    return reports.map(journeyTable).join('\n');
}

/** The one-line summary under a journey's name (also used by the Markdown and HTML formats). */
export function summaryLine(report: JourneyReport): string {
    const parts: string[] = [report.source];
    if (report.dateRange) parts.push(`${report.dateRange.from} to ${report.dateRange.to}`);
    parts.push(`${formatCount(report.entered)} entered`, `${formatCount(report.completed)} completed`,
        `${formatRate(report.conversionRate)} converted`);
    return parts.join(' · ');
}

function journeyTable(report: JourneyReport): string {
    const lines = [printable(report.journey), `${summaryLine(report)} · ran in ${formatCount(report.elapsedMs)} ms`, ''];
    const max = Math.max(0, ...report.stages.map(s => s.count));
    const rows: string[][] = [['Stage', 'Objects', 'From previous', 'From first', 'Median time', '']];
    report.stages.forEach((stage, i) => {
        rows.push([
            printable(stageLabel(i, stage.name, stage.optional)),
            formatCount(stage.count),
            i === 0 ? '' : formatRate(stage.conversionFromPrevious),
            formatRate(stage.conversionFromFirst),
            i === 0 ? '' : formatDuration(stage.medianSecondsFromPrevious),
            bar(stage.count, max, TABLE_BAR_WIDTH),
        ]);
        for (const event of stage.events) rows.push([`     ${printable(event.event)}`, formatCount(event.count), '', '', '', '']);
    });
    lines.push(...alignColumns(rows, ['left', 'right', 'right', 'right', 'right', 'left']));
    report.stages.forEach((stage, i) => lines.push(...stageDetails(stage, i)));
    return `${lines.join('\n')}\n`;
}

function stageDetails(stage: StageReport, index: number): string[] {
    const lines: string[] = [];
    const title = `stage ${index + 1} "${printable(stage.name)}"`;
    if (stage.breakdown) {
        const b = stage.breakdown;
        const withContinued = b.rows.some(r => r.continued !== undefined) || b.other.continued !== undefined;
        lines.push('', `Breakdown of ${title}: ${printable(b.event)} by ${printable(b.property)}`);
        const rows: string[][] = [[b.property, 'Objects', ...(withContinued ? ['Continued'] : [])]];
        for (const row of b.rows) {
            rows.push([printable(formatValue(row.value)), formatCount(row.count), ...(withContinued ? [formatCount(row.continued ?? 0)] : [])]);
        }
        if (b.other.count > 0 || b.rows.length === 0) {
            rows.push(['(other)', formatCount(b.other.count), ...(withContinued ? [formatCount(b.other.continued ?? 0)] : [])]);
        }
        rows[0][0] = printable(rows[0][0]);
        lines.push(...alignColumns(rows, ['left', 'right', 'right'], '  '));
    }
    if (stage.topEvents) {
        lines.push('', `Top events of ${title}`);
        if (stage.topEvents.length === 0) lines.push('  (no events qualified)');
        lines.push(...alignColumns(stage.topEvents.map(t => [printable(t.event), formatCount(t.count)]), ['left', 'right'], '  '));
    }
    if (stage.paths) {
        const p = stage.paths;
        lines.push('', `Paths ${p.direction} ${title} (depth ${p.depth})`);
        if (p.rows.length === 0) lines.push('  (no paths)');
        lines.push(...alignColumns(p.rows.map(r => [r.events.map(printable).join(' → '), formatCount(r.count)]), ['left', 'right'], '  '));
    }
    return lines;
}
