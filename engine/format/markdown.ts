/**
 * `--format md`: a report fit for a pull-request comment — a heading per
 * journey, the stage table with a bar column, and the details (breakdowns,
 * top events, paths) folded in <details> so the comment stays short.
 */
import type { JourneyReport, StageReport } from '../report.js';
import { formatCount, formatDuration, formatRate, formatValue } from '../../report-view/numbers.js';
import { summaryLine } from './table.js';
import { bar } from './text-layout.js';

const MD_BAR_WIDTH = 20;

/** Text safe inside a Markdown table cell or heading: no markup, no HTML, no line breaks. */
export function mdEscape(text: string): string {
    return text
        .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
        .replace(/[\\`*_[\]{}()#+!|~]/g, c => `\\${c}`)
        .replace(/\r\n|\r|\n/g, ' ');
}

export function formatMarkdown(reports: JourneyReport[]): string {
    return reports.map(journeyMarkdown).join('\n');
}

function journeyMarkdown(report: JourneyReport): string {
    const lines = [`### ${mdEscape(report.journey)}`, '', mdEscape(summaryLine(report)), ''];
    const max = Math.max(0, ...report.stages.map(s => s.count));
    lines.push('| # | Stage | Objects | From previous | From first | Median time | Events | |');
    lines.push('|---:|---|---:|---:|---:|---:|---|---|');
    report.stages.forEach((stage, i) => {
        const events = stage.events.map(e => `${mdEscape(e.event)} ${formatCount(e.count)}`).join('<br>');
        const drawn = bar(stage.count, max, MD_BAR_WIDTH);
        lines.push(`| ${i + 1} | ${mdEscape(stage.name)}${stage.optional ? ' *(optional)*' : ''} | ${formatCount(stage.count)} | ${i === 0 ? '' : formatRate(stage.conversionFromPrevious)} | ${formatRate(stage.conversionFromFirst)} | ${i === 0 ? '' : formatDuration(stage.medianSecondsFromPrevious)} | ${events} | ${drawn ? `\`${drawn}\`` : ''} |`);
    });
    report.stages.forEach((stage, i) => lines.push(...stageDetails(stage, i)));
    return `${lines.join('\n')}\n`;
}

function details(summary: string, body: string[]): string[] {
    return ['', '<details>', `<summary>${summary}</summary>`, '', ...body, '', '</details>'];
}

function stageDetails(stage: StageReport, index: number): string[] {
    const lines: string[] = [];
    const title = `stage ${index + 1} “${mdEscape(stage.name)}”`;
    const b = stage.breakdown;
    if (b) {
        const withContinued = b.rows.some(r => r.continued !== undefined) || b.other.continued !== undefined;
        const body = [
            `| ${mdEscape(b.property)} | Objects |${withContinued ? ' Continued |' : ''}`,
            `|---|---:|${withContinued ? '---:|' : ''}`,
            ...b.rows.map(r => `| ${mdEscape(formatValue(r.value)) || ' '} | ${formatCount(r.count)} |${withContinued ? ` ${formatCount(r.continued ?? 0)} |` : ''}`),
            `| *(other)* | ${formatCount(b.other.count)} |${withContinued ? ` ${formatCount(b.other.continued ?? 0)} |` : ''}`,
        ];
        lines.push(...details(`Breakdown of ${title}: ${mdEscape(b.event)} by ${mdEscape(b.property)}`, body));
    }
    if (stage.topEvents) {
        const body = stage.topEvents.length === 0 ? ['No events qualified.'] : [
            '| Event | Objects |', '|---|---:|',
            ...stage.topEvents.map(t => `| ${mdEscape(t.event)} | ${formatCount(t.count)} |`),
        ];
        lines.push(...details(`Top events of ${title}`, body));
    }
    if (stage.paths) {
        const p = stage.paths;
        const body = p.rows.length === 0 ? ['No paths.'] : [
            '| Path | Objects |', '|---|---:|',
            ...p.rows.map(r => `| ${r.events.map(mdEscape).join(' → ')} | ${formatCount(r.count)} |`),
        ];
        lines.push(...details(`Paths ${p.direction} ${title} (depth ${p.depth})`, body));
    }
    return lines;
}
