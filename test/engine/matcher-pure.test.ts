/**
 * The pure pieces tested directly: the end-mask matcher over plain arrays
 * (every variant: ties or not, window or not), the columnar builder's order,
 * and attribution.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeAttribution } from '../../engine/attribution.js';
import { columnarBuilder } from '../../engine/matcher/columnar.js';
import { computeEndMasks } from '../../engine/matcher/end-masks.js';
import { makeStageLayout } from '../../engine/matcher/stage-layout.js';

function masks(times: number[], fills: number[], optional: boolean[], windowMs?: number, hasTies = true): number[] {
    const out = new Int32Array(times.length);
    computeEndMasks(Float64Array.from(times), 0, Int32Array.from(fills), times.length, makeStageLayout(optional), windowMs, out, undefined, hasTies);
    return [...out];
}

/** Brute force over the same arrays: every path, straight from the definition. */
function bruteMasks(times: number[], fills: number[], optional: boolean[], windowMs?: number): number[] {
    const out = times.map(() => 0);
    const extend = (used: number[], stage: number) => {
        const last = used[used.length - 1];
        out[last] |= 1 << stage;
        for (let e = 0; e < times.length; e++) {
            if (used.includes(e) || times[e] < times[last]) continue;
            if (windowMs !== undefined && times[e] - times[used[0]] > windowMs) continue;
            for (let s = stage + 1; s < optional.length; s++) {
                if (fills[e] & (1 << s)) extend([...used, e], s);
                if (!optional[s]) break;
            }
        }
    };
    for (let e = 0; e < times.length; e++) if (fills[e] & 1) extend([e], 0);
    return out;
}

describe('computeEndMasks', () => {
    it('handles the named cases', () => {
        // One event cannot fill two stages; two at the same time can, in either order.
        expect(masks([0], [0b11], [false, false])).toEqual([0b01]);
        expect(masks([0, 0], [0b01, 0b10], [false, false])).toEqual([0b01, 0b10]);
        expect(masks([0, 0], [0b10, 0b01], [false, false])).toEqual([0b10, 0b01]);
        // A required stage cannot be skipped, an optional one can.
        expect(masks([0, 1], [0b001, 0b100], [false, false, false])).toEqual([0b001, 0]);
        expect(masks([0, 1], [0b001, 0b100], [false, true, false])).toEqual([0b001, 0b100]);
        // The window keeps the latest start: A at 0 and 5, B at 6 within 2.
        expect(masks([0, 5, 6], [1, 1, 2], [false, false], 2)).toEqual([1, 1, 2]);
        expect(masks([0, 5, 6], [1, 1, 2], [false, false], 2, false)).toEqual([1, 1, 2]);
        expect(masks([0, 6], [1, 2], [false, false], 5, false)).toEqual([1, 0]);
    });
    it('equals brute force on random small inputs, with and without the no-ties shortcut', () => {
        const input = fc.record({
            stages: fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }),
            events: fc.array(fc.record({ time: fc.integer({ min: 0, max: 4 }), fill: fc.integer({ min: 0, max: 31 }) }), { maxLength: 8 }),
            windowMs: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
        });
        fc.assert(fc.property(input, ({ stages, events, windowMs }) => {
            const optional = stages.map((o, k) => o && k > 0);
            const mask = (1 << optional.length) - 1;
            const sorted = [...events].sort((a, b) => a.time - b.time);
            const times = sorted.map(e => e.time);
            const fills = sorted.map(e => e.fill & mask);
            const expected = bruteMasks(times, fills, optional, windowMs);
            expect(masks(times, fills, optional, windowMs)).toEqual(expected);
            const relevantTimes = times.filter((_, i) => fills[i] !== 0);
            if (new Set(relevantTimes).size === relevantTimes.length) {
                expect(masks(times, fills, optional, windowMs, false)).toEqual(expected);
            }
        }), { seed: 5, numRuns: 2000 });
    });
});

describe('columnarBuilder', () => {
    it('sorts by object id (code point), then time, then event rank', () => {
        const b = columnarBuilder(2);
        b.add('ｚ', 0, 5, 3);
        b.add('😀', 1, 1, 0);
        b.add('a', 0, 7, 2);
        b.add('a', 1, 7, 1);
        b.add('a', 0, 3, 4);
        const data = b.finish(['x', 'y'], ['x', 'y']);
        expect(data.objectIds).toEqual(['a', 'ｚ', '😀']);
        expect([...data.objectStart]).toEqual([0, 3, 4, 5]);
        expect([...data.time]).toEqual([3, 7, 7, 5, 1]);
        expect([...data.rank]).toEqual([4, 1, 2, 3, 0]);
        expect([...data.code]).toEqual([0, 1, 0, 0, 1]);
    });
});

describe('attribution', () => {
    const input = {
        identities: [{ anonymousId: 'v1', contactId: 'c1' }],
        associations: [
            { objectType: 'deal', objectId: 'd1', relatedType: 'contact', relatedId: 'c1' },
            { objectType: 'contact', objectId: 'c1', relatedType: 'deal', relatedId: 'd2' },
            { objectType: 'deal', objectId: 'd1', relatedType: 'contact', relatedId: 'c1' },
        ],
        anonymousEventNames: ['page_viewed'],
    };
    const owner = (eventName: string, objectType: string | null, objectId: string | null, anonymousId: string | null = null) =>
        ({ eventName, objectType, objectId, anonymousId });
    it('applies rules 1 to 4', () => {
        const contacts = makeAttribution({ ...input, source: 'contacts', includeAnonymous: true });
        expect(contacts.ownersOf(owner('x', 'contact', 'c9'))).toEqual(['c9']);
        expect(contacts.ownersOf(owner('x', 'deal', 'd1'))).toEqual(['c1']);
        expect(contacts.ownersOf(owner('x', null, null, 'v1'))).toEqual(['c1']);
        expect(contacts.ownersOf(owner('page_viewed', null, null, 'v2'))).toEqual(['anonymous:v2']);
        expect(contacts.ownersOf(owner('form_submitted', null, null, 'v2'))).toEqual([]);
        expect(contacts.ownersOf(owner('x', null, null, null))).toEqual([]);
        const deals = makeAttribution({ ...input, source: 'deals', includeAnonymous: true });
        expect([...deals.ownersOf(owner('x', 'contact', 'c1'))].sort()).toEqual(['d1', 'd2']);
        expect([...deals.ownersOf(owner('x', null, null, 'v1'))].sort()).toEqual(['d1', 'd2']);
        expect(deals.ownersOf(owner('page_viewed', null, null, 'v2'))).toEqual([]);
        const noAnonymous = makeAttribution({ ...input, source: 'contacts', includeAnonymous: false });
        expect(noAnonymous.ownersOf(owner('page_viewed', null, null, 'v2'))).toEqual([]);
    });
});
