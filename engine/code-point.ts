/**
 * String order by Unicode code point (semantics.md: "Strings are ordered by
 * Unicode code point throughout"). JavaScript's `<` compares UTF-16 code
 * units, which puts U+E000..U+FFFF after astral characters; this does not.
 */

/** Negative, zero or positive as `a` sorts before, with or after `b` by code point. */
export function compareCodePoint(a: string, b: string): number {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
        const x = a.charCodeAt(i);
        const y = b.charCodeAt(i);
        if (x === y) continue;
        // Only when both units are in the BMP range above the surrogates, or both
        // surrogates, does the code-unit order equal the code-point order.
        const xs = x >= 0xd800 && x <= 0xdfff;
        const ys = y >= 0xd800 && y <= 0xdfff;
        if (xs === ys) return x - y;
        // A surrogate (astral code point) sorts after any BMP unit.
        return xs ? 1 : -1;
    }
    return a.length - b.length;
}
