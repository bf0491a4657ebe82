/**
 * Pathfinder (semantics.md "Paths"): for each object counted at a stage, the
 * event names just before (or after) its first touch, filtered to `among`,
 * runs collapsed, the last (first) `depth` kept; rows by count descending,
 * then the comma-joined sequence by code point.
 */
import { compareCodePoint } from '../code-point.js';
import type { PathsPlan } from '../plan.js';
import type { PathsReport } from '../report.js';
import type { ColumnarEvents } from './columnar.js';
import { objectRows, type PassInput, type PassResult } from './funnel-pass.js';

export function pathfinder(data: ColumnarEvents, pass: PassResult, range: PassInput['range'], k: number, plan: PathsPlan): PathsReport {
    const n = pass.stageCount;
    let allowed: Uint8Array | undefined;
    if (plan.among) {
        allowed = new Uint8Array(data.eventNames.length);
        const wanted = new Set(plan.among);
        data.eventNames.forEach((name, c) => { if (wanted.has(name)) allowed![c] = 1; });
    }
    // Sequences are keyed by their event codes as UTF-16 units (codes < 65536):
    // no array or JSON text per object, names only once per distinct sequence.
    const rows = new Map<string, number>();
    const compact = data.eventNames.length < 0xd800; // below the surrogate range, one unit per code
    const codes = new Int32Array(plan.depth);
    const step = plan.direction === 'before' ? -1 : 1;
    for (let o = 0; o < data.objectIds.length; o++) {
        const first = pass.firstTouch[o * n + k];
        if (first < 0) continue;
        const [lo, hi] = objectRows(data, o, range);
        let length = 0;
        for (let r = first + step; r >= lo && r < hi && length < plan.depth; r += step) {
            const c = data.code[r];
            if (allowed && !allowed[c]) continue;
            if (length > 0 && codes[length - 1] === c) continue; // same run
            codes[length++] = c;
        }
        if (length === 0) continue;
        const ordered = codes.subarray(0, length);
        if (plan.direction === 'before') ordered.reverse();
        const key = compact ? String.fromCharCode(...ordered) : ordered.join(',');
        rows.set(key, (rows.get(key) ?? 0) + 1);
    }
    const decoded = [...rows].map(([key, count]) => ({
        events: (compact ? Array.from({ length: key.length }, (_, i) => key.charCodeAt(i)) : key.split(',').map(Number))
            .map(c => data.eventNames[c]),
        count,
    }));
    const sorted = decoded.sort((a, b) =>
        (b.count - a.count) || compareCodePoint(a.events.join(','), b.events.join(',')));
    return { direction: plan.direction, depth: plan.depth, rows: sorted.slice(0, plan.top) };
}
