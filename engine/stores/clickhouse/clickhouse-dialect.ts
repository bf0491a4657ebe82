/** ClickHouse's spelling of the shared array SQL (arrayMap & co. over side-by-side arrays, bitAnd, two-argument greatest): 18.16 and current. */
import type { Dialect } from '../duckdb/array-sql/dialect.js';
import { chIdent, chNumber, chString } from './clickhouse-escape.js';

export const clickHouseDialect: Dialect = {
    name: 'clickhouse',
    str: chString,
    ident: chIdent,
    num: chNumber,
    // Out-of-range indexes give the type's default in ClickHouse, so `dflt` must be that default (0 or '').
    at: (arr, idx, dflt) => `if((${idx}) > 0, arrayElement(${arr}, ${idx}), ${dflt})`,
    indexOf: (arr, value) => `indexOf(${arr}, ${value})`,
    len: arr => `length(${arr})`,
    indexes: arr => `arrayEnumerate(${arr})`,
    zip: (params, arrays, body) => `arrayMap((${params.join(', ')}) -> ${body}, ${arrays.join(', ')})`,
    zipFirstIndex: (params, arrays, cond) => `arrayFirstIndex((${params.join(', ')}) -> ${cond}, ${arrays.join(', ')})`,
    zipFilter: (params, arrays, cond) => `arrayFilter((${params.join(', ')}) -> ${cond}, ${arrays.join(', ')})`,
    occurrence: arrays => `arrayEnumerateUniq(${arrays.join(', ')})`,
    cumSum: arr => `arrayCumSum(${arr})`,
    // 18.16 has no running max (nor arrayFold): with c[i] = max(0, c[i-1] - (a[i] - a[i-1])), which is
    // arrayCumSumNonNegative of the negated differences, c[i] = max(a[1..i]) - a[i].
    runningMax: arr => `arrayMap((_rv, _rc) -> _rv + _rc, ${arr}, arrayCumSumNonNegative(arrayMap(_rd -> -_rd, arrayDifference(${arr}))))`,
    shift: (arr, fill) => `arraySlice(arrayPushFront(${arr}, ${fill}), 1, length(${arr}))`,
    reverse: arr => `arrayReverse(${arr})`,
    sum: arr => `arraySum(${arr})`,
    int: value => `toInt64(${value})`,
    firstIndex: (p, arr, cond) => `arrayFirstIndex(${p} -> ${cond}, ${arr})`,
    slice: (arr, start, length) => `arraySlice(${arr}, ${start}, ${length})`,
    hasBit: (value, mask) => `(bitAnd(${value}, ${mask}) != 0)`,
    greatest: args => args.reduce((acc, next) => `greatest(${acc}, ${next})`),
    least: args => args.reduce((acc, next) => `least(${acc}, ${next})`),
    flag: cond => `(CASE WHEN ${cond} THEN 1 ELSE 0 END)`,
    distinct: arr => `arraySort(arrayDistinct(${arr}))`,
    contains: (h, n) => `(position(${h}, ${n}) > 0)`,
    startsWith: (h, n) => `(substring(${h}, 1, length(${n})) = ${n})`,
    join: (arr, sep) => `arrayStringConcat(${arr}, ${sep})`,
    emptyStrings: () => `emptyArrayString()`,
};
