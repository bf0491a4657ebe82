/**
 * One pass of the matcher over the columnar cache: per object and stage, the
 * first touch (the first row that ends a path there), and per item, how many
 * objects have a path whose event at that stage fills it (with the first such
 * row where a breakdown needs it). Pure over arrays; the report builder runs
 * it once per journey (plus once per `top events` stage to resolve it).
 * Objects whose relevant events all have distinct times (nearly all, on real
 * data) take an inlined bitmask loop; the others go through end-masks.ts.
 */
import { bitsetHas, lowerBoundTime, type Bitset, type ColumnarEvents } from './columnar.js';
import { computeEndMasks, MatcherScratch } from './end-masks.js';
import { makeStageLayout, type StageLayout } from './stage-layout.js';

export interface CompiledItem {
    /** Event-name code in the cache, or -1 when no attributed event has the name. */
    code: number;
    /** Ranks of the events of that name that pass the item's `where` and `campaign`; undefined = all. */
    filter?: Bitset;
}

export interface CompiledStage {
    optional: boolean;
    items: CompiledItem[];
}

export interface PassInput {
    data: ColumnarEvents;
    stages: CompiledStage[];
    windowMs?: number;
    /** Events with startMs <= time < endMs count; undefined = all. */
    range?: { startMs: number; endMs: number };
    /** Objects passing the journey-level filter (1) or not (0); undefined = all pass. */
    objectPass?: Uint8Array;
    /** Items whose per-object first touch is wanted (breakdowns), as [stage, item]. */
    firstTouchItems?: [number, number][];
}

export interface PassResult {
    stageCount: number;
    /** firstTouch[o * stageCount + k]: the row of object o's first touch of stage k, or -1. */
    firstTouch: Int32Array;
    /** itemCounts[k][i]: objects with a path whose event at stage k fills item i. */
    itemCounts: number[][];
    /** Per requested item (same order as firstTouchItems): per object, the first row that ends a path at the item's stage and fills it, or -1. */
    itemFirstTouch: Int32Array[];
}

/** Precomputed, per event code, what rows of that code fill. */
interface FillTable {
    layout: StageLayout;
    /** Stages whose items take every event of the code. */
    plain: Int32Array;
    /** Filtered items per code: stage bit and the filter. */
    filtered: { bit: number; filter: Bitset }[][];
    hasFiltered: Uint8Array;
}

function makeFillTable(data: ColumnarEvents, stages: CompiledStage[]): FillTable {
    const codes = data.eventNames.length;
    const plain = new Int32Array(codes);
    const filtered: { bit: number; filter: Bitset }[][] = Array.from({ length: codes }, () => []);
    stages.forEach((stage, k) => {
        for (const item of stage.items) {
            if (item.code < 0) continue;
            if (item.filter) filtered[item.code].push({ bit: 1 << k, filter: item.filter });
            else plain[item.code] |= 1 << k;
        }
    });
    const hasFiltered = Uint8Array.from(filtered, list => (list.length > 0 ? 1 : 0));
    return { layout: makeStageLayout(stages.map(s => s.optional)), plain, filtered, hasFiltered };
}

/** The rows of object o inside the date range, as [lo, hi). */
export function objectRows(data: ColumnarEvents, o: number, range: PassInput['range']): [number, number] {
    let lo = data.objectStart[o];
    let hi = data.objectStart[o + 1];
    if (range) {
        lo = lowerBoundTime(data.time, range.startMs, lo, hi);
        hi = lowerBoundTime(data.time, range.endMs, lo, hi);
    }
    return [lo, hi];
}

export function newPassResult(input: PassInput): PassResult {
    const objects = input.data.objectIds.length;
    const n = input.stages.length;
    return {
        stageCount: n,
        firstTouch: new Int32Array(objects * n).fill(-1),
        itemCounts: input.stages.map(s => s.items.map(() => 0)),
        itemFirstTouch: (input.firstTouchItems ?? []).map(() => new Int32Array(objects).fill(-1)),
    };
}

/**
 * Runs the pass over objects [fromObject, toObject) into `result`, so a caller
 * can split the work into chunks (for progress and cancellation).
 */
