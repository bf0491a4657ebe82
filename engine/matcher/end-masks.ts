/**
 * The funnel matcher: for one object's events, which stages each event can
 * end a path at (semantics.md "Paths"). Every number of a report follows from
 * these masks: an object is counted at stage k when some event ends a path at
 * k (a path's prefix is a path, so "passes" and "reaches" agree), its first
 * touch of k is the first such event, and so on.
 *
 * One pass in time order. Per stage we keep the latest start of any path
 * ending there so far (a later start only helps under `within`). Events at
 * equal times form a group whose events may be taken in any order but must
 * be distinct: reaching stage k inside a group from an earlier state needs a
 * distinct group event for every required stage in between — a small
 * bipartite matching, skipped when the group holds a single relevant event.
 */
import type { StageLayout } from './stage-layout.js';

/** Scratch buffers reused across objects so the hot loop does not allocate. */
export class MatcherScratch {
    bestStart: Float64Array;
    pendingStart: Float64Array;
    relevant: Int32Array;
    constructor(stageCount: number) {
        this.bestStart = new Float64Array(stageCount);
        this.pendingStart = new Float64Array(stageCount);
        this.relevant = new Int32Array(16);
    }
}

/**
 * Fills `out[i]` (i < count) with the mask of stages event i can end a path at.
 * `times[timeOffset + i]` are the events' times, ascending; `fills[i]` the
 * mask of stages event i fills; `windowMs` the conversion window, if any.
 */
export function computeEndMasks(
    times: ArrayLike<number>, timeOffset: number, fills: ArrayLike<number>, count: number,
    layout: StageLayout, windowMs: number | undefined, out: Int32Array, scratch = new MatcherScratch(layout.stageCount),
    /** False when the caller knows no two relevant events share a time: then a simpler loop does. */
    hasTies = true,
): void {
    if (!hasTies) {
        if (windowMs === undefined) endMasksNoTiesNoWindow(fills, count, layout, out);
        else endMasksNoTies(times, timeOffset, fills, count, layout, windowMs, out, scratch.bestStart);
        return;
    }
    const n = layout.stageCount;
    const { bestStart, pendingStart } = scratch;
    bestStart.fill(-Infinity);
    const window = windowMs ?? Infinity;
    let i = 0;
    while (i < count) {
        const t = times[timeOffset + i];
        let end = i + 1;
        while (end < count && times[timeOffset + end] === t) end++;
        let relevantCount = 0;
        for (let r = i; r < end; r++) {
            out[r] = 0;
            if (fills[r] !== 0) {
                if (relevantCount === scratch.relevant.length) {
                    const grown = new Int32Array(relevantCount * 2);
                    grown.set(scratch.relevant);
                    scratch.relevant = grown;
                }
                scratch.relevant[relevantCount++] = r;
            }
        }
        if (relevantCount === 1) {
            singleEvent(scratch.relevant[0], t, fills, layout, window, bestStart, pendingStart, out);
        } else if (relevantCount > 1) {
            pendingStart.fill(-Infinity);
            for (let g = 0; g < relevantCount; g++) {
                groupEvent(g, scratch.relevant, relevantCount, t, fills, layout, window, bestStart, pendingStart, out);
            }
            for (let k = 0; k < n; k++) if (pendingStart[k] > bestStart[k]) bestStart[k] = pendingStart[k];
        }
        i = end;
    }
}

/**
 * No ties, no window: a path can end at k after a path ended at any allowed
 * predecessor, so the state is just the mask of stages some path has ended at.
 */
function endMasksNoTiesNoWindow(fills: ArrayLike<number>, count: number, layout: StageLayout, out: Int32Array): void {
    const predecessors = layout.predecessors;
    let state = 0;
    for (let r = 0; r < count; r++) {
        const f = fills[r];
        if (f === 0) { out[r] = 0; continue; }
        let ends = f & 1;
        let rest = f & ~1;
        while (rest !== 0) {
            const bit = rest & -rest;
            rest ^= bit;
            if ((state & predecessors[31 - Math.clz32(bit)]) !== 0) ends |= bit;
        }
        out[r] = ends;
        state |= ends;
    }
}

