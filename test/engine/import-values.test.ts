import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convertRow, csvPropertyValue } from '../../engine/import/convert-row.js';
import { fastTimeMs, parseTime } from '../../engine/import/parse-time.js';
import { createProgress, renderBar } from '../../cli/progress.js';

describe('parseTime', () => {
    it.each([
        ['2025-02-20T10:00:00Z', Date.UTC(2025, 1, 20, 10)],
        ['2025-02-20T12:00:00+02:00', Date.UTC(2025, 1, 20, 10)],
        ['2025-02-20T05:30:00-0430', Date.UTC(2025, 1, 20, 10)],
        ['2025-02-20T12:00+02', Date.UTC(2025, 1, 20, 10)],
        ['2025-02-20 10:00:00.250', Date.UTC(2025, 1, 20, 10, 0, 0, 250)],
        ['2025-02-20T10:00:00.123456789Z', Date.UTC(2025, 1, 20, 10, 0, 0, 123)],
        ['2025-02-20', Date.UTC(2025, 1, 20)],
        ['2024-02-29T23:59:59Z', Date.UTC(2024, 1, 29, 23, 59, 59)],
        ['1740045600000', 1740045600000],
        [1740045600000, 1740045600000],
        ['0050-01-01', -60589296000000],
    ])('%s → %i', (input, ms) => {
        expect(parseTime(input)).toEqual({ ms });
    });

    it.each([
        ['2025-02-30'], ['2025-13-01T00:00:00Z'], ['2025-02-20T24:00:00Z'], ['2025-02-20T10:60Z'], ['2025-02-20T10:00:00+24:00'],
        ['20/02/2025'], ['yesterday'], [''], ['2025-02-20T10:00:00.Z'], [1.5], [true], [null],
    ])('rejects %j with a reason', input => {
        const result = parseTime(input);
        expect('error' in result && result.error.length > 10).toBe(true);
    });
});

describe('parseTime agrees with Date on random real times', () => {
    it('for every zone form', () => {
        const pad = (n: number, w = 2) => String(n).padStart(w, '0');
        fc.assert(fc.property(
            fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2200, 0, 1)), noInvalidDate: true }),
            fc.integer({ min: -14 * 60, max: 14 * 60 }),
            (date, zoneMinutes) => {
                // Write the instant as wall-clock time in a zone zoneMinutes east of UTC.
                const wall = new Date(date.getTime() + zoneMinutes * 60_000);
                const sign = zoneMinutes < 0 ? '-' : '+';
                const zone = `${sign}${pad(Math.floor(Math.abs(zoneMinutes) / 60))}:${pad(Math.abs(zoneMinutes) % 60)}`;
                const text = `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}T${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}.${pad(wall.getUTCMilliseconds(), 3)}${zone}`;
                expect(parseTime(text)).toEqual({ ms: date.getTime() });
                expect(parseTime(date.toISOString())).toEqual({ ms: date.getTime() });
                expect(fastTimeMs(date.toISOString())).toBe(date.getTime());
                expect(fastTimeMs(String(date.getTime()))).toBe(date.getTime() >= 0 ? date.getTime() : NaN);
            },
        ), { numRuns: 500 });
    });
});

describe('fastTimeMs', () => {
    it('gives NaN (ask parseTime) for anything but epoch digits and the canonical UTC form, and for impossible dates', () => {
        for (const text of ['2025-02-20T10:00:00+00:00', '2025-02-20 10:00:00Z', '2025-02-30T10:00:00Z', '2025-02-20T24:00:00Z', '2025-02-2XT10:00:00Z', '2025-02-20T10:00:00.12Z', '', '12a', '-5', 1.5, null]) {
            expect(fastTimeMs(text), String(text)).toBeNaN();
        }
        expect(fastTimeMs('2024-02-29T23:59:59.999Z')).toBe(Date.UTC(2024, 1, 29, 23, 59, 59, 999));
        expect(fastTimeMs('0')).toBe(0);
    });
});

describe('CSV extra columns as property values', () => {
    it.each([
        ['12', 12], ['-3.5', -3.5], ['1e3', 1000], ['true', true], ['false', false],
        ['007', '007'], ['12abc', '12abc'], ['TRUE', 'TRUE'], ['9007199254740993', '9007199254740993'], [' 1', ' 1'], ['', undefined],
    ])('%j → %j', (text, value) => {
        expect(csvPropertyValue(text)).toEqual(value);
    });
});

describe('convertRow checks what the schema alone does not', () => {
    it('rejects half an owner, unknown object types and categories, and non-scalar properties', () => {
        const base = { event_id: 'e', event_name: 'x', occurred_at: 1 };
        expect(() => convertRow('events', { ...base, object_type: 'contact' })).toThrow('object_type is set but object_id is empty');
        expect(() => convertRow('events', { ...base, object_type: 'company', object_id: 'c' })).toThrow("object_type 'company' is not one of contact, deal, ticket");
        expect(() => convertRow('events', { ...base, anonymous_id: 'a', properties: { a: [1] } })).toThrow("property 'a' is an array");
        expect(() => convertRow('events', { ...base, anonymous_id: 'a', properties: '[1]' })).toThrow('properties must be a JSON object, not an array');
        expect(() => convertRow('event_types', { event_name: 'x', category: 'emails', object_type: 'contact' })).toThrow("category 'emails' is not one of");
        expect(() => convertRow('event_types', { event_name: 'x', category: 'custom', object_type: 'contact', supports_anonymous: 'yes' })).toThrow('supports_anonymous must be 0, 1, true or false');
        expect(() => convertRow('events', { ...base, anonymous_id: 'a', properties: '{"a":1}' }, { a: 2 })).toThrow("property 'a' is given both as a column and in the properties JSON");
    });

    it('stores canonical rows', () => {
        expect(convertRow('events', { event_id: 7, event_name: 'x', occurred_at: '1970-01-01T00:00:01Z', anonymous_id: 'a', properties: '{ "b": true, "n": null }' }))
            .toEqual(['7', 'x', 1000, null, null, 'a', '{"b":true}']);
        expect(convertRow('event_types', { event_name: 'x', category: 'custom', object_type: 'deal', supports_anonymous: 'true' })).toEqual(['x', 'custom', 'deal', 1, null]);
    });
});

describe('the progress bar', () => {
    it('renders a bar with a percentage', () => {
        expect(renderBar('import', 0.25, '1,000 rows')).toBe('import [######------------------]  25% 1,000 rows');
        expect(renderBar('sample', 2, '')).toBe(`sample [${'#'.repeat(24)}] 100%`);
    });

    it('draws only on a terminal, throttled, and clears the line when done', () => {
        let quiet = '';
        const silent = createProgress({ isTTY: false, stderr: t => { quiet += t; } }, 'x');
        silent.update(0.5, 'half');
        silent.done();
        expect(quiet).toBe('');
        let out = '';
        let now = 0;
        const bar = createProgress({ isTTY: true, stderr: t => { out += t; } }, 'x', () => now);
        bar.update(0.1);
        bar.update(0.2); // within 100 ms: skipped
        now = 500;
        bar.update(0.3);
        bar.done();
        expect(out.split('\r\x1b[2K').filter(Boolean)).toEqual([renderBar('x', 0.1, ''), renderBar('x', 0.3, '')]);
        expect(out.endsWith('\r\x1b[2K')).toBe(true);
    });
});
