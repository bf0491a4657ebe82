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
    /** [body(1), ..., body(len(arr))] with `param` bound to the index. */
    mapIdx(param: string, arr: string, body: string): string;
    /** [body(a[1], b[1]), ...] over two arrays of one length (where the engine has multi-array lambdas). */
    map2?(p: string, q: string, a: string, b: string, body: string): string;
    /** Elements of `arr` for which `cond` (over `param`, the element, and `idxParam`, its index) holds. */
    filterIdx(param: string, idxParam: string, arr: string, cond: string): string;
    /** Number of elements where `cond` over `param` holds. */
    count(param: string, arr: string, cond: string): string;
    /** First 1-based index where `cond` over the element holds, 0 when none. */
    firstIndex(param: string, arr: string, cond: string): string;
    /** Elements from 1-based `start`, `length` of them (length may be 0). */
    slice(arr: string, start: string, length: string): string;
    /** Largest element, `none` when the array is empty. */
    maxOr(arr: string, none: string): string;
    /** 1 when `bit` (a power of two literal) is set in `value`, else 0. */
    hasBit(value: string, mask: string): string;
    /** Largest of the arguments (ClickHouse 18.16's greatest takes two). */
    greatest(args: string[]): string;
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
