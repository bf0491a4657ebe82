/** The filters a panel keeps (pure, no vscode): undefined when nothing is set, so the panel runs the file exactly as written. */
import type { ReportFilters } from '../../../engine/report-filters.js';

export function effectiveFilters(filters: ReportFilters): ReportFilters | undefined {
    const next: ReportFilters = {};
    if (filters.from && filters.to) { next.from = filters.from; next.to = filters.to; }
    if (filters.breakdown) next.breakdown = filters.breakdown;
    return Object.keys(next).length ? next : undefined;
}
