/**
 * Lines up the journeys (or stages) of two versions: first by name, then the
 * leftovers by content, so a renamed journey or stage reads as "renamed"
 * rather than as one removed and one added.
 */

export interface Matchable {
    name: string;
    /** What the thing is made of (event names, stage names...), for similarity. */
    signature: Set<string>;
    /** A canonical text of the whole content: equal means a pure rename. */
    content: string;
}

export interface MatchPair {
    oldIndex?: number;
    newIndex?: number;
}

/** Leftovers pair up only when at least this share of their signatures is common. */
export const RENAME_SIMILARITY = 0.5;

export function jaccard(a: Set<string>, b: Set<string>): number {
    if (a.size === 0 && b.size === 0) return 1;
    let common = 0;
    for (const x of a) if (b.has(x)) common++;
    return common / (a.size + b.size - common);
}

/**
 * Pairs of matched indexes (in new order, then unmatched old ones). Names
 * match first; unmatched items pair greedily by similarity (identical content
 * first, then the highest share, then the nearest position).
 */
export function matchByNameThenContent(olds: Matchable[], news: Matchable[]): MatchPair[] {
    const newOfOld = new Map<number, number>();
    const oldOfNew = new Map<number, number>();
    const newByName = new Map<string, number>();
    news.forEach((item, i) => { if (!newByName.has(item.name)) newByName.set(item.name, i); });
    olds.forEach((item, i) => {
        const j = newByName.get(item.name);
        if (j !== undefined && !oldOfNew.has(j)) { newOfOld.set(i, j); oldOfNew.set(j, i); }
    });

    const candidates: { i: number; j: number; score: number; distance: number }[] = [];
    olds.forEach((a, i) => {
        if (newOfOld.has(i)) return;
        news.forEach((b, j) => {
            if (oldOfNew.has(j)) return;
            const share = jaccard(a.signature, b.signature);
            if (share < RENAME_SIMILARITY) return;
            candidates.push({ i, j, score: share + (a.content === b.content ? 1 : 0), distance: Math.abs(i - j) });
        });
    });
    candidates.sort((x, y) => y.score - x.score || x.distance - y.distance || x.i - y.i || x.j - y.j);
    for (const { i, j } of candidates) {
        if (newOfOld.has(i) || oldOfNew.has(j)) continue;
        newOfOld.set(i, j);
        oldOfNew.set(j, i);
    }

    const pairs: MatchPair[] = news.map((_, j) => (oldOfNew.has(j) ? { oldIndex: oldOfNew.get(j), newIndex: j } : { newIndex: j }));
    // A removed item goes right after the pair holding the old item it followed, so reports read in order.
    olds.forEach((_, i) => {
        if (newOfOld.has(i)) return;
        let at = 0;
        for (let k = i - 1; k >= 0; k--) {
            const index = pairs.findIndex(p => p.oldIndex === k);
            if (index >= 0) { at = index + 1; break; }
        }
        pairs.splice(at, 0, { oldIndex: i });
    });
    return pairs;
}

/**
 * The old indexes, in new order, of items whose relative order changed: the
 * ones outside a longest increasing run (so one moved stage names one stage).
 */
export function movedIndexes(oldIndexesInNewOrder: number[]): Set<number> {
    const n = oldIndexesInNewOrder.length;
    const length = new Array<number>(n).fill(1);
    const previous = new Array<number>(n).fill(-1);
    for (let i = 0; i < n; i++) {
        for (let k = 0; k < i; k++) {
            if (oldIndexesInNewOrder[k] < oldIndexesInNewOrder[i] && length[k] + 1 > length[i]) {
                length[i] = length[k] + 1;
                previous[i] = k;
            }
        }
    }
    let end = -1;
    for (let i = 0; i < n; i++) if (end < 0 || length[i] > length[end]) end = i;
    const kept = new Set<number>();
    for (let i = end; i >= 0; i = previous[i]) kept.add(oldIndexesInNewOrder[i]);
    return new Set(oldIndexesInNewOrder.filter(x => !kept.has(x)));
}
