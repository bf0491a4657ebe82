/**
 * Every output format of `journey run`, by name. Formats take the reports in
 * file order; `single` is true when one journey was asked for (JSON then
 * writes the object, not an array).
 */
import type { JourneyReport } from '../report.js';
import { formatCsv } from './csv.js';
import { formatJson } from './json.js';
import { formatMarkdown } from './markdown.js';
import { formatTable } from './table.js';

export const REPORT_FORMATS = ['table', 'json', 'csv', 'md', 'html', 'svg'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function isReportFormat(text: string): text is ReportFormat {
    return (REPORT_FORMATS as readonly string[]).includes(text);
}

/** The format an output file's extension implies (`.txt` → table), if any. */
export function formatOfPath(path: string): ReportFormat | undefined {
    const ext = /\.([a-z]+)$/i.exec(path)?.[1]?.toLowerCase();
    switch (ext) {
        case 'json': return 'json';
        case 'csv': return 'csv';
        case 'md': case 'markdown': return 'md';
        case 'html': case 'htm': return 'html';
        case 'svg': return 'svg';
        case 'txt': return 'table';
        default: return undefined;
    }
}

export async function formatReports(reports: JourneyReport[], format: ReportFormat, single: boolean): Promise<string> {
    switch (format) {
        case 'table': return formatTable(reports);
        case 'json': return formatJson(reports, single);
        case 'csv': return formatCsv(reports);
        case 'md': return formatMarkdown(reports);
        // Vega is loaded only for the formats that draw.
        case 'html': return (await import('./html.js')).formatHtml(reports);
        case 'svg': return (await import('./svg.js')).formatSvg(reports);
    }
}
