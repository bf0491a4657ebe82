/**
 * `journey diff` output: text for the terminal, Markdown ready to post as a
 * pull-request comment, and JSON for scripts. Pure: the diff (and with a
 * store, the numbers of both versions) in, text out.
 */
import type { FileDiff, JourneyDiff } from './diff-types.js';
import { quoted } from './describe.js';
import { difference, type BeforeAfter, type JourneyDelta } from './result-delta.js';

export interface DiffReport {
    /** How the two versions were named on the command line (`HEAD:a.journey`, `a.journey`). */
    oldLabel: string;
    newLabel: string;
    diff: FileDiff;
    /** With a store: per journey of `diff.journeys`, the numbers of both versions. */
    deltas?: JourneyDelta[];
}

/** The first line of a Markdown comment, so a CI job can find and update its own comment. */
export const MARKDOWN_MARKER = '<!-- journey-diff -->';

export type DiffFormat = 'text' | 'md' | 'json';

export function formatDiff(report: DiffReport, format: DiffFormat): string {
    switch (format) {
        case 'text': return diffText(report);
        case 'md': return diffMarkdown(report);
        case 'json': return `${JSON.stringify(diffJson(report), null, 2)}\n`;
    }
}

function journeyTitle(j: JourneyDiff): string {
    return `journey ${quoted(j.newName ?? j.oldName!)}`;
}

function journeySummary(j: JourneyDiff): string {
    switch (j.status) {
        case 'added': return `added (${stageList(j)})`;
        case 'removed': return `removed (${stageList(j)})`;
        case 'unchanged': return 'no change in meaning';
        case 'changed': return `${j.changes.length} change${j.changes.length === 1 ? '' : 's'} in meaning`;
    }
}

function stageList(j: JourneyDiff): string {
    const n = j.stages.length;
    return `${n} stage${n === 1 ? '' : 's'}${n ? `: ${j.stages.map(s => quoted(s.name)).join(' → ')}` : ''}`;
}

export function diffText(report: DiffReport): string {
    const lines = [`${report.oldLabel} → ${report.newLabel}`];
    if (!report.diff.meaningChanged) lines.push('No change in meaning.');
    report.diff.journeys.forEach((j, index) => {
        lines.push('', `${journeyTitle(j)}: ${journeySummary(j)}`);
        // An added or removed journey's one line already says it all.
        if (j.status === 'changed') for (const change of j.changes) lines.push(`  - ${change.message}`);
        const delta = report.deltas?.[index];
        if (delta) lines.push('', ...alignColumns(numberRows(delta)).map(row => `  ${row}`));
    });
    return `${lines.join('\n')}\n`;
}

/** Header plus one row per stage and the totals: [name, count, conversion]. */
function numberRows(delta: JourneyDelta): string[][] {
    const rows = [['stage', 'count', 'conversion']];
    for (const stage of delta.stages) rows.push([stage.name, countChange(stage.count), rateChange(stage.conversion)]);
    rows.push(['(entered)', countChange(delta.entered), '']);
    rows.push(['(completed)', countChange(delta.completed), rateChange(delta.conversionRate)]);
    return rows;
}

function alignColumns(rows: string[][]): string[] {
    const widths = rows[0].map((_, c) => Math.max(...rows.map(r => [...r[c]].length)));
    return rows.map(r => r.map((cell, c) => cell.padEnd(widths[c])).join('   ').trimEnd());
}

