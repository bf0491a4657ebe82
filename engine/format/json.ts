/**
 * `--format json`: exactly cli.md — the single object for one journey (or
 * with `--journey`), an array in file order for several.
 */
import type { JourneyReport } from '../report.js';

export function formatJson(reports: JourneyReport[], single: boolean): string {
    return `${JSON.stringify(single ? reports[0] : reports, null, 2)}\n`;
}
