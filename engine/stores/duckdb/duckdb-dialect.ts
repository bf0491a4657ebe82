/** DuckDB's spelling of the shared array SQL (lists, `->` lambdas, `&`). */
import type { Dialect } from './array-sql/dialect.js';

export function duckDbString(value: string): string {
    if (value.includes('\u0000')) throw new Error('text with a NUL character cannot be used in a DuckDB query');
    return `'${value.replace(/'/g, "''")}'`;
}

/**
 * `body` with each of `params` read from its array at index _zi (DuckDB's
 * lambdas take one list; captured lists are cheap there). Quoted strings and
 * identifiers are skipped, so a value that spells a parameter stays a value.
 */
function bind(params: string[], arrays: string[], body: string): string {
    const at = new Map(params.map((p, j) => [p, `(${arrays[j]})[_zi]`]));
    return body.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|[A-Za-z_][A-Za-z0-9_]*/g, token => at.get(token) ?? token);
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
    indexes: arr => `range(1, len(${arr}) + 1)`,
    zip: (params, arrays, body) => `list_transform(range(1, len(${arrays[0]}) + 1), _zi -> ${bind(params, arrays, body)})`,
    zipFirstIndex: (params, arrays, cond) => `coalesce(list_position(list_transform(range(1, len(${arrays[0]}) + 1), _zi -> coalesce(${bind(params, arrays, cond)}, false)), true), 0)`,
    zipFilter: (params, arrays, cond) => `list_filter(${arrays[0]}, (_zx, _zi) -> ${bind(params, arrays, cond)})`,
    // DuckDB has no running aggregate over a list. The first array is sorted, so equal elements start where its
    // value first appears (list_position: a native scan) and only that run is compared in a lambda.
    occurrence: arrays => `list_transform(range(1, len(${arrays[0]}) + 1), _zi -> len(list_filter(range(list_position(${arrays[0]}, (${arrays[0]})[_zi]), _zi + 1), _zj -> ${arrays.map(a => `(${a})[_zj] = (${a})[_zi]`).join(' AND ')})))`,
    // Each prefix is sliced and aggregated natively (quadratic, but its captures are cheap).
    cumSum: arr => `list_transform(range(1, len(${arr}) + 1), _zi -> CAST(list_sum(list_slice(${arr}, 1, _zi)) AS BIGINT))`,
    runningMax: arr => `list_transform(range(1, len(${arr}) + 1), _zi -> list_max(list_slice(${arr}, 1, _zi)))`,
    shift: (arr, fill) => `list_slice(list_prepend(${fill}, ${arr}), 1, len(${arr}))`,
    reverse: arr => `list_reverse(${arr})`,
    sum: arr => `coalesce(CAST(list_sum(${arr}) AS BIGINT), 0)`,
    int: value => `CAST(${value} AS BIGINT)`,
    firstIndex: (p, arr, cond) => `coalesce(list_position(list_transform(${arr}, ${p} -> coalesce(${cond}, false)), true), 0)`,
    slice: (arr, start, length) => `list_slice(${arr}, ${start}, (${start}) + (${length}) - 1)`,
    hasBit: (value, mask) => `(CASE WHEN ((${value}) & ${mask}) <> 0 THEN 1 ELSE 0 END)`,
    greatest: args => (args.length === 1 ? args[0] : `greatest(${args.join(', ')})`),
    least: args => (args.length === 1 ? args[0] : `least(${args.join(', ')})`),
    flag: cond => `(CASE WHEN ${cond} THEN 1 ELSE 0 END)`,
    distinct: arr => `list_sort(list_distinct(${arr}))`,
    contains: (h, n) => `(strpos(${h}, ${n}) > 0)`,
    startsWith: (h, n) => `starts_with(${h}, ${n})`,
    join: (arr, sep) => `array_to_string(${arr}, ${sep})`,
    emptyStrings: () => `CAST([] AS VARCHAR[])`,
};
