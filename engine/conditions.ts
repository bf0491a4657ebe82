/**
 * Does a JSON properties object satisfy a condition? Exactly semantics.md
 * "Comparisons": missing or null never satisfies anything but `is unknown`;
 * `=` needs the same type; ordering compares numbers with numbers and strings
 * with strings by code point; a date literal compares with epoch ms or a date
 * string (parsed strictly, see `parseDateValue`). Pure, shared by every engine
 * that evaluates filters in JavaScript and by the reference tests.
 */
import { compareCodePoint } from './code-point.js';
import type { ConditionPlan, Literal } from './plan.js';

const DAY_MS = 86_400_000;

export type JsonProperties = Record<string, unknown>;

export function satisfies(condition: ConditionPlan, properties: JsonProperties): boolean {
    switch (condition.kind) {
        case 'and': return satisfies(condition.left, properties) && satisfies(condition.right, properties);
        case 'or': return satisfies(condition.left, properties) || satisfies(condition.right, properties);
        case 'cmp': {
            const value = Object.prototype.hasOwnProperty.call(properties, condition.property)
                ? properties[condition.property] : undefined;
            return compareValue(value, condition.op, condition.values);
        }
    }
}

/** One comparison of a property value (undefined when missing) with the literal(s). */
export function compareValue(value: unknown, op: string, literals: Literal[]): boolean {
    const absent = value === undefined || value === null;
    if (op === 'is unknown') return absent;
    if (op === 'is known') return !absent;
    if (absent) return false;
    switch (op) {
        case 'in': return literals.some(literal => equals(value, literal));
        case 'not in': return literals.every(literal => notEquals(value, literal));
        case '=': return equals(value, literals[0]);
        case '!=': return notEquals(value, literals[0]);
        case '<': case '<=': case '>': case '>=': return ordered(value, op, literals[0]);
        case 'contains': return bothStrings(value, literals[0]) && (value as string).includes(literals[0].value as string);
        case 'starts with': return bothStrings(value, literals[0]) && (value as string).startsWith(literals[0].value as string);
        default: return false;
    }
}

function bothStrings(value: unknown, literal: Literal): boolean {
    return typeof value === 'string' && literal.kind === 'string';
}

function equals(value: unknown, literal: Literal): boolean {
    if (literal.kind === 'date') {
        const t = dateValueMs(value);
        if (t === undefined) return false;
        const start = dayStart(literal.value);
        return t >= start && t < start + DAY_MS;
    }
    return typeof value === literal.kind && value === literal.value;
}

function notEquals(value: unknown, literal: Literal): boolean {
    // With a date, a value that is no date satisfies nothing, `!=` included.
    if (literal.kind === 'date' && dateValueMs(value) === undefined) return false;
    return !equals(value, literal);
}

function ordered(value: unknown, op: '<' | '<=' | '>' | '>=', literal: Literal): boolean {
    if (literal.kind === 'date') {
        const t = dateValueMs(value);
        if (t === undefined) return false;
        const start = dayStart(literal.value);
        const end = start + DAY_MS;
        switch (op) {
            case '<': return t < start;
            case '<=': return t < end;
            case '>': return t >= end;
            case '>=': return t >= start;
        }
    }
    let c: number;
    if (typeof value === 'number' && literal.kind === 'number') c = value - literal.value;
    else if (typeof value === 'string' && literal.kind === 'string') c = compareCodePoint(value, literal.value);
    else return false;
    switch (op) {
        case '<': return c < 0;
        case '<=': return c <= 0;
        case '>': return c > 0;
        case '>=': return c >= 0;
    }
}

function dayStart(day: string): number {
    const ms = civilMs(Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10)));
    return ms ?? NaN;
}

/** A value as an instant (epoch ms) for date comparisons, or undefined when it is neither epoch ms nor a date string. */
export function dateValueMs(value: unknown): number | undefined {
    if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
    if (typeof value === 'string') return parseDateValue(value);
    return undefined;
}

const DATE_VALUE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[T ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\.([0-9]{1,9}))?)?(Z|[+-][0-9]{2}(?::[0-9]{2})?)?)?$/;

/**
 * Epoch ms of a date string as semantics.md allows it (`YYYY-MM-DD`, optional
 * `T`/space and `hh:mm[:ss[.fraction]]`, optional zone after the time), or
 * undefined. Fractions below a millisecond are dropped (floor): comparisons
 * are only ever against whole-day boundaries, so the result is the same.
 */
export function parseDateValue(text: string): number | undefined {
    const m = DATE_VALUE.exec(text);
    if (!m) return undefined;
    const day = civilMs(Number(m[1]), Number(m[2]), Number(m[3]));
    if (day === undefined) return undefined;
    if (m[4] === undefined) return day;
    const hours = Number(m[4]);
    const minutes = Number(m[5]);
    const seconds = m[6] === undefined ? 0 : Number(m[6]);
    if (hours > 23 || minutes > 59 || seconds > 59) return undefined;
    const millis = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0').slice(0, 3));
    let offsetMinutes = 0;
    const zone = m[8];
    if (zone !== undefined && zone !== 'Z') {
        const zh = Number(zone.slice(1, 3));
        const zm = zone.length > 3 ? Number(zone.slice(4, 6)) : 0;
        if (zh > 23 || zm > 59) return undefined;
        offsetMinutes = (zone[0] === '-' ? -1 : 1) * (zh * 60 + zm);
    }
    return day + ((hours * 60 + minutes - offsetMinutes) * 60 + seconds) * 1000 + millis;
}

/** Epoch ms of a real calendar day (any year 0000..9999, proleptic Gregorian), else undefined. */
function civilMs(year: number, month: number, day: number): number | undefined {
    if (month < 1 || month > 12 || day < 1) return undefined;
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    const lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if (day > lengths[month - 1]) return undefined;
    // Date.UTC maps years 0..99 to 1900..1999; setUTCFullYear does not.
    const date = new Date(0);
    date.setUTCFullYear(year, month - 1, day);
    return date.getTime();
}
