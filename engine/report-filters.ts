/**
 * Report filters of the preview (issue 9): narrow a run without editing the
 * file. Applied to the plan, so every number (counts, conversions,
 * breakdowns, paths) follows the same semantics as if the file said it:
 * - a date range replaces the journey's `dates` (both days included);
 * - a breakdown value keeps, at the stage with the breakdown, only events
 *   whose breakdown property has that value — exactly as adding
 *   `where PROPERTY = VALUE` to that event item (the `(unknown)` row as
 *   `where PROPERTY is unknown`), so later stages count those objects only.
 * Pure: a new plan is returned, the given one is untouched.
 */
import type { BreakdownValue } from './report.js';
import type { ConditionPlan, JourneyPlan, Literal } from './plan.js';
import { addDays, dayStartMs } from './dates.js';

export interface ReportFilters {
    /** First and last UTC day, both included, `YYYY-MM-DD`; both or neither. */
    from?: string;
    to?: string;
    /** Narrow the stage with a breakdown to one of its values. */
    breakdown?: { stage: string; value: BreakdownValue };
}

/** The breakdown row every missing or null value is counted in (semantics.md). */
export const UNKNOWN_VALUE = '(unknown)';

function literalOf(value: BreakdownValue): Literal {
    if (typeof value === 'number') return { kind: 'number', value };
    if (typeof value === 'boolean') return { kind: 'boolean', value };
    return { kind: 'string', value };
}

/** One sentence when the filters cannot apply to this plan; undefined when they can. */
export function reportFiltersError(plan: JourneyPlan, filters: ReportFilters): string | undefined {
    if ((filters.from === undefined) !== (filters.to === undefined)) return 'A date filter needs both a first and a last day.';
    if (filters.from !== undefined) {
        const [start, end] = [dayStartMs(filters.from), dayStartMs(filters.to!)];
        if (start === undefined || end === undefined) return `The date filter ${filters.from} to ${filters.to} is not a pair of real days (YYYY-MM-DD).`;
        if (start > end) return `The date filter starts (${filters.from}) after it ends (${filters.to}).`;
    }
    if (filters.breakdown) {
        const stage = plan.stages.find(s => s.name === filters.breakdown!.stage);
        if (!stage) return `The journey "${plan.name}" has no stage named "${filters.breakdown.stage}".`;
        if (!stage.items.some(i => i.breakdown)) return `The stage "${stage.name}" has no breakdown to filter by.`;
    }
    return undefined;
}

export function applyReportFilters(plan: JourneyPlan, filters: ReportFilters | undefined): JourneyPlan {
    if (!filters || (filters.from === undefined && !filters.breakdown)) return plan;
    const error = reportFiltersError(plan, filters);
    if (error) throw new Error(error);
    const next: JourneyPlan = structuredClone(plan);
    if (filters.from !== undefined && filters.to !== undefined) {
        next.dateRange = { from: filters.from, to: filters.to, startMs: dayStartMs(filters.from)!, endMs: dayStartMs(addDays(filters.to, 1))! };
    }
    if (filters.breakdown) {
        const { stage: stageName, value } = filters.breakdown;
        const stage = next.stages.find(s => s.name === stageName)!;
        // The report's breakdown is the first item with one (semantics.md: one breakdown per stage).
        const item = stage.items.find(i => i.breakdown)!;
        const property = item.breakdown!.property;
        const condition: ConditionPlan = value === UNKNOWN_VALUE
            ? { kind: 'cmp', property, op: 'is unknown', values: [] }
            : { kind: 'cmp', property, op: '=', values: [literalOf(value)] };
        item.where = item.where ? { kind: 'and', left: item.where, right: condition } : condition;
    }
    return next;
}
