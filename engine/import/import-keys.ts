/**
 * The keys an import has taken so far, for DuckDB's and ClickHouse's sinks
 * ("appears twice in this import"; sql.js's own UNIQUE indexes do this
 * there). A JavaScript Set holds at most 2^24 (16.7M) entries, fewer than a
 * big store's events (a 20M-event import stopped with "Set maximum size
 * exceeded"), so each table's keys are spread over many Sets by a hash of
 * their text.
 */
import { SinkRowError, type ImportRow, type SqlCell } from './import-sink.js';
import type { StoreTable } from './table-specs.js';

/** Each table's key columns (associations have none: a repeated row is allowed). */
export const IMPORT_KEYS: Record<StoreTable, string[]> = {
    events: ['event_id'], objects: ['object_type', 'object_id'], identities: ['anonymous_id'], associations: [], event_types: ['event_name'],
};

/** The tables whose rows have keys. */
export const KEYED_TABLES = (Object.keys(IMPORT_KEYS) as StoreTable[]).filter(t => IMPORT_KEYS[t].length > 0);

const PARTS = 64;

/** A set of strings without Set's size limit. */
export class KeySet {
    private readonly parts: Set<string>[] = Array.from({ length: PARTS }, () => new Set<string>());

    /** Adds `key`; false when it was already there. */
    add(key: string): boolean {
        const part = this.parts[hash(key) % PARTS];
        if (part.has(key)) return false;
        part.add(key);
        return true;
    }

    get size(): number {
        return this.parts.reduce((n, p) => n + p.size, 0);
    }
}

function hash(text: string): number {
    let h = 0;
    for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
    return h >>> 0;
}

/** A row's key as one string (the same for rows the store would see as the same key). */
export function keyText(values: readonly unknown[]): string {
    return values.length === 1 && (typeof values[0] === 'string' || typeof values[0] === 'number') ? String(values[0]) : JSON.stringify(values);
}

/** The store's rows among `keys` (each a row's key values), as objects keyed by column. */
export type KeyLookup = (table: StoreTable, keyCols: readonly string[], keys: SqlCell[][]) => Promise<Record<string, unknown>[]>;

export class ImportKeys {
    private readonly seen = new Map<StoreTable, KeySet>();
    /** Tables without rows before this import: their keys need no look-up in the store (this import's own are in `seen`). */
    private readonly emptyAtStart = new Set<StoreTable>();

    /** `lookup` finds keys in the store; the sink's own table names and SQL. */
    constructor(private readonly lookup: KeyLookup) {}

    /** Notes the keyed tables the store holds no rows of, before the import adds any. */
    async begin(countRows: (table: StoreTable) => Promise<number>): Promise<void> {
        for (const table of KEYED_TABLES) if ((await countRows(table)) === 0) this.emptyAtStart.add(table);
    }

    /**
     * Records the batch's keys; throws SinkRowError naming the first row whose
     * key this import already had, or else the first the store already holds.
     */
    async take(table: StoreTable, columns: readonly string[], rows: readonly ImportRow[]): Promise<void> {
        const keyCols = IMPORT_KEYS[table];
        if (!keyCols.length) return;
        const idx = keyCols.map(c => columns.indexOf(c));
        let seen = this.seen.get(table);
        if (!seen) this.seen.set(table, seen = new KeySet());
        const keys = rows.map(row => idx.map(i => row.values[i]));
        rows.forEach((row, r) => {
            if (!seen.add(keyText(keys[r]))) throw new SinkRowError(row.source, `${keyCols.join(', ')} ${keys[r].join(', ')} appears twice in this import`);
        });
        if (this.emptyAtStart.has(table)) return;
        const existing = await this.lookup(table, keyCols, keys);
        if (!existing.length) return;
        const found = new Set(existing.map(e => JSON.stringify(keyCols.map(c => e[c]))));
        const r = keys.findIndex(key => found.has(JSON.stringify(key)));
        throw new SinkRowError(rows[r].source, `${keyCols.join(', ')} ${keys[r].join(', ')} is already in the store`);
    }
}
