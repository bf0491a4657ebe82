/**
 * The diff's condition normalisation checked against the engine's own
 * evaluator: rewritings it calls "the same" must agree on every record, and
 * conditions it calls different must be told apart by some record when they are.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ConditionPlan, Literal } from '../../engine/plan.js';
import { satisfies } from '../../engine/conditions.js';
import { conditionKey, normalizeCondition, sameCondition } from '../../engine/diff/condition-normal.js';

const PROPERTIES = ['a', 'b', 'c'];
const literal: fc.Arbitrary<Literal> = fc.oneof(
    fc.constantFrom('x', 'y', '2025-01-01').map(value => ({ kind: 'string', value }) as Literal),
    fc.constantFrom(1, 2, 1.5).map(value => ({ kind: 'number', value }) as Literal),
    fc.boolean().map(value => ({ kind: 'boolean', value }) as Literal),
    fc.constant({ kind: 'date', value: '2025-01-01' } as Literal),
);
const comparison: fc.Arbitrary<ConditionPlan> = fc.oneof(
    fc.record({ property: fc.constantFrom(...PROPERTIES), op: fc.constantFrom('=', '!=', '>', '<=', 'contains', 'starts with'), values: literal.map(l => [l]) }),
    fc.record({ property: fc.constantFrom(...PROPERTIES), op: fc.constantFrom('in', 'not in'), values: fc.array(literal, { minLength: 1, maxLength: 3 }) }),
    fc.record({ property: fc.constantFrom(...PROPERTIES), op: fc.constantFrom('is known', 'is unknown'), values: fc.constant([]) }),
).map(c => ({ kind: 'cmp', ...c }) as ConditionPlan);
const condition: fc.Arbitrary<ConditionPlan> = fc.letrec<{ c: ConditionPlan }>(tie => ({
    c: fc.oneof({ depthSize: 'small', withCrossShrink: true },
        comparison,
        fc.record({ kind: fc.constantFrom('and', 'or'), left: tie('c'), right: tie('c') }) as fc.Arbitrary<ConditionPlan>),
})).c;
const value = fc.oneof(fc.constantFrom('x', 'y', 'xy', '2025-01-01', '2025-01-01T10:00Z'), fc.constantFrom(1, 2, 1.5), fc.boolean(), fc.constant(null));
const record = fc.record({ a: value, b: value, c: value }, { requiredKeys: [] });

/** A rewriting that keeps the meaning: operands swapped, groups re-associated, `in` spelled out. */
function rewrite(c: ConditionPlan, seed: number): ConditionPlan {
    if (c.kind === 'cmp') {
        if (c.op === 'in' && c.values.length > 1 && seed % 2) {
            return c.values.slice(1).reduce<ConditionPlan>((acc, v) => ({ kind: 'or', left: acc, right: { kind: 'cmp', property: c.property, op: '=', values: [v] } }),
                { kind: 'cmp', property: c.property, op: '=', values: [c.values[0]] });
        }
        return { ...c, values: [...c.values].reverse() };
    }
    const [left, right] = [rewrite(c.left, seed * 3 + 1), rewrite(c.right, seed * 5 + 2)];
    if (seed % 3 === 0 && right.kind === c.kind) {
        // (l op (r1 op r2)) → ((l op r1) op r2)
        return { kind: c.kind, left: { kind: c.kind, left, right: right.left }, right: right.right };
    }
    return seed % 2 ? { kind: c.kind, left: right, right: left } : { kind: c.kind, left, right };
}

/** The same condition with its first comparison's operator flipped (`=` ↔ `!=`, `in` ↔ `not in`, ...). */
function mutateOne(c: ConditionPlan, seed: number): ConditionPlan {
    if (c.kind !== 'cmp') return { ...c, left: mutateOne(c.left, seed) };
    const flip: Record<string, string> = {
        '=': '!=', '!=': '=', '>': '<=', '<=': '>', contains: 'starts with', 'starts with': 'contains',
        in: 'not in', 'not in': 'in', 'is known': 'is unknown', 'is unknown': 'is known',
    };
    return seed % 2 ? { ...c, op: flip[c.op] as typeof c.op } : { ...c, property: c.property === 'a' ? 'b' : 'a' };
}

describe('condition normalisation', () => {
    it('calls meaning-preserving rewritings the same, and they agree on every record', () => {
        fc.assert(fc.property(condition, fc.nat(1000), fc.array(record, { maxLength: 20 }), (c, seed, records) => {
            const rewritten = rewrite(c, seed);
            expect(sameCondition(c, rewritten)).toBe(true);
            for (const r of records) expect(satisfies(rewritten, r)).toBe(satisfies(c, r));
        }), { numRuns: 300 });
    });

    it('never calls two conditions the same when some record tells them apart', () => {
        let judgedSame = 0;
        fc.assert(fc.property(condition, fc.nat(1000), fc.boolean(), fc.array(record, { minLength: 1, maxLength: 30 }), (x, seed, mutate, records) => {
            // Near misses: a rewriting of x, half the time with one comparison changed.
            const y = mutate ? mutateOne(rewrite(x, seed), seed) : rewrite(x, seed);
            if (!sameCondition(x, y)) return;
            judgedSame++;
            for (const r of records) expect(satisfies(x, r)).toBe(satisfies(y, r));
        }), { numRuns: 1000 });
        expect(judgedSame).toBeGreaterThan(400);
    });

    it('writes a canonical key that does not depend on grouping or order', () => {
        const a: ConditionPlan = { kind: 'and', left: { kind: 'cmp', property: 'a', op: '=', values: [{ kind: 'number', value: 1 }] },
            right: { kind: 'cmp', property: 'b', op: 'in', values: [{ kind: 'string', value: 'y' }, { kind: 'string', value: 'x' }] } };
        expect(conditionKey(normalizeCondition(a))).toBe('and("a" = n:1, or("b" = s:"x", "b" = s:"y"))');
    });
});
