/** DuckDB's spelling of the shared array SQL (lists, `->` lambdas, `&`). */
import type { Dialect } from './array-sql/dialect.js';

export function duckDbString(value: string): string {
    if (value.includes('\u0000')) throw new Error('text with a NUL character cannot be used in a DuckDB query');
    return `'${value.replace(/'/g, "''")}'`;
}

export const duckDbDialect: Dialect = {
    name: 'duckdb',
    str: duckDbString,
    ident: name => `"${name.replace(/"/g, '""')}"`,
    num: value => {
        if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
        return Number.isInteger(value) && Math.abs(value) < 2 ** 53 ? `${value}` : `CAST('${String(value)}' AS DOUBLE)`;
    },
    at: (arr, idx, dflt) => `coalesce((${arr})[${idx}], ${dflt})`,
    indexOf: (arr, value) => `coalesce(list_position(${arr}, ${value}), 0)`,
    len: arr => `len(${arr})`,
    mapIdx: (p, arr, body) => `list_transform(range(1, len(${arr}) + 1), ${p} -> ${body})`,
    filterIdx: (p, ip, arr, cond) => `list_filter(${arr}, (${p}, ${ip}) -> ${cond})`,
    count: (p, arr, cond) => `len(list_filter(${arr}, ${p} -> ${cond}))`,
    firstIndex: (p, arr, cond) => `coalesce(list_position(list_transform(${arr}, ${p} -> coalesce(${cond}, false)), true), 0)`,
    slice: (arr, start, length) => `list_slice(${arr}, ${start}, (${start}) + (${length}) - 1)`,
    maxOr: (arr, none) => `coalesce(list_max(${arr}), ${none})`,
    hasBit: (value, mask) => `(CASE WHEN ((${value}) & ${mask}) <> 0 THEN 1 ELSE 0 END)`,
    greatest: args => (args.length === 1 ? args[0] : `greatest(${args.join(', ')})`),
    flag: cond => `(CASE WHEN ${cond} THEN 1 ELSE 0 END)`,
    distinct: arr => `list_sort(list_distinct(${arr}))`,
    contains: (h, n) => `(strpos(${h}, ${n}) > 0)`,
    startsWith: (h, n) => `starts_with(${h}, ${n})`,
    join: (arr, sep) => `array_to_string(${arr}, ${sep})`,
    emptyStrings: () => `CAST([] AS VARCHAR[])`,
};
