/**
 * What the matcher needs to know about a journey's stages, precomputed once
 * per run: which stages are optional, and for each pair of stages (j, k) the
 * required stages strictly between them that a path from j to k must fill.
 */

/** Stages are bits of a 32-bit mask, so a plan has at most this many. */
export const MAX_MATCHER_STAGES = 31;

export interface StageLayout {
    readonly stageCount: number;
    readonly optional: readonly boolean[];
    /**
     * needBetween[j * n + k]: mask of the stages a path that was at stage j (or
     * had not started, j = -1 stored at row n) must still fill before stage k.
     */
    readonly needBetween: Int32Array;
    /** predecessors[k]: mask of the stages j < k a path may come from straight to k (only optional stages between). */
    readonly predecessors: Int32Array;
}

export function makeStageLayout(optional: readonly boolean[]): StageLayout {
    const n = optional.length;
    if (n > MAX_MATCHER_STAGES) {
        throw new Error(`a journey has ${n} stages, more than the ${MAX_MATCHER_STAGES} the engine supports`);
    }
    const needBetween = new Int32Array((n + 1) * n);
    for (let k = 0; k < n; k++) {
        for (let j = -1; j < k; j++) {
            let need = 0;
            for (let s = j + 1; s < k; s++) {
                // A path always starts at the first stage, so it is never skipped.
                if (!optional[s] || s === 0) need |= 1 << s;
            }
            needBetween[(j < 0 ? n : j) * n + k] = need;
        }
    }
    const predecessors = new Int32Array(n);
    for (let k = 0; k < n; k++) {
        for (let j = 0; j < k; j++) if (needBetween[j * n + k] === 0) predecessors[k] |= 1 << j;
    }
    return { stageCount: n, optional: [...optional], needBetween, predecessors };
}

/** The nearest required stage before k (semantics.md's "p"), or 0 when none is. */
export function previousRequired(optional: readonly boolean[], k: number): number {
    for (let p = k - 1; p >= 0; p--) if (!optional[p]) return p;
    return 0;
}
