/**
 * Breakdown rows (semantics.md "Breakdown") from each object's first touch of
 * the item and its value of the property: rows by count descending, then the
 * value's JSON text by code point; the first `top` kept, the rest in `other`.
 */
import { compareCodePoint } from '../code-point.js';
import type { BreakdownPlan } from '../plan.js';
import type { BreakdownReport, BreakdownRow, BreakdownValue } from '../report.js';

export const UNKNOWN_VALUE = '(unknown)';

/** A property value as a breakdown shows it: missing or null is `(unknown)`; a nested value its JSON text. */
export function breakdownValue(value: unknown): BreakdownValue {
    if (value === undefined || value === null) return UNKNOWN_VALUE;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
    return JSON.stringify(value);
}

/** `values[j]` is the j-th counted object's value, `continued[j]` whether it is counted at the next stage (undefined for the last stage). */
export function breakdownRows(
    event: string, plan: BreakdownPlan, values: BreakdownValue[], continued: boolean[] | undefined,
): BreakdownReport {
    // Grouped by the value itself (a Map keeps 1, "1" and true apart, as their
    // JSON texts do); the JSON text is computed once per row, for the order.
    const groups = new Map<BreakdownValue, BreakdownRow>();
    for (let j = 0; j < values.length; j++) {
        const value = values[j];
        let row = groups.get(value);
        if (!row) groups.set(value, row = continued ? { value, count: 0, continued: 0 } : { value, count: 0 });
        row.count++;
        if (continued?.[j]) row.continued!++;
    }
    const sorted = [...groups.values()]
        .map(row => ({ row, key: JSON.stringify(row.value) }))
        .sort((a, b) => (b.row.count - a.row.count) || compareCodePoint(a.key, b.key))
        .map(({ row }) => row);
    const rows = sorted.slice(0, plan.top);
    const other: { count: number; continued?: number } = continued ? { count: 0, continued: 0 } : { count: 0 };
    for (const row of sorted.slice(plan.top)) {
        other.count += row.count;
        if (continued) other.continued! += row.continued!;
    }
    return { event, property: plan.property, rows, other };
}
