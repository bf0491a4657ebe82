/**
 * The SQL differences between DuckDB and ClickHouse 18.16 that the shared
 * array formulation of the matcher needs (lists and lambdas, 1-based
 * indexing, bit tests). Every literal and identifier goes through the
 * dialect's quoting, never string concatenation in the generators.
 */
export interface Dialect {
    readonly name: 'duckdb' | 'clickhouse';
    /** A string literal. */
    str(value: string): string;
    /** A quoted identifier (table, column). */
    ident(name: string): string;
    /** A finite number literal, exactly as JavaScript reads it. */
    num(value: number): string;
    /** Element `idx` (1-based) of `arr`; `dflt` when idx is 0 or out of range. */
    at(arr: string, idx: string, dflt: string): string;
    /** 1-based position of `value` in `arr`, 0 when absent. */
    indexOf(arr: string, value: string): string;
    len(arr: string): string;
    /** 1, 2, ..., len(arr). */
    indexes(arr: string): string;
    /**
     * [body(a1[i], a2[i], ...)] over arrays of one length, each `params[j]`
     * bound to `arrays[j]`'s element. The arrays are walked side by side, never
     * captured: ClickHouse copies a captured array once per element, which made
     * the matcher quadratic in an object's events.
     */
    zip(params: string[], arrays: string[], body: string): string;
    /** The first 1-based index where `cond` over the side-by-side elements holds, 0 when none. */
    zipFirstIndex(params: string[], arrays: string[], cond: string): string;
    /** The elements of `arrays[0]` where `cond` over the side-by-side elements holds. */
    zipFilter(params: string[], arrays: string[], cond: string): string;
    /**
     * For each element, how many elements up to and including it have the same values in all `arrays` (side by side).
     * The first array is sorted (equal values side by side), as `_t` and `_rt` are.
     */
    occurrence(arrays: string[]): string;
    /** Running sum of an integer array. */
    cumSum(arr: string): string;
    /** Running maximum of an Int64 array whose values differ by less than 2^63. */
    runningMax(arr: string): string;
    /** [fill, a1, ..., a(n-1)]: one place to the right, same length ([] stays []). */
    shift(arr: string, fill: string): string;
    reverse(arr: string): string;
    /** Sum of an integer array, 0 when empty. */
    sum(arr: string): string;
    /** The value as a 64-bit signed integer. */
    int(value: string): string;
    /** First 1-based index where `cond` over the element holds, 0 when none. */
    firstIndex(param: string, arr: string, cond: string): string;
    /** Elements from 1-based `start`, `length` of them (length may be 0). */
    slice(arr: string, start: string, length: string): string;
    /** 1 when `bit` (a power of two literal) is set in `value`, else 0. */
    hasBit(value: string, mask: string): string;
    /** Largest of the arguments (ClickHouse 18.16's greatest takes two). */
    greatest(args: string[]): string;
    least(args: string[]): string;
    /** 1/0 from a boolean condition. */
    flag(cond: string): string;
    distinct(arr: string): string;
    /** Does `haystack` contain `needle` (bytes, case-sensitive)? */
    contains(haystack: string, needle: string): string;
    startsWith(haystack: string, needle: string): string;
    /** Strings joined with a separator. */
    join(arr: string, sep: string): string;
    emptyStrings(): string;
}
