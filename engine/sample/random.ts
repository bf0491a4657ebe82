/**
 * A small seeded random source (sfc32) so that a sample store is the same for
 * the same seed on every machine and Node version (Math.random is not seedable).
 */
export class Random {
    private a: number;
    private b: number;
    private c: number;
    private d: number;

    constructor(seed: number) {
        // Spread the seed over the state with splitmix32, then warm up.
        let s = seed >>> 0;
        const next = () => {
            s = (s + 0x9e3779b9) >>> 0;
            let z = s;
            z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
            z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
            return (z ^ (z >>> 16)) >>> 0;
        };
        this.a = next(); this.b = next(); this.c = next(); this.d = next();
        for (let i = 0; i < 15; i++) this.next();
    }

    /** A float in [0, 1). */
    next(): number {
        const t = (((this.a + this.b) | 0) + this.d) | 0;
        this.d = (this.d + 1) | 0;
        this.a = this.b ^ (this.b >>> 9);
        this.b = (this.c + (this.c << 3)) | 0;
        this.c = (this.c << 21) | (this.c >>> 11);
        this.c = (this.c + t) | 0;
        return (t >>> 0) / 4294967296;
    }

    /** An integer in [min, max] (both included). */
    int(min: number, max: number): number {
        return min + Math.floor(this.next() * (max - min + 1));
    }

    chance(p: number): boolean {
        return this.next() < p;
    }

    pick<T>(items: readonly T[]): T {
        return items[Math.floor(this.next() * items.length)];
    }

    /** An index drawn by the cumulative weights (see cumulative()). */
    weighted(cumulativeWeights: Float64Array): number {
        const total = cumulativeWeights[cumulativeWeights.length - 1];
        const target = this.next() * total;
        let lo = 0;
        let hi = cumulativeWeights.length - 1;
        while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (cumulativeWeights[mid] > target) hi = mid; else lo = mid + 1;
        }
        return lo;
    }

    /** A count with the given mean, geometric (many small, a few large), capped. */
    geometric(mean: number, cap = 1000): number {
        if (mean <= 0) return 0;
        const p = 1 / (mean + 1);
        const u = 1 - this.next();
        return Math.min(cap, Math.floor(Math.log(u) / Math.log(1 - p)));
    }

    /** An exponential wait with the given mean. */
    exponential(mean: number): number {
        return -Math.log(1 - this.next()) * mean;
    }
}

/** Cumulative weights for Random.weighted. */
export function cumulative(weights: readonly number[]): Float64Array {
    const out = new Float64Array(weights.length);
    let sum = 0;
    weights.forEach((w, i) => { sum += w; out[i] = sum; });
    return out;
}

/** Zipf weights 1/k^s for ranks 1..n: the first item is the most popular, with a long tail. */
export function zipfWeights(n: number, s = 1.1): number[] {
    return Array.from({ length: n }, (_, k) => 1 / Math.pow(k + 1, s));
}
