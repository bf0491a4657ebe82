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
    const rows = new Map<string, { events: string[]; count: number }>();
    for (let o = 0; o < data.objectIds.length; o++) {
        const first = pass.firstTouch[o * n + k];
        if (first < 0) continue;
        const [lo, hi] = objectRows(data, o, range);
        const codes: number[] = [];
        const step = plan.direction === 'before' ? -1 : 1;
        for (let r = first + step; r >= lo && r < hi && codes.length < plan.depth; r += step) {
            const c = data.code[r];
            if (allowed && !allowed[c]) continue;
            if (codes.length > 0 && codes[codes.length - 1] === c) continue; // same run
            codes.push(c);
        }
        if (codes.length === 0) continue;
        if (plan.direction === 'before') codes.reverse();
        const events = codes.map(c => data.eventNames[c]);
        const key = JSON.stringify(events);
        const row = rows.get(key);
        if (row) row.count++; else rows.set(key, { events, count: 1 });
    }
    const sorted = [...rows.values()].sort((a, b) =>
        (b.count - a.count) || compareCodePoint(a.events.join(','), b.events.join(',')));
    return { direction: plan.direction, depth: plan.depth, rows: sorted.slice(0, plan.top) };
}
