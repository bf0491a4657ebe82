import { describe, expect, it } from 'vitest';
import { ImportKeys, KeySet, keyText } from '../../engine/import/import-keys.js';
import type { ImportRow } from '../../engine/import/import-sink.js';
import { STORE_TABLES } from '../../engine/stores/sqljs/schema.js';

const event = (id: string | number, line: number): ImportRow => ({ source: `events.csv:${line}`, values: STORE_TABLES.events.map(c => (c === 'event_id' ? id : 'x')) });

describe('the keys an import has taken', () => {
    it('a KeySet finds every repeat among many keys spread over its parts', () => {
        const keys = new KeySet();
        for (let i = 0; i < 100_000; i++) expect(keys.add(`e${i}`)).toBe(true);
        for (let i = 0; i < 100_000; i += 997) expect(keys.add(`e${i}`)).toBe(false);
        expect(keys.size).toBe(100_000);
    });

    /** Keys of an empty store: the store is never asked. */
    async function emptyStoreKeys(): Promise<ImportKeys> {
        const keys = new ImportKeys(async () => { throw new Error('an empty table was looked up'); });
        await keys.begin(async () => 0);
        return keys;
    }

    it('names the row whose key came before, in this batch or an earlier one', async () => {
        const keys = await emptyStoreKeys();
        await keys.take('events', STORE_TABLES.events, [event('a', 2), event('b', 3)]);
        await expect(keys.take('events', STORE_TABLES.events, [event('c', 4), event('a', 5)])).rejects.toThrow('events.csv:5: event_id a appears twice in this import');
        await expect(keys.take('events', STORE_TABLES.events, [event('d', 6), event('d', 7)])).rejects.toThrow('events.csv:7: event_id d appears twice');
    });

    it('a number and its text are one key (the store keeps both as text); tables and columns keep theirs apart', async () => {
        expect(keyText([5])).toBe(keyText(['5']));
        expect(keyText(['deal', '1'])).not.toBe(keyText(['contact', '1']));
        expect(keyText(['a,b'])).not.toBe(keyText(['a', 'b']));
        const keys = await emptyStoreKeys();
        await keys.take('events', STORE_TABLES.events, [event(5, 2)]);
        await expect(keys.take('events', STORE_TABLES.events, [event('5', 3)])).rejects.toThrow(/events.csv:3/);
        const association = { source: 'a.csv:2', values: ['contact', '1', 'deal', '2'] };
        await keys.take('associations', STORE_TABLES.associations, [association, association]);
    });

    it('looks keys up in the store only for tables that held rows, and names the first row found there', async () => {
        const asked: string[] = [];
        const keys = new ImportKeys(async (table, keyCols, batch) => {
            asked.push(table);
            return batch.filter(key => key[0] === 'old').map(key => Object.fromEntries(keyCols.map((c, i) => [c, key[i]])));
        });
        await keys.begin(async table => (table === 'events' ? 3 : 0));
        await keys.take('identities', STORE_TABLES.identities, [{ source: 'ids.csv:2', values: ['old', 'c1'] }]);
        await keys.take('events', STORE_TABLES.events, [event('new', 2)]);
        await expect(keys.take('events', STORE_TABLES.events, [event('new2', 3), event('old', 4)])).rejects.toThrow('events.csv:4: event_id old is already in the store');
        expect(asked).toEqual(['events', 'events']);
    });
});
