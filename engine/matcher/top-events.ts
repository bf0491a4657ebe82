/**
 * Resolving a `top events` stage (semantics.md "Top events"): counts, per
 * candidate name, the objects counted at the nearest required stage p before
 * it that have such an event from p's first touch (that event itself
 * excluded) up to the first touch of the next stage, the latter taken from a
 * pass where this stage is optional and has no items.
 */
import { compareCodePoint } from '../code-point.js';
import type { TopEventsPlan } from '../plan.js';
import type { ColumnarEvents } from './columnar.js';
import { objectRows, type PassInput, type PassResult } from './funnel-pass.js';

export interface TopEventCount {
    event: string;
    count: number;
}

/** The winning names with their numbers, best first, from a pass run with stage k emptied and optional. */
export function rankTopEvents(
    data: ColumnarEvents, pass: PassResult, range: PassInput['range'], k: number, p: number,
    topEvents: TopEventsPlan,
): TopEventCount[] {
    const n = pass.stageCount;
    const codes = data.eventNames.length;
    const perCode = new Int32Array(codes);
    const seenBy = new Int32Array(codes).fill(-1);
    const objects = data.objectIds.length;
    for (let o = 0; o < objects; o++) {
        const ftp = pass.firstTouch[o * n + p];
        if (ftp < 0) continue;
        const from = data.time[ftp];
        const next = k + 1 < n ? pass.firstTouch[o * n + k + 1] : -1;
        const until = next >= 0 ? data.time[next] : Infinity;
        const [lo, hi] = objectRows(data, o, range);
        for (let r = lo; r < hi; r++) {
            const t = data.time[r];
            if (t > until) break;
            if (t < from || r === ftp) continue;
            const c = data.code[r];
            if (seenBy[c] !== o) {
                seenBy[c] = o;
                perCode[c]++;
            }
        }
    }
    const codeOf = new Map(data.eventNames.map((name, c) => [name, c]));
    const candidates = [...new Set(topEvents.among ?? data.storeEventNames)];
    return candidates
        .map(event => ({ event, count: codeOf.has(event) ? perCode[codeOf.get(event)!] : 0 }))
        .filter(e => e.count >= 1)
        .sort((a, b) => (b.count - a.count) || compareCodePoint(a.event, b.event))
        .slice(0, topEvents.count);
}
