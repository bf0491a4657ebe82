/** SQLite's json_extract path and the JSON.parse path read the same JSON values. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseProperties, scanEventProperties } from '../../engine/stores/sqljs/property-scan.js';
import { sqlJsStoreOf } from '../reference/store-data.js';
import { ev, store, T0 } from './store-builder.js';

const jsonLeaf = fc.oneof(
    fc.string({ unit: 'grapheme' }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(), fc.constant(null), fc.constantFrom(1.0, 0.5, -0, 1e21, 2 ** 53),
);
const jsonValue = fc.oneof({ weight: 4, arbitrary: jsonLeaf }, { weight: 1, arbitrary: fc.array(jsonLeaf, { maxLength: 3 }) },
    { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('x', 'y'), jsonLeaf) });

async function scanAll(rows: string[], names: string[]) {
    const db = await sqlJsStoreOf(store({ events: rows.map((text, i) => ({ ...ev(`e${i}`, 'n', T0, 'contact:c1'), properties: text })) }));
    const seen = new Map<number, Record<string, unknown>>();
    await scanEventProperties(db, 'n', names, (rowid, props) => seen.set(rowid, props));
    db.close();
    return [...seen.entries()].sort(([a], [b]) => a - b).map(([, props]) => props);
}

describe('scanEventProperties', () => {
    it('gives JSON.parse values for plain property names', async () => {
        await fc.assert(fc.asyncProperty(fc.array(fc.dictionary(fc.constantFrom('p', 'q', 'r'), jsonValue), { minLength: 1, maxLength: 5 }), async objects => {
            const texts = objects.map(o => JSON.stringify(o));
            const got = await scanAll(texts, ['p', 'q']);
            const expected = texts.map(t => {
                const all = parseProperties(t);
                return Object.fromEntries(['p', 'q'].filter(k => k in all).map(k => [k, all[k]]));
            });
            expect(got).toEqual(expected);
        }), { seed: 11, numRuns: 150 });
    });
    it('falls back to JSON.parse for malformed rows and names that are not identifiers', async () => {
        expect(await scanAll(['{"p": true}', '{bad json', '[1]', '{"p": "x"}'], ['p'])).toEqual([{ p: true }, {}, {}, { p: 'x' }]);
        expect(await scanAll(['{"a b": 1, "p": 2}'], ['a b'])).toEqual([{ 'a b': 1, p: 2 }]);
    });
});
