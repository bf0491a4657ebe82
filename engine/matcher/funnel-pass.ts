/**
 * One pass of the matcher over the columnar cache: per object and stage, the
 * first touch (the first row that ends a path there), and per item, how many
 * objects have a path whose event at that stage fills it (with the first such
 * row where a breakdown needs it). Pure over arrays; the report builder runs
 * it once per journey (plus once per `top events` stage to resolve it).
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
    return { layout: makeStageLayout(stages.map(s => s.optional)), plain, filtered };
}

export function itemFills(data: ColumnarEvents, row: number, item: CompiledItem): boolean {
    return data.code[row] === item.code && (!item.filter || bitsetHas(item.filter, data.rank[row]));
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
    const { data, stages } = input;
    const n = stages.length;
    const { table, scratch } = state;
    const { plain, filtered, layout } = table;
    const wanted = input.firstTouchItems ?? [];
    for (let o = fromObject; o < toObject; o++) {
        if (input.objectPass && input.objectPass[o] === 0) continue;
        const [lo, hi] = objectRows(data, o, input.range);
        const m = hi - lo;
        if (m === 0) continue;
        if (state.fills.length < m) {
            state.fills = new Int32Array(m * 2);
            state.ends = new Int32Array(m * 2);
        }
        const { fills, ends } = state;
        let any = 0;
        for (let r = 0; r < m; r++) {
            const row = lo + r;
            const c = data.code[row];
            let f = plain[c];
            const list = filtered[c];
            for (let x = 0; x < list.length; x++) {
                if (bitsetHas(list[x].filter, data.rank[row])) f |= list[x].bit;
            }
            fills[r] = f;
            any |= f;
        }
        if ((any & 1) === 0) continue; // no event fills stage 1: no path at all
        computeEndMasks(data.time, lo, fills, m, layout, input.windowMs, ends, scratch);
        const base = o * n;
        let reached = 0;
        for (let r = 0; r < m; r++) {
            let e = ends[r] & ~reached;
            reached |= ends[r];
            while (e !== 0) {
                const k = 31 - Math.clz32(e & -e);
                e &= e - 1;
                result.firstTouch[base + k] = lo + r;
            }
        }
        if (reached === 0) continue;
        for (let k = 0; k < n; k++) {
            if ((reached & (1 << k)) === 0) continue;
            const items = stages[k].items;
            for (let i = 0; i < items.length; i++) {
                for (let r = 0; r < m; r++) {
                    if ((ends[r] & (1 << k)) !== 0 && itemFills(data, lo + r, items[i])) {
                        result.itemCounts[k][i]++;
                        break;
                    }
                }
            }
        }
        wanted.forEach(([k, i], w) => {
            if ((reached & (1 << k)) === 0) return;
            for (let r = 0; r < m; r++) {
                if ((ends[r] & (1 << k)) !== 0 && itemFills(data, lo + r, stages[k].items[i])) {
                    result.itemFirstTouch[w][o] = lo + r;
                    return;
                }
            }
        });
    }
}

export interface PassState {
    table: FillTable;
    scratch: MatcherScratch;
    fills: Int32Array;
    ends: Int32Array;
}

export function newPassState(input: PassInput): PassState {
    return {
        table: makeFillTable(input.data, input.stages),
        scratch: new MatcherScratch(input.stages.length),
        fills: new Int32Array(64),
        ends: new Int32Array(64),
    };
}
