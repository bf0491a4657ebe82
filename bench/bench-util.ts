/** Small helpers every bench script shares: options, sizes, medians and percentiles. */

/** `--name value` from the command line, or the fallback. */
export function option(name: string, fallback: string): string {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1] : fallback;
}

/** `100k`, `1M`, `20M`, `5000` → a number of events. */
export function parseSize(text: string): number {
    const m = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(text.trim());
    if (!m) throw new Error(`bad size ${text}`);
    return Math.round(Number(m[1]) * (m[2].toLowerCase() === 'm' ? 1e6 : m[2].toLowerCase() === 'k' ? 1e3 : 1));
}

export function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median (nearest rank) and 95th percentile of a set of timings. */
export function percentiles(values: number[]): { p50: number; p95: number } {
    const sorted = [...values].sort((a, b) => a - b);
    const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    return { p50: at(0.5), p95: at(0.95) };
}
