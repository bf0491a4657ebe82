/** semantics.md "Comparisons", rule by rule, on hand-written values. */
import { describe, expect, it } from 'vitest';
import { compareCodePoint } from '../../engine/code-point.js';
import { compareValue, parseDateValue, satisfies } from '../../engine/conditions.js';
import type { ComparisonOp, ConditionPlan, Literal } from '../../engine/plan.js';

const s = (value: string): Literal => ({ kind: 'string', value });
const n = (value: number): Literal => ({ kind: 'number', value });
const b = (value: boolean): Literal => ({ kind: 'boolean', value });
const d = (value: string): Literal => ({ kind: 'date', value });
const cmp = (value: unknown, op: ComparisonOp, ...literals: Literal[]) => compareValue(value, op, literals);
const DAY = Date.UTC(2025, 2, 1);

describe('missing and null', () => {
    it('satisfy nothing but is unknown, != and not in included', () => {
        for (const value of [undefined, null]) {
            for (const op of ['=', '!=', '<', '<=', '>', '>=', 'contains', 'starts with'] as const) {
                expect(cmp(value, op, s('A'))).toBe(false);
                expect(cmp(value, op, d('2025-03-01'))).toBe(false);
            }
            expect(cmp(value, 'in', s('A'))).toBe(false);
            expect(cmp(value, 'not in', s('A'))).toBe(false);
            expect(cmp(value, 'is unknown')).toBe(true);
            expect(cmp(value, 'is known')).toBe(false);
        }
        expect(cmp('', 'is known')).toBe(true);
        expect(cmp(false, 'is unknown')).toBe(false);
    });
    it('reads a property missing from the object as missing, not from the prototype', () => {
        const c: ConditionPlan = { kind: 'cmp', property: 'toString', op: 'is unknown', values: [] };
        expect(satisfies(c, {})).toBe(true);
    });
});

describe('= and != need the same type', () => {
    it('compares numbers by value and never across types', () => {
        expect(cmp(1, '=', n(1.0))).toBe(true);
        expect(cmp('1', '=', n(1))).toBe(false);
        expect(cmp('1', '!=', n(1))).toBe(true);
        expect(cmp(true, '=', b(true))).toBe(true);
        expect(cmp(1, '=', b(true))).toBe(false);
        expect(cmp('true', '!=', b(true))).toBe(true);
        expect(cmp('A', '=', s('a'))).toBe(false);
    });
    it('in and not in are ors of = and ands of !=', () => {
        expect(cmp(2, 'in', s('2'), n(2))).toBe(true);
        expect(cmp(3, 'in', s('3'), n(2))).toBe(false);
        expect(cmp(3, 'not in', s('3'), n(2))).toBe(true);
        expect(cmp(2, 'not in', s('2'), n(2))).toBe(false);
    });
});

describe('ordering', () => {
    it('numbers with numbers, strings with strings by code point, else false', () => {
        expect(cmp(2, '>', n(1))).toBe(true);
        expect(cmp(1, '>=', n(1))).toBe(true);
        expect(cmp(1, '<', n(1))).toBe(false);
        expect(cmp('b', '>', s('a'))).toBe(true);
        expect(cmp('B', '<', s('a'))).toBe(true);
        // UTF-16 puts '😀' (U+1F600) before 'ｚ' (U+FF5A); code points do not.
        expect(cmp('😀', '>', s('ｚ'))).toBe(true);
        expect(cmp('2', '>', n(1))).toBe(false);
        expect(cmp(2, '>', s('1'))).toBe(false);
        expect(cmp(true, '>=', b(true))).toBe(false);
    });
    it('compareCodePoint orders astral characters after the whole BMP', () => {
        expect(compareCodePoint('😀', 'ｚ')).toBeGreaterThan(0);
        expect(compareCodePoint('ｚ', '😀')).toBeLessThan(0);
        expect(compareCodePoint('a', 'ab')).toBeLessThan(0);
        expect(compareCodePoint('😀', '😀')).toBe(0);
        expect(compareCodePoint('😀a', '😁')).toBeLessThan(0);
        expect(compareCodePoint('\u{10000}', '\u{1F600}')).toBeLessThan(0);
    });
});

describe('contains and starts with', () => {
    it('hold only between strings and are case-sensitive', () => {
        expect(cmp('/pricing/pro', 'starts with', s('/pricing'))).toBe(true);
        expect(cmp('/Pricing', 'starts with', s('/pricing'))).toBe(false);
        expect(cmp('Spring launch', 'contains', s('launch'))).toBe(true);
        expect(cmp('Spring launch', 'contains', s('Launch'))).toBe(false);
        expect(cmp(123, 'contains', s('2'))).toBe(false);
        expect(cmp('2025-03-01', 'contains', d('2025-03-01'))).toBe(false);
        expect(cmp('2025-03-01', 'starts with', d('2025-03-01'))).toBe(false);
    });
});