/** No ties, with a window: the latest path start per stage decides. */
function endMasksNoTies(
    times: ArrayLike<number>, timeOffset: number, fills: ArrayLike<number>, count: number,
    layout: StageLayout, window: number, out: Int32Array, bestStart: Float64Array,
): void {
    const predecessors = layout.predecessors;
    bestStart.fill(-Infinity);
    for (let r = 0; r < count; r++) {
        const f = fills[r];
        if (f === 0) { out[r] = 0; continue; }
        const t = times[timeOffset + r];
        let ends = 0;
        // Highest stage first, so this event's own stage-j end is not yet in bestStart when k > j reads it.
        let rest = f;
        while (rest !== 0) {
            const k = 31 - Math.clz32(rest);
            rest ^= 1 << k;
            let start = -Infinity;
            if (k === 0) start = t;
            else {
                for (let preds = predecessors[k]; preds !== 0; preds &= preds - 1) {
                    const s = bestStart[31 - Math.clz32(preds & -preds)];
                    if (s > start) start = s;
                }
            }
            if (start !== -Infinity && t - start <= window) {
                ends |= 1 << k;
                if (start > bestStart[k]) bestStart[k] = start;
            }
        }
        out[r] = ends;
    }
}

/** The common case: the only relevant event at its time, so no other stage can be filled at that time. */
function singleEvent(
    r: number, t: number, fills: ArrayLike<number>, layout: StageLayout, window: number,
    bestStart: Float64Array, starts: Float64Array, out: Int32Array,
): void {
    const optional = layout.optional;
    let mask = fills[r];
    let ends = 0;
    // Starts are computed from the state before this event, then applied,
    // because one event cannot fill two stages of the same path.
    let updates = 0;
    while (mask !== 0) {
        const k = 31 - Math.clz32(mask & -mask);
        mask &= mask - 1;
        let start = -Infinity;
        if (k === 0) start = t;
        else {
            for (let j = k - 1; j >= 0; j--) {
                if (bestStart[j] > start) start = bestStart[j];
                if (!optional[j]) break;
            }
        }
        if (start !== -Infinity && t - start <= window) {
            ends |= 1 << k;
            starts[k] = start;
            updates |= 1 << k;
        }
    }
    out[r] = ends;
    while (updates !== 0) {
        const k = 31 - Math.clz32(updates & -updates);
        updates &= updates - 1;
        if (starts[k] > bestStart[k]) bestStart[k] = starts[k];
    }
}

/** An event in a group of equal times: other events of the group may fill the required stages in between. */
function groupEvent(
    g: number, relevant: Int32Array, relevantCount: number, t: number, fills: ArrayLike<number>,
    layout: StageLayout, window: number, bestStart: Float64Array, pendingStart: Float64Array, out: Int32Array,
): void {
    const n = layout.stageCount;
    const r = relevant[g];
    let mask = fills[r];
    let ends = 0;
    while (mask !== 0) {
        const k = 31 - Math.clz32(mask & -mask);
        mask &= mask - 1;
        let start = -Infinity;
        // Starting the path inside this group gives the latest start of all.
        const fromStart = layout.needBetween[n * n + k];
        if (fromStart === 0 || canFill(fromStart, g, relevant, relevantCount, fills)) start = t;
        else {
            for (let j = k - 1; j >= 0; j--) {
                if (bestStart[j] <= start) continue;
                const need = layout.needBetween[j * n + k];
                if (need === 0 || canFill(need, g, relevant, relevantCount, fills)) start = bestStart[j];
            }
        }
        if (start !== -Infinity && t - start <= window) {
            ends |= 1 << k;
            if (start > pendingStart[k]) pendingStart[k] = start;
        }
    }
    out[r] = ends;
}

/**
 * Can the group's events other than relevant[skip] fill every stage of `need`,
 * one distinct event per stage? Kuhn's augmenting paths; groups are small.
 */
export function canFill(need: number, skip: number, relevant: Int32Array, relevantCount: number, fills: ArrayLike<number>): boolean {
    const stages: number[] = [];
    for (let m = need; m !== 0; m &= m - 1) stages.push(31 - Math.clz32(m & -m));
    if (stages.length > relevantCount - 1) return false;
    const owner = new Int32Array(relevantCount).fill(-1); // group event → index in `stages`
    for (let s = 0; s < stages.length; s++) {
        const seen = new Uint8Array(relevantCount);
        if (!augment(s, stages, skip, relevant, relevantCount, fills, owner, seen)) return false;
    }
    return true;
}

function augment(
    s: number, stages: number[], skip: number, relevant: Int32Array, relevantCount: number,
    fills: ArrayLike<number>, owner: Int32Array, seen: Uint8Array,
): boolean {
    const bit = 1 << stages[s];
    for (let g = 0; g < relevantCount; g++) {
        if (g === skip || seen[g] || (fills[relevant[g]] & bit) === 0) continue;
        seen[g] = 1;
        if (owner[g] === -1 || augment(owner[g], stages, skip, relevant, relevantCount, fills, owner, seen)) {
            owner[g] = s;
            return true;
        }
    }
    return false;
}