export function diffMarkdown(report: DiffReport): string {
    const out = [MARKDOWN_MARKER, `### Journey diff: ${code(report.oldLabel)} → ${code(report.newLabel)}`, ''];
    if (!report.diff.meaningChanged) out.push('No change in meaning.', '');
    report.diff.journeys.forEach((j, index) => {
        out.push(`**${md(journeyTitle(j))}**: ${journeySummary(j)}`, '');
        if (j.status === 'changed') {
            for (const change of j.changes) out.push(`- ${md(change.message)}`);
            out.push('');
        }
        const delta = report.deltas?.[index];
        if (!delta) return;
        out.push('| Stage | Count | Δ | Conversion | Δ |', '|---|---:|---:|---:|---:|');
        const row = (nameCell: string, count: BeforeAfter<number>, rate?: BeforeAfter<number | null>) => out.push(
            `| ${nameCell} | ${beforeAfter(count, formatCount)} | ${countDifference(count)} | ${rate ? beforeAfter(rate, formatRate) : ''} | ${rate ? rateDifference(rate) : ''} |`);
        for (const stage of delta.stages) row(md(stage.name), stage.count, stage.conversion);
        row('*entered*', delta.entered);
        row('*completed*', delta.completed, delta.conversionRate);
        out.push('');
    });
    return `${out.join('\n').trimEnd()}\n`;
}

export function diffJson(report: DiffReport): unknown {
    const numbers = (value: BeforeAfter<number | null>) => ({
        before: value.before ?? null, after: value.after ?? null, difference: difference(value) ?? null,
    });
    return {
        old: report.oldLabel,
        new: report.newLabel,
        meaningChanged: report.diff.meaningChanged,
        journeys: report.diff.journeys.map((j, index) => {
            const delta = report.deltas?.[index];
            return {
                oldName: j.oldName ?? null,
                newName: j.newName ?? null,
                status: j.status,
                changes: j.changes,
                ...(delta ? {
                    numbers: {
                        entered: numbers(delta.entered),
                        completed: numbers(delta.completed),
                        conversionRate: numbers(delta.conversionRate),
                        stages: delta.stages.map(s => ({ name: s.name, count: numbers(s.count), conversion: numbers(s.conversion) })),
                    },
                } : {}),
            };
        }),
    };
}

const COUNT = new Intl.NumberFormat('en-US');

export function formatCount(n: number | null): string {
    return n === null ? '—' : COUNT.format(n);
}

export function formatRate(rate: number | null): string {
    return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}

function beforeAfter<T extends number | null>(value: BeforeAfter<T>, format: (v: T) => string): string {
    const show = (v: T | undefined) => (v === undefined ? '(none)' : format(v));
    // Nothing to show (e.g. the first stage has no conversion from a previous one in either version).
    if ((value.before ?? null) === null && (value.after ?? null) === null) return '';
    return `${show(value.before)} → ${show(value.after)}`;
}

function signed(n: number, text: string): string {
    return n > 0 ? `+${text}` : n < 0 ? `−${text.replace(/^-/, '')}` : '±0';
}

function countDifference(value: BeforeAfter<number>): string {
    const d = difference(value);
    return d === undefined ? '' : signed(d, COUNT.format(d));
}

function rateDifference(value: BeforeAfter<number | null>): string {
    const d = difference(value);
    if (d === undefined) return '';
    const points = Math.round(d * 1000) / 10;
    return points === 0 ? '±0 pp' : `${signed(points, points.toFixed(1))} pp`;
}

function countChange(value: BeforeAfter<number>): string {
    const d = countDifference(value);
    return `${beforeAfter(value, formatCount)}${d ? ` (${d})` : ''}`;
}

function rateChange(value: BeforeAfter<number | null>): string {
    const d = rateDifference(value);
    return `${beforeAfter(value, formatRate)}${d ? ` (${d})` : ''}`;
}

/** Markdown-escaped text: names and conditions may hold `*`, `_`, `<` or backticks. */
function md(text: string): string {
    return text.replace(/[\\`*_[\]<>|#]/g, ch => (ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : `\\${ch}`));
}

function code(text: string): string {
    const ticks = text.includes('`') ? '``' : '`';
    return `${ticks}${ticks.length > 1 ? ' ' : ''}${text}${ticks.length > 1 ? ' ' : ''}${ticks}`;
}
