/**
 * The export files, one format for the CLI (`journey export`) and the editor
 * (Create static list, Export unsummarized data): RFC 4180 CSV.
 */
import type { UnsummarizedRow } from '../report.js';
import { csvLine } from './csv.js';

/** The static list: a header, then one object id a row, in the engine's order. */
export function staticListCsv(objects: readonly string[]): string {
    return csvLine(['object_id']) + objects.map(id => csvLine([id])).join('');
}

/** The unsummarized export: object id, then each stage's first-touch time as ISO-8601 UTC (empty when not counted there). */
export function unsummarizedCsv(stageNames: readonly string[], rows: readonly UnsummarizedRow[]): string {
    const header = csvLine(['object_id', ...stageNames]);
    return header + rows.map(row => csvLine([
        row.object,
        ...stageNames.map((_, i) => {
            const ms = row.firstTouch[i];
            return ms === null || ms === undefined ? '' : new Date(ms).toISOString();
        }),
    ])).join('');
}
