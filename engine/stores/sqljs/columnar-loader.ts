/**
 * Builds the columnar cache from a sql.js store. The first cache of a store
 * comes from ONE scan of `events` in `event_id` order (SQLite's binary
 * collation is code-point order, so a row's position is its rank), which also
 * yields rank ↔ rowid and the event names; later caches (another source) scan
 * in table order and look ranks up by rowid. Attribution runs in JavaScript
 * (attribution.ts), then a counting sort by object (matcher/columnar.ts).
 */
import type { Database, SqlValue } from 'sql.js';
import { compareCodePoint } from '../../code-point.js';
import { makeAttribution, type Attribution } from '../../attribution.js';
import type { RunOptions } from '../../engine.js';
import { columnarBuilder, type ColumnarEvents } from '../../matcher/columnar.js';
import { throwIfAborted, yieldToEventLoop } from '../../matcher/lookups.js';
import type { Source } from '../../plan.js';

/** Rank ↔ rowid of every event; shared by all caches of one store state. */
export interface EventRanks {
    /** Every distinct event name, ascending by code point; a name's index is its code. */
    eventNames: string[];
    rankOfRowid(rowid: number): number;
    rowidOfRank: Float64Array;
}

const PROGRESS_ROWS = 200_000;
const COLUMNS = 'rowid, event_name, occurred_at, object_type, object_id, anonymous_id';

/** The first cache of a store, with its event ranks, from one scan in event-id order. */
export async function loadRanksAndColumnar(
    db: Database, source: Source, includeAnonymous: boolean, options: RunOptions = {},
): Promise<{ ranks: EventRanks; data: ColumnarEvents }> {
    const attribution = attributionOf(db, source, includeAnonymous);
    const total = Number(db.exec('SELECT count(*) FROM events')[0].values[0][0]);
    const rowidOfRank = new Float64Array(total);
    const builder = columnarBuilder(total);
    // Names get provisional codes as they appear, renumbered by code point at the end.
    const provisional = new Map<string, number>();
    const names: string[] = [];
    let rank = 0;
    let maxRowid = 0;
    await scanRows(db, `SELECT ${COLUMNS} FROM events ORDER BY event_id`, total, options, row => {
        const rowid = Number(row[0]);
        const eventName = String(row[1]);
        let code = provisional.get(eventName);
        if (code === undefined) {
            code = names.length;
            names.push(eventName);
            provisional.set(eventName, code);
        }
        rowidOfRank[rank] = rowid;
        if (rowid > maxRowid) maxRowid = rowid;
        addEvent(builder, attribution, row, eventName, code, rank);
        rank++;
    });
    const eventNames = [...names].sort(compareCodePoint);
    // A map, not indexOf: with a million distinct event names indexOf made this quadratic and the run never ended.
    const sortedCode = new Map(eventNames.map((name, c) => [name, c]));
    const remap = Int32Array.from(names, name => sortedCode.get(name)!);
    const data = builder.finish(eventNames, eventNames, remap);
    return { ranks: ranksFromRowids(eventNames, rowidOfRank, maxRowid), data };
}

/** Another cache of a store whose ranks are known, from one scan in table order. */
export async function loadColumnar(
    db: Database, ranks: EventRanks, source: Source, includeAnonymous: boolean, options: RunOptions = {},
): Promise<ColumnarEvents> {
    const attribution = attributionOf(db, source, includeAnonymous);
    const codeOf = new Map(ranks.eventNames.map((name, c) => [name, c]));
    const total = ranks.rowidOfRank.length;
    const builder = columnarBuilder(total);
    await scanRows(db, `SELECT ${COLUMNS} FROM events`, total, options, row => {
        const eventName = String(row[1]);
        addEvent(builder, attribution, row, eventName, codeOf.get(eventName)!, ranks.rankOfRowid(Number(row[0])));
    });
    return builder.finish(ranks.eventNames, ranks.eventNames);
}

function attributionOf(db: Database, source: Source, includeAnonymous: boolean): Attribution {
    const rows = (sql: string) => db.exec(sql)[0]?.values ?? [];
    return makeAttribution({
        source,
        includeAnonymous,
        identities: rows('SELECT anonymous_id, contact_id FROM identities')
            .map(([anonymousId, contactId]) => ({ anonymousId: String(anonymousId), contactId: String(contactId) })),
        associations: rows('SELECT object_type, object_id, related_type, related_id FROM associations')
            .map(([a, b, c, d]) => ({ objectType: String(a), objectId: String(b), relatedType: String(c), relatedId: String(d) })),
        anonymousEventNames: rows('SELECT event_name FROM event_types WHERE supports_anonymous = 1').map(r => String(r[0])),
    });
}

function addEvent(builder: ReturnType<typeof columnarBuilder>, attribution: Attribution, row: SqlValue[], eventName: string, code: number, rank: number): void {
    const [, , occurredAt, objectType, objectId, anonymousId] = row;
    if (objectType === attribution.sourceType && objectId !== null) {
        builder.add(String(objectId), code, Number(occurredAt), rank); // rule 1, the common case, without allocations
        return;
    }
    const owners = attribution.ownersOf({
        eventName,
        objectType: objectType === null ? null : String(objectType),
        objectId: objectId === null ? null : String(objectId),
        anonymousId: anonymousId === null ? null : String(anonymousId),
    });
    if (owners.length === 0) return;
    const time = Number(occurredAt);
    for (const owner of owners) builder.add(owner, code, time, rank);
}

async function scanRows(db: Database, sql: string, total: number, options: RunOptions, onRow: (row: SqlValue[]) => void): Promise<void> {
    const stmt = db.prepare(sql);
    let seen = 0;
    try {
        while (stmt.step()) {
            onRow(stmt.get());
            if (++seen % PROGRESS_ROWS === 0) {
                throwIfAborted(options.signal);
                options.onProgress?.(0.75 * seen / Math.max(1, total), 'Loading events');
                await yieldToEventLoop();
            }
        }
    } finally {
        stmt.free();
    }
}

/** EventRanks from the rowid of each rank (as loaded, or as read back from the persisted cache). */
export function ranksFromRowids(eventNames: string[], rowidOfRank: Float64Array, maxRowid = maxOf(rowidOfRank)): EventRanks {
    const total = rowidOfRank.length;
    // Rowids are usually dense; a sparse store falls back to a map.
    let rankOfRowid: (rowid: number) => number;
    if (maxRowid <= 4 * total + 1024) {
        const table = new Int32Array(maxRowid + 1).fill(-1);
        for (let r = 0; r < total; r++) table[rowidOfRank[r]] = r;
        rankOfRowid = rowid => (rowid >= 0 && rowid < table.length ? table[rowid] : -1);
    } else {
        const map = new Map<number, number>();
        for (let r = 0; r < total; r++) map.set(rowidOfRank[r], r);
        rankOfRowid = rowid => map.get(rowid) ?? -1;
    }
    return { eventNames, rankOfRowid, rowidOfRank };
}

function maxOf(values: Float64Array): number {
    let max = 0;
    for (let i = 0; i < values.length; i++) if (values[i] > max) max = values[i];
    return max;
}
