/**
 * A condition (engine/plan.ts) as SQL over the typed property arrays of
 * property-columns.ts, with exactly the semantics of engine/conditions.ts:
 * missing or null satisfies only `is unknown`; `=` needs the same type;
 * ordering compares numbers with numbers and strings with strings (bytes of
 * UTF-8, i.e. code points); a date literal compares with epoch ms or a date
 * string; a value that is no date satisfies nothing with a date, `!=` included.
 */
import { dayStartMs, DAY_MS } from '../../../dates.js';
import type { ConditionPlan, Literal } from '../../../plan.js';
import type { Dialect } from './dialect.js';
import { PT_BOOLEAN, PT_NULL, PT_NUMBER, PT_STRING } from './property-columns.js';

/** Column names of one row's typed property arrays (qualified as needed). */
export interface PropertyColumnNames {
    pk: string; pt: string; ps: string; pn: string; pd: string; pdk: string;
}

export const PROPERTY_COLUMNS: PropertyColumnNames = { pk: 'pk', pt: 'pt', ps: 'ps', pn: 'pn', pd: 'pd', pdk: 'pdk' };

interface Accessors { type: string; str: string; num: string; date: string; dateOk: string }

function accessors(d: Dialect, cols: PropertyColumnNames, property: string): Accessors {
    const idx = d.indexOf(cols.pk, d.str(property));
    return {
        type: d.at(cols.pt, idx, '0'),
        str: d.at(cols.ps, idx, "''"),
        num: d.at(cols.pn, idx, '0'),
        date: d.at(cols.pd, idx, '0'),
        dateOk: d.at(cols.pdk, idx, '0'),
    };
}

export function conditionSql(condition: ConditionPlan, d: Dialect, cols: PropertyColumnNames = PROPERTY_COLUMNS): string {
    switch (condition.kind) {
        case 'and': return `(${conditionSql(condition.left, d, cols)} AND ${conditionSql(condition.right, d, cols)})`;
        case 'or': return `(${conditionSql(condition.left, d, cols)} OR ${conditionSql(condition.right, d, cols)})`;
        case 'cmp': return comparisonSql(condition.op, condition.values, accessors(d, cols, condition.property), d);
    }
}

/** `campaign K`: the event's `campaign` property is the string K. */
export function campaignSql(campaign: string, d: Dialect, cols: PropertyColumnNames = PROPERTY_COLUMNS): string {
    const a = accessors(d, cols, 'campaign');
    return `(${a.type} = ${PT_STRING} AND ${a.str} = ${d.str(campaign)})`;
}

function comparisonSql(op: string, literals: Literal[], a: Accessors, d: Dialect): string {
    const present = `${a.type} <> ${PT_NULL}`;
    switch (op) {
        case 'is unknown': return `(${a.type} = ${PT_NULL})`;
        case 'is known': return `(${present})`;
        case '=': return equalsSql(literals[0], a, d);
        case '!=': return notEqualsSql(literals[0], a, d);
        case 'in': return `(${literals.map(l => equalsSql(l, a, d)).join(' OR ') || 'false'})`;
        case 'not in': return `(${present} AND ${literals.map(l => notEqualsSql(l, a, d)).join(' AND ') || 'true'})`;
        case '<': case '<=': case '>': case '>=': return orderedSql(op, literals[0], a, d);
        case 'contains': case 'starts with': {
            const literal = literals[0];
            if (literal.kind !== 'string') return '(1 = 0)';
            const test = literal.value === '' ? '1 = 1'
                : op === 'contains' ? d.contains(a.str, d.str(literal.value)) : d.startsWith(a.str, d.str(literal.value));
            return `(${a.type} = ${PT_STRING} AND ${test})`;
        }
        default: return '(1 = 0)';
    }
}

/** The value as an instant is in [lo, hi) (either bound may be absent). */
function instantIn(a: Accessors, d: Dialect, lo: number | undefined, hi: number | undefined): string {
    const within = (v: string) => [lo !== undefined ? `${v} >= ${d.num(lo)}` : '', hi !== undefined ? `${v} < ${d.num(hi)}` : '']
        .filter(Boolean).join(' AND ') || '1 = 1';
    return `((${a.type} = ${PT_NUMBER} AND ${within(a.num)}) OR (${a.type} = ${PT_STRING} AND ${a.dateOk} = 1 AND ${within(a.date)}))`;
}

/** The value is epoch ms or a date string. */
function isInstant(a: Accessors): string {
    return `(${a.type} = ${PT_NUMBER} OR (${a.type} = ${PT_STRING} AND ${a.dateOk} = 1))`;
}

function dayBounds(literal: Literal): [number, number] {
    const start = dayStartMs(literal.value as string);
    if (start === undefined) return [NaN, NaN];
    return [start, start + DAY_MS];
}

function equalsSql(literal: Literal, a: Accessors, d: Dialect): string {
    switch (literal.kind) {
        case 'string': return `(${a.type} = ${PT_STRING} AND ${a.str} = ${d.str(literal.value)})`;
        case 'number': return `(${a.type} = ${PT_NUMBER} AND ${a.num} = ${d.num(literal.value)})`;
        case 'boolean': return `(${a.type} = ${PT_BOOLEAN} AND ${a.num} = ${literal.value ? 1 : 0})`;
        case 'date': {
            const [start, end] = dayBounds(literal);
            if (Number.isNaN(start)) return '(1 = 0)';
            return instantIn(a, d, start, end);
        }
    }
}

function notEqualsSql(literal: Literal, a: Accessors, d: Dialect): string {
    if (literal.kind === 'date') {
        const [start, end] = dayBounds(literal);
        if (Number.isNaN(start)) return isInstant(a);
        return `(${isInstant(a)} AND NOT ${instantIn(a, d, start, end)})`;
    }
    return `(${a.type} <> ${PT_NULL} AND NOT ${equalsSql(literal, a, d)})`;
}

function orderedSql(op: '<' | '<=' | '>' | '>=', literal: Literal, a: Accessors, d: Dialect): string {
    switch (literal.kind) {
        case 'number': return `(${a.type} = ${PT_NUMBER} AND ${a.num} ${op} ${d.num(literal.value)})`;
        case 'string': return `(${a.type} = ${PT_STRING} AND ${a.str} ${op} ${d.str(literal.value)})`;
        case 'boolean': return '(1 = 0)';
        case 'date': {
            const [start, end] = dayBounds(literal);
            if (Number.isNaN(start)) return '(1 = 0)';
            switch (op) {
                case '<': return instantIn(a, d, undefined, start);
                case '<=': return instantIn(a, d, undefined, end);
                case '>': return instantIn(a, d, end, undefined);
                case '>=': return instantIn(a, d, start, undefined);
            }
        }
    }
}
