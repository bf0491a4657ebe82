/**
 * This machine's memory read bandwidth as our hot loop sees it: summing a
 * typed array far larger than the caches, four accumulators to keep the
 * loop bound by memory rather than by adds. Best of five passes.
 */
export function measureBandwidthGBs(bytes = 512 * 2 ** 20): number {
    const data = new Int32Array(bytes / 4);
    for (let i = 0; i < data.length; i += 1024) data[i] = i;
    let best = Infinity;
    let sink = 0;
    for (let pass = 0; pass < 5; pass++) {
        const t = performance.now();
        let a = 0, b = 0, c = 0, d = 0;
        for (let i = 0; i < data.length; i += 4) {
            a += data[i]; b += data[i + 1]; c += data[i + 2]; d += data[i + 3];
        }
        sink += a + b + c + d;
        best = Math.min(best, performance.now() - t);
    }
    if (sink === 42) console.log('');
    return bytes / (best / 1000) / 1e9;
}
