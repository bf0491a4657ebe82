/**
 * The columnar cache: every attributed event of one source (and anonymous
 * setting) as typed arrays, sorted by object, then time, then event id by
 * code point. Built once per store and reused by every run; the matcher
 * reads it in one pass. Also the small bitset helpers the filters use.
 */
import { compareCodePoint } from '../code-point.js';

export interface ColumnarEvents {
    /** Object index → id (`object_id` or `anonymous:<id>`), ascending by code point. */
    objectIds: string[];
    /** Rows of object o are [objectStart[o], objectStart[o + 1]). */
    objectStart: Int32Array;
    /** Per row: event-name code (index into `eventNames`), epoch ms, and the event's rank. */
    code: Int32Array;
    time: Float64Array;
    /** The event's position among all events of the store ordered by `event_id` (code point). */
    rank: Int32Array;
    eventNames: string[];
    /** Every distinct `event_name` in the events table, ascending by code point. */
    storeEventNames: string[];
}

/** A set of event ranks (or object indexes). */
export type Bitset = Uint32Array;

export function newBitset(size: number): Bitset {
    return new Uint32Array((size + 31) >>> 5);
}
export function bitsetAdd(bits: Bitset, i: number): void {
    bits[i >>> 5] |= 1 << (i & 31);
}
export function bitsetHas(bits: Bitset, i: number): boolean {
    return (bits[i >>> 5] & (1 << (i & 31))) !== 0;
}

/** One attributed event while the cache is being built. */
export interface ColumnarBuilder {
    add(ownerId: string, code: number, time: number, rank: number): void;
    /** `codeRemap[code]`, when given, renumbers the codes passed to add(). */
    finish(eventNames: string[], storeEventNames: string[], codeRemap?: Int32Array): ColumnarEvents;
}

/**
 * Collects (owner, event) pairs in any order and sorts them into a
 * ColumnarEvents: a counting sort by object (ids sorted by code point), then
 * each object's rows by time and rank.
 */
export function columnarBuilder(expectedRows = 1024): ColumnarBuilder {
    let capacity = Math.max(16, expectedRows);
    let owner = new Int32Array(capacity);
    let code = new Int32Array(capacity);
    let time = new Float64Array(capacity);
    let rank = new Int32Array(capacity);
    let size = 0;
    const ownerIndex = new Map<string, number>();
    const ownerIds: string[] = [];
    const grow = () => {
        capacity *= 2;
        const o = new Int32Array(capacity); o.set(owner); owner = o;
        const c = new Int32Array(capacity); c.set(code); code = c;
        const t = new Float64Array(capacity); t.set(time); time = t;
        const r = new Int32Array(capacity); r.set(rank); rank = r;
    };
    return {
        add(ownerId, eventCode, eventTime, eventRank) {
            if (size === capacity) grow();
            let o = ownerIndex.get(ownerId);
            if (o === undefined) {
                o = ownerIds.length;
                ownerIds.push(ownerId);
                ownerIndex.set(ownerId, o);
            }
            owner[size] = o;
            code[size] = eventCode;
            time[size] = eventTime;
            rank[size] = eventRank;
            size++;
        },
        finish(eventNames, storeEventNames, codeRemap) {
            const order = ownerIds.map((_, i) => i).sort((a, b) => compareCodePoint(ownerIds[a], ownerIds[b]));
            const finalIndex = new Int32Array(ownerIds.length);
            order.forEach((temp, final) => { finalIndex[temp] = final; });
            const objectStart = new Int32Array(ownerIds.length + 1);
            for (let i = 0; i < size; i++) objectStart[finalIndex[owner[i]] + 1]++;
            for (let o = 0; o < ownerIds.length; o++) objectStart[o + 1] += objectStart[o];
            const next = objectStart.slice(0, ownerIds.length);
            const position = new Int32Array(size);
            for (let i = 0; i < size; i++) position[next[finalIndex[owner[i]]]++] = i;
            const sortedCode = new Int32Array(size);
            const sortedTime = new Float64Array(size);
            const sortedRank = new Int32Array(size);
            for (let o = 0; o < ownerIds.length; o++) {
                sortSegment(position, objectStart[o], objectStart[o + 1], time, rank);
            }
            for (let i = 0; i < size; i++) {
                const p = position[i];
                sortedCode[i] = codeRemap ? codeRemap[code[p]] : code[p];
                sortedTime[i] = time[p];
                sortedRank[i] = rank[p];
            }
            return {
                objectIds: order.map(i => ownerIds[i]),
                objectStart, code: sortedCode, time: sortedTime, rank: sortedRank,
                eventNames, storeEventNames,
            };
        },
    };
}

/** Sorts position[from, to) by (time, rank); usually already in order. */
function sortSegment(position: Int32Array, from: number, to: number, time: Float64Array, rank: Int32Array): void {
    const before = (a: number, b: number) => time[a] < time[b] || (time[a] === time[b] && rank[a] < rank[b]);
    let sorted = true;
    for (let i = from + 1; i < to; i++) if (before(position[i], position[i - 1])) { sorted = false; break; }
    if (sorted) return;
    const segment = Array.from(position.subarray(from, to));
    segment.sort((a, b) => (time[a] - time[b]) || (rank[a] - rank[b]));
    position.set(segment, from);
}

/** First row in [lo, hi) whose time is >= t (rows are sorted by time within an object). */
export function lowerBoundTime(time: Float64Array, t: number, lo: number, hi: number): number {
    while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (time[mid] < t) lo = mid + 1; else hi = mid;
    }
    return lo;
}