describe('dates', () => {
    it('compare with epoch ms as the UTC day', () => {
        expect(cmp(DAY, '=', d('2025-03-01'))).toBe(true);
        expect(cmp(DAY + 86_399_999, '=', d('2025-03-01'))).toBe(true);
        expect(cmp(DAY + 86_400_000, '=', d('2025-03-01'))).toBe(false);
        expect(cmp(DAY - 1, '<', d('2025-03-01'))).toBe(true);
        expect(cmp(DAY, '<', d('2025-03-01'))).toBe(false);
        expect(cmp(DAY + 86_399_999, '<=', d('2025-03-01'))).toBe(true);
        expect(cmp(DAY + 86_400_000, '<=', d('2025-03-01'))).toBe(false);
        expect(cmp(DAY + 86_399_999, '>', d('2025-03-01'))).toBe(false);
        expect(cmp(DAY + 86_400_000, '>', d('2025-03-01'))).toBe(true);
        expect(cmp(DAY, '>=', d('2025-03-01'))).toBe(true);
        expect(cmp(DAY - 1, '!=', d('2025-03-01'))).toBe(true);
        expect(cmp(DAY, '!=', d('2025-03-01'))).toBe(false);
    });
    it('compare with date strings in every allowed form, zones included', () => {
        expect(cmp('2025-03-01', '=', d('2025-03-01'))).toBe(true);
        expect(cmp('2025-03-01T23:59', '=', d('2025-03-01'))).toBe(true);
        expect(cmp('2025-03-01 23:59:59.999999999', '=', d('2025-03-01'))).toBe(true);
        expect(cmp('2025-03-02T01:00+02:00', '=', d('2025-03-01'))).toBe(true);
        expect(cmp('2025-03-01T22:00:00-02', '>', d('2025-03-01'))).toBe(true);
        expect(cmp('2025-03-01T00:00:00Z', '<', d('2025-03-01'))).toBe(false);
        expect(cmp('2025-02-28T23:59:59.9Z', '<', d('2025-03-01'))).toBe(true);
    });
    it('make a value that is no date satisfy nothing, != included', () => {
        for (const value of ['2025-02-30', '2025-03-01T24:00', '2025-03-01T10:60', '2025-03-01T10:00+24:00', '2025-3-01',
            '2025-03-01T10', '２０２５-03-01', 'soon', true, { at: 1 }]) {
            expect(cmp(value, '!=', d('2025-03-01'))).toBe(false);
            expect(cmp(value, '=', d('2025-03-01'))).toBe(false);
            expect(cmp(value, '<', d('2025-03-01'))).toBe(false);
        }
        expect(cmp('2025-03-01', 'not in', d('2025-03-02'), s('x'))).toBe(true);
        expect(cmp('soon', 'not in', d('2025-03-02'), s('x'))).toBe(false);
    });
    it('parses exactly the forms semantics.md lists', () => {
        expect(parseDateValue('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
        expect(parseDateValue('2023-02-29')).toBeUndefined();
        expect(parseDateValue('2025-03-01T10:20:30.5Z')).toBe(Date.UTC(2025, 2, 1, 10, 20, 30, 500));
        expect(parseDateValue('2025-03-01T10:20:30.1234567890Z')).toBeUndefined();
        expect(parseDateValue('2025-03-01T10:20:30.123456789+05:30')).toBe(Date.UTC(2025, 2, 1, 4, 50, 30, 123));
        expect(parseDateValue('0099-01-01')).toBe(-59042995200000);
    });
});

describe('and / or', () => {
    it('combine comparisons', () => {
        const c: ConditionPlan = {
            kind: 'or',
            left: { kind: 'and', left: { kind: 'cmp', property: 'a', op: '=', values: [s('x')] }, right: { kind: 'cmp', property: 'b', op: '>', values: [n(1)] } },
            right: { kind: 'cmp', property: 'c', op: 'is known', values: [] },
        };
        expect(satisfies(c, { a: 'x', b: 2 })).toBe(true);
        expect(satisfies(c, { a: 'x', b: 1 })).toBe(false);
        expect(satisfies(c, { c: null })).toBe(false);
        expect(satisfies(c, { c: 0 })).toBe(true);
    });
});
