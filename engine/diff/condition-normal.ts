/**
 * Conditions compared by meaning: two conditions are "the same" when their
 * normal forms are equal. The normal form follows semantics.md exactly, so it
 * never calls two different filters equal:
 * - `in (a, b)` is `= a or = b`; `not in (a, b)` is `!= a and != b`;
 * - `and`/`or` are associative, commutative and idempotent, so nested
 *   groups flatten, operands sort and duplicates drop;
 * - numbers compare by value (1 and 1.0 are one literal); a date literal and
 *   a string literal with the same text are different (they compare differently).
 */
import type { ConditionPlan, Literal } from '../plan.js';
import { encodeJourneyString } from '../../language-server/journey-value-converter.js';

export type NormalCondition =
    | { kind: 'and' | 'or'; operands: NormalCondition[] }
    | { kind: 'cmp'; property: string; op: string; value?: Literal };

export function normalizeCondition(condition: ConditionPlan): NormalCondition {
    switch (condition.kind) {
        case 'and':
        case 'or':
            return junction(condition.kind, [normalizeCondition(condition.left), normalizeCondition(condition.right)]);
        case 'cmp': {
            const { property, op, values } = condition;
            if (op === 'in') return junction('or', values.map(value => ({ kind: 'cmp', property, op: '=', value })));
            if (op === 'not in') return junction('and', values.map(value => ({ kind: 'cmp', property, op: '!=', value })));
            return values.length ? { kind: 'cmp', property, op, value: values[0] } : { kind: 'cmp', property, op };
        }
    }
}

/** Flattens same-kind children, drops duplicates, sorts by key; one operand stands alone. */
function junction(kind: 'and' | 'or', operands: NormalCondition[]): NormalCondition {
    const flat: NormalCondition[] = [];
    for (const operand of operands) {
        if (operand.kind === kind) flat.push(...operand.operands); else flat.push(operand);
    }
    const byKey = new Map<string, NormalCondition>();
    for (const operand of flat) byKey.set(conditionKey(operand), operand);
    const sorted = [...byKey.entries()].sort(([a], [b]) => compareCodePoints(a, b)).map(([, c]) => c);
    return sorted.length === 1 ? sorted[0] : { kind, operands: sorted };
}

/** A canonical text for a normal condition: equal keys mean equal meaning. */
export function conditionKey(condition: NormalCondition): string {
    if (condition.kind === 'cmp') {
        return `${JSON.stringify(condition.property)} ${condition.op}${condition.value ? ` ${literalKey(condition.value)}` : ''}`;
    }
    return `${condition.kind}(${condition.operands.map(conditionKey).join(', ')})`;
}

function literalKey(literal: Literal): string {
    // Number(…) folds 1.0 and 1 and -0/0 alike, as semantics.md compares numbers by value.
    if (literal.kind === 'number') return `n:${String(literal.value === 0 ? 0 : literal.value)}`;
    return `${literal.kind[0]}:${JSON.stringify(literal.value)}`;
}

/** True when two optional conditions mean the same (both absent counts as equal). */
export function sameCondition(a: ConditionPlan | undefined, b: ConditionPlan | undefined): boolean {
    if (!a || !b) return !a && !b;
    return conditionKey(normalizeCondition(a)) === conditionKey(normalizeCondition(b));
}

/** The condition written back in journey syntax, as the user wrote it (not normalised), for messages. */
export function conditionText(condition: ConditionPlan, parent?: 'and' | 'or'): string {
    if (condition.kind === 'cmp') {
        const property = nameText(condition.property);
        if (condition.op === 'in' || condition.op === 'not in') {
            return `${property} ${condition.op} (${condition.values.map(literalText).join(', ')})`;
        }
        if (condition.op === 'is known' || condition.op === 'is unknown') return `${property} ${condition.op}`;
        return `${property} ${condition.op} ${literalText(condition.values[0])}`;
    }
    const text = `${conditionText(condition.left, condition.kind)} ${condition.kind} ${conditionText(condition.right, condition.kind)}`;
    // `and` binds tighter than `or`, so only an `or` inside an `and` needs parentheses.
    return parent === 'and' && condition.kind === 'or' ? `(${text})` : text;
}

export function literalText(literal: Literal): string {
    switch (literal.kind) {
        case 'string': return encodeJourneyString(literal.value);
        case 'number': return String(literal.value);
        case 'boolean': return String(literal.value);
        case 'date': return literal.value;
    }
}

const IDENTIFIER = /^[_a-zA-Z]\w*$/;
/** Keywords the grammar does not accept as a bare name (see `Name` in the grammar). */
const RESERVED = new Set([
    'journey', 'stage', 'optional', 'event', 'where', 'campaign', 'breakdown', 'top', 'among', 'paths',
    'and', 'or', 'in', 'not', 'is', 'starts', 'contains', 'true', 'false',
]);

/** A property or event name as it is written: bare when it is an identifier, quoted otherwise. */
export function nameText(name: string): string {
    return IDENTIFIER.test(name) && !RESERVED.has(name) ? name : encodeJourneyString(name);
}

export function compareCodePoints(a: string, b: string): number {
    // Plain `<` on JS strings compares UTF-16 units; code points differ only for astral characters.
    const ac = [...a];
    const bc = [...b];
    for (let i = 0; i < Math.min(ac.length, bc.length); i++) {
        const d = ac[i].codePointAt(0)! - bc[i].codePointAt(0)!;
        if (d !== 0) return d;
    }
    return ac.length - bc.length;
}