export function runPass(input: PassInput, result: PassResult, fromObject: number, toObject: number, state = newPassState(input)): void {
    const { data } = input;
    const { code, rank, time, objectStart } = data;
    const n = input.stages.length;
    const { table, scratch, stageItems, stagesWithItems, itemsLeftInStage, wanted, itemDone } = state;
    const { plain, filtered, hasFiltered, layout } = table;
    const predecessors = layout.predecessors;
    const range = input.range;
    const windowMs = input.windowMs;
    const objectPass = input.objectPass;
    const firstTouch = result.firstTouch;
    const itemFirstTouch = result.itemFirstTouch;
    const itemCounts = result.itemCounts;
    for (let o = fromObject; o < toObject; o++) {
        if (objectPass !== undefined && objectPass[o] === 0) continue;
        let lo = objectStart[o];
        let hi = objectStart[o + 1];
        if (range !== undefined) {
            lo = lowerBoundTime(time, range.startMs, lo, hi);
            hi = lowerBoundTime(time, range.endMs, lo, hi);
        }
        const m = hi - lo;
        if (m === 0) continue;
        if (state.fills.length < m) {
            state.fills = new Int32Array(m * 2);
            state.ends = new Int32Array(m * 2);
        }
        const fills = state.fills;
        const ends = state.ends;
        let any = 0;
        let ties = false;
        let lastTime = NaN;
        for (let r = 0; r < m; r++) {
            const row = lo + r;
            const c = code[row];
            let f = plain[c];
            if (hasFiltered[c] !== 0) {
                const list = filtered[c];
                const eventRank = rank[row];
                for (let x = 0; x < list.length; x++) {
                    if (bitsetHas(list[x].filter, eventRank)) f |= list[x].bit;
                }
            }
            fills[r] = f;
            if (f !== 0) {
                any |= f;
                if (time[row] === lastTime) ties = true;
                lastTime = time[row];
            }
        }
        if ((any & 1) === 0) continue; // no event fills stage 1: no path at all
        if (!ties && windowMs === undefined) {
            // The common case, inlined (see endMasksNoTiesNoWindow): the state is the
            // mask of stages some path has ended at so far.
            let stateMask = 0;
            for (let r = 0; r < m; r++) {
                const f = fills[r];
                let e = f & 1;
                let rest = f & ~1;
                while (rest !== 0) {
                    const bit = rest & -rest;
                    rest ^= bit;
                    if ((stateMask & predecessors[31 - Math.clz32(bit)]) !== 0) e |= bit;
                }
                ends[r] = e;
                stateMask |= e;
            }
        } else {
            computeEndMasks(time, lo, fills, m, layout, windowMs, ends, scratch, ties);
        }
        const base = o * n;
        let reached = 0;
        let wantedLeft = wanted.length;
        // Stages some of whose items are not yet counted for this object; rows
        // ending paths only at other stages skip the item checks entirely.
        let pendingStages = stagesWithItems;
        const stamp = o + 1; // itemDone[x] === stamp: item x already counted for this object
        for (let k = 0; k < n; k++) itemsLeftInStage[k] = stageItems[k].length;
        for (let r = 0; r < m; r++) {
            const e = ends[r];
            if (e === 0) continue;
            const row = lo + r;
            let fresh = e & ~reached;
            reached |= e;
            while (fresh !== 0) {
                const k = 31 - Math.clz32(fresh & -fresh);
                fresh &= fresh - 1;
                firstTouch[base + k] = row;
            }
            // Per-item counts: an object counts once per item, at any row that ends a path at the item's stage.
            let check = e & pendingStages;
            while (check !== 0) {
                const k = 31 - Math.clz32(check & -check);
                check &= check - 1;
                const c = code[row];
                const list = stageItems[k];
                for (let x = 0; x < list.length; x++) {
                    const item = list[x];
                    if (itemDone[item.flat] === stamp || item.code !== c) continue;
                    if (item.filter !== undefined && !bitsetHas(item.filter, rank[row])) continue;
                    itemDone[item.flat] = stamp;
                    itemCounts[k][item.index]++;
                    if (--itemsLeftInStage[k] === 0) pendingStages &= ~(1 << k);
                }
            }
            if (wantedLeft > 0) {
                for (let w = 0; w < wanted.length; w++) {
                    const target = itemFirstTouch[w];
                    if (target[o] >= 0) continue;
                    const item = wanted[w];
                    if ((e & item.bit) !== 0 && item.code === code[row] && (item.filter === undefined || bitsetHas(item.filter, rank[row]))) {
                        target[o] = row;
                        wantedLeft--;
                    }
                }
            }
        }
    }
}

interface FlatItem {
    stage: number;
    index: number;
    /** Position among all items of the journey. */
    flat: number;
    bit: number;
    code: number;
    filter: Bitset | undefined;
}

export interface PassState {
    table: FillTable;
    scratch: MatcherScratch;
    fills: Int32Array;
    ends: Int32Array;
    /** Items per stage, the stages that have any, and the items whose first touch is wanted. */
    stageItems: FlatItem[][];
    stagesWithItems: number;
    itemsLeftInStage: Int32Array;
    itemDone: Int32Array;
    wanted: FlatItem[];
}

export function newPassState(input: PassInput): PassState {
    let count = 0;
    const flat = (k: number, index: number, position: number): FlatItem => {
        const item = input.stages[k].items[index];
        return { stage: k, index, flat: position, bit: 1 << k, code: item.code, filter: item.filter };
    };
    const stageItems = input.stages.map((stage, k) => stage.items.map((_, index) => flat(k, index, count++)));
    let stagesWithItems = 0;
    stageItems.forEach((list, k) => { if (list.length > 0) stagesWithItems |= 1 << k; });
    const wanted = (input.firstTouchItems ?? []).map(([k, i]) => flat(k, i, -1));
    return {
        table: makeFillTable(input.data, input.stages),
        scratch: new MatcherScratch(input.stages.length),
        fills: new Int32Array(64),
        ends: new Int32Array(64),
        stageItems,
        stagesWithItems,
        itemsLeftInStage: new Int32Array(input.stages.length),
        itemDone: new Int32Array(count),
        wanted,
    };
}
