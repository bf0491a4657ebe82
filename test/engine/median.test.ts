import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { medianInPlace } from '../../engine/matcher/median.js';

describe('medianInPlace', () => {
    it('takes the middle value, or the mean of the middle two', () => {
        expect(medianInPlace(new Float64Array([]))).toBeNull();
        expect(medianInPlace(Float64Array.from([5]))).toBe(5);
        expect(medianInPlace(Float64Array.from([3, 1, 2]))).toBe(2);
        expect(medianInPlace(Float64Array.from([4, 1, 3, 2]))).toBe(2.5);
        expect(medianInPlace(Float64Array.from([7, 7, 7, 7]))).toBe(7);
    });
    it('equals the median of the sorted values', () => {
        fc.assert(fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 60 }), values => {
            const sorted = [...values].sort((a, b) => a - b);
            const mid = sorted.length >> 1;
            const expected = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
            expect(medianInPlace(Float64Array.from(values))).toBe(expected);
        }), { seed: 7, numRuns: 500 });
    });
});
