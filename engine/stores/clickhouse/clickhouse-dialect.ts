/** ClickHouse 18.16's spelling of the shared array SQL (arrayMap & co., bitAnd, two-argument greatest). */
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
    mapIdx: (p, arr, body) => `arrayMap(${p} -> ${body}, arrayEnumerate(${arr}))`,
    map2: (p, q, a, b, body) => `arrayMap((${p}, ${q}) -> ${body}, ${a}, ${b})`,
    filterIdx: (p, ip, arr, cond) => `arrayFilter((${p}, ${ip}) -> ${cond}, ${arr}, arrayEnumerate(${arr}))`,
    count: (p, arr, cond) => `arrayCount(${p} -> ${cond}, ${arr})`,
    firstIndex: (p, arr, cond) => `arrayFirstIndex(${p} -> ${cond}, ${arr})`,
    slice: (arr, start, length) => `arraySlice(${arr}, ${start}, ${length})`,
    maxOr: (arr, none) => `if(length(${arr}) = 0, ${none}, arrayReduce('max', ${arr}))`,
    hasBit: (value, mask) => `(bitAnd(${value}, ${mask}) != 0)`,
    greatest: args => args.reduce((acc, next) => `greatest(${acc}, ${next})`),
    flag: cond => `(CASE WHEN ${cond} THEN 1 ELSE 0 END)`,
    distinct: arr => `arraySort(arrayDistinct(${arr}))`,
    contains: (h, n) => `(position(${h}, ${n}) > 0)`,
    startsWith: (h, n) => `(substring(${h}, 1, length(${n})) = ${n})`,
    join: (arr, sep) => `arrayStringConcat(${arr}, ${sep})`,
    emptyStrings: () => `emptyArrayString()`,
};
