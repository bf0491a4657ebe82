/**
 * Builds the columnar cache from a sql.js store: one scan of `events` in
 * `event_id` order (SQLite's binary collation is code-point order, so a row's
 * position is its rank), attribution in JavaScript (attribution.ts), then a
 * counting sort by object. Also keeps rank ↔ rowid so property lookups can
 * address the same events.
 */
import type { Database } from 'sql.js';
import { makeAttribution } from '../../attribution.js';
import type { RunOptions } from '../../engine.js';
import { columnarBuilder, type ColumnarEvents } from '../../matcher/columnar.js';
import { throwIfAborted, yieldToEventLoop } from '../../matcher/lookups.js';
import type { Source } from '../../plan.js';

/** Rank ↔ rowid of every event; shared by all caches of one store state. */
export interface EventRanks {
    eventNames: string[];
    rankOfRowid(rowid: number): number;
    rowidOfRank: Float64Array;
}

const PROGRESS_ROWS = 200_000;

export async function loadEventRanks(db: Database, options: RunOptions = {}): Promise<EventRanks> {
    const eventNames = (db.exec('SELECT DISTINCT event_name FROM events ORDER BY event_name')[0]?.values ?? [])
        .map(row => String(row[0]));
    const total = Number(db.exec('SELECT count(*) FROM events')[0].values[0][0]);
    const rowidOfRank = new Float64Array(total);
    const stmt = db.prepare('SELECT rowid FROM events ORDER BY event_id');
    let rank = 0;
    let maxRowid = 0;
    try {
        while (stmt.step()) {
            const rowid = Number(stmt.get()[0]);
            rowidOfRank[rank++] = rowid;
            if (rowid > maxRowid) maxRowid = rowid;
            if (rank % PROGRESS_ROWS === 0) {
                throwIfAborted(options.signal);
                options.onProgress?.(0.25 * rank / total, 'Reading event ids');
                await yieldToEventLoop();
            }
        }
    } finally {
        stmt.free();
    }
    return ranksFromRowids(eventNames, rowidOfRank, maxRowid);
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

export async function loadColumnar(
    db: Database, ranks: EventRanks, source: Source, includeAnonymous: boolean, options: RunOptions = {},
): Promise<ColumnarEvents> {
    const rows = (sql: string) => db.exec(sql)[0]?.values ?? [];
    const attribution = makeAttribution({
        source,
        includeAnonymous,
        identities: rows('SELECT anonymous_id, contact_id FROM identities')
            .map(([anonymousId, contactId]) => ({ anonymousId: String(anonymousId), contactId: String(contactId) })),
        associations: rows('SELECT object_type, object_id, related_type, related_id FROM associations')
            .map(([a, b, c, d]) => ({ objectType: String(a), objectId: String(b), relatedType: String(c), relatedId: String(d) })),
        anonymousEventNames: rows('SELECT event_name FROM event_types WHERE supports_anonymous = 1').map(r => String(r[0])),
    });
    const codeOf = new Map(ranks.eventNames.map((name, c) => [name, c]));
    const total = ranks.rowidOfRank.length;
    const builder = columnarBuilder(total);
    const stmt = db.prepare('SELECT rowid, event_name, occurred_at, object_type, object_id, anonymous_id FROM events');
    let seen = 0;
    try {
        while (stmt.step()) {
            const [rowid, name, occurredAt, objectType, objectId, anonymousId] = stmt.get();
            const eventName = String(name);
            const owners = attribution.ownersOf({
                eventName,
                objectType: objectType === null ? null : String(objectType),
                objectId: objectId === null ? null : String(objectId),
                anonymousId: anonymousId === null ? null : String(anonymousId),
            });
            if (owners.length > 0) {
                const rank = ranks.rankOfRowid(Number(rowid));
                const code = codeOf.get(eventName)!;
                const time = Number(occurredAt);
                for (const owner of owners) builder.add(owner, code, time, rank);
            }
            if (++seen % PROGRESS_ROWS === 0) {
                throwIfAborted(options.signal);
                options.onProgress?.(0.25 + 0.5 * seen / total, 'Loading events');
                await yieldToEventLoop();
            }
        }
    } finally {
        stmt.free();
    }
    return builder.finish(ranks.eventNames, ranks.eventNames);
}
