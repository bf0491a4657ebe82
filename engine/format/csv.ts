/**
 * `--format csv`: one long table a spreadsheet can pivot. Every number of the
 * report is one row, tagged by `row`: `stage`, `event`, `breakdown`,
 * `breakdown_other`, `top_event`, `path_before`, `path_after`. Rates are
 * fractions as in the JSON; empty cells where the JSON has null or nothing.
 */
import type { JourneyReport } from '../report.js';

export const CSV_COLUMNS = [
    'journey', 'stage_number', 'stage', 'optional', 'row', 'event', 'property', 'value', 'count', 'continued',
    'conversion_from_previous', 'conversion_from_first', 'median_seconds_from_previous',
] as const;

type Cell = string | number | boolean | null | undefined;
type CsvRow = Partial<Record<(typeof CSV_COLUMNS)[number], Cell>>;

/** RFC 4180: quote a cell holding a comma, quote, CR or LF, doubling inner quotes. */
export function csvCell(value: Cell): string {
    if (value === null || value === undefined) return '';
    const text = typeof value === 'string' ? value : String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: Cell[]): string {
    return `${cells.map(csvCell).join(',')}\r\n`;
}

export function formatCsv(reports: JourneyReport[]): string {
    const rows: CsvRow[] = [];
    for (const report of reports) {
        report.stages.forEach((stage, i) => {
            const base = { journey: report.journey, stage_number: i + 1, stage: stage.name, optional: stage.optional };
            rows.push({
                ...base, row: 'stage', count: stage.count,
                conversion_from_previous: stage.conversionFromPrevious,
                conversion_from_first: stage.conversionFromFirst,
                median_seconds_from_previous: stage.medianSecondsFromPrevious,
            });
            for (const event of stage.events) rows.push({ ...base, row: 'event', event: event.event, count: event.count });
            const b = stage.breakdown;
            if (b) {
                for (const row of b.rows) {
                    // Non-string values keep their JSON text so 1 and "1" stay distinguishable.
                    const value = typeof row.value === 'string' ? row.value : JSON.stringify(row.value);
                    rows.push({ ...base, row: 'breakdown', event: b.event, property: b.property, value, count: row.count, continued: row.continued });
                }
                rows.push({ ...base, row: 'breakdown_other', event: b.event, property: b.property, count: b.other.count, continued: b.other.continued });
            }
            for (const top of stage.topEvents ?? []) rows.push({ ...base, row: 'top_event', event: top.event, count: top.count });
            for (const path of stage.paths?.rows ?? []) {
                rows.push({ ...base, row: `path_${stage.paths!.direction}`, value: path.events.join(' > '), count: path.count });
            }
        });
    }
    return csvLine([...CSV_COLUMNS]) + rows.map(row => csvLine(CSV_COLUMNS.map(c => row[c]))).join('');
}
