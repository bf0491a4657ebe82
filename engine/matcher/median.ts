/**
 * The median of numbers (semantics.md: the mean of the middle two for an even
 * count), by quickselect in linear time: medians over hundreds of thousands
 * of objects must not cost a sort per stage.
 */

/** Median of `values` (reordered in place), or null when empty. */
export function medianInPlace(values: Float64Array): number | null {
    const n = values.length;
    if (n === 0) return null;
    const upper = n >> 1;
    const high = select(values, upper, 0, n - 1);
    if (n % 2 === 1) return high;
    // After selection everything left of `upper` is <= it: the lower middle is their maximum.
    let low = -Infinity;
    for (let i = 0; i < upper; i++) if (values[i] > low) low = values[i];
    return (low + high) / 2;
}

/** The k-th smallest of values[lo..hi], leaving smaller ones left of k and larger ones right of it. */
function select(values: Float64Array, k: number, lo: number, hi: number): number {
    while (hi > lo) {
        // Median of three as the pivot keeps sorted or constant input linear.
        const mid = (lo + hi) >>> 1;
        const a = values[lo], b = values[mid], c = values[hi];
        const pivot = a < b ? (b < c ? b : a < c ? c : a) : (a < c ? a : b < c ? c : b);
        let i = lo;
        let j = hi;
        while (i <= j) {
            while (values[i] < pivot) i++;
            while (values[j] > pivot) j--;
            if (i <= j) {
                const t = values[i]; values[i] = values[j]; values[j] = t;
                i++; j--;
            }
        }
        if (k <= j) hi = j;
        else if (k >= i) lo = i;
        else return values[k];
    }
    return values[k];
}
