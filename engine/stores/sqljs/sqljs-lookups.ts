/**
 * EventLookups on a sql.js store: event filters and breakdown values read the
 * events' JSON properties (property-scan.ts keeps their exact JSON types) and
 * judge them with conditions.ts; the object filter reads the `objects` rows.
 * Results are memoized until the store changes.
 */
import type { Database } from 'sql.js';
import { satisfies, type JsonProperties } from '../../conditions.js';
import type { RunOptions } from '../../engine.js';
import { bitsetAdd, newBitset, type Bitset, type ColumnarEvents } from '../../matcher/columnar.js';
import type { EventLookups } from '../../matcher/lookups.js';
import { OBJECT_TYPE_OF_SOURCE, type ConditionPlan, type Source } from '../../plan.js';
import type { EventRanks } from './columnar-loader.js';
import { parseProperties, scanEventProperties } from './property-scan.js';

/** Breakdowns over fewer first touches than this read rows one by one; more, one scan of the event. */
const POINT_LOOKUP_LIMIT = 20_000;

/** A breakdown property scanned over a whole event: value index per rank into `distinct` (0 = missing). */
export interface ValueIndex {
    distinct: unknown[];
    valueIndex: Int32Array;
}

/** What the lookups computed by scanning, to persist beside the store and seed the next process with. */
export interface LookupMemo {
    filters: Map<string, Bitset>;
    values: Map<string, ValueIndex>;
}

export interface SqlJsLookups extends EventLookups {
    readonly memo: LookupMemo;
}

/** `onScan` runs after a new full scan was memoized (the engine saves the memo then). */
export function createSqlJsLookups(
    db: Database, ranks: EventRanks, memo: LookupMemo = { filters: new Map(), values: new Map() }, onScan?: () => void,
): SqlJsLookups {
    const filters = memo.filters;
    const scans = new Map<string, (rank: number) => unknown>();
    // Per cache (source and anonymous setting), per condition: which objects pass.
    const objectFilters = new WeakMap<ColumnarEvents, Map<string, Uint8Array>>();
    for (const [key, { distinct, valueIndex }] of memo.values) scans.set(key, rank => distinct[valueIndex[rank]]);
    const pointCache = new Map<string, Map<number, unknown>>();
    return {
        memo,
        async eventFilter(name, where, campaign, options: RunOptions = {}) {
            const key = JSON.stringify([name, where ?? null, campaign ?? null]);
            const cached = filters.get(key);
            if (cached) return cached;
            const bits = newBitset(ranks.rowidOfRank.length);
            const names = where ? propertyNames(where) : [];
            if (campaign !== undefined) names.push('campaign');
            await scanEventProperties(db, name, names, (rowid, props) => {
                if ((!where || satisfies(where, props)) && (campaign === undefined || props.campaign === campaign)) {
                    bitsetAdd(bits, ranks.rankOfRowid(rowid));
                }
            }, options.signal);
            filters.set(key, bits);
            onScan?.();
            return bits;
        },
        async eventProperty(name, property, wanted) {
            const key = JSON.stringify([name, property]);
            const scanned = scans.get(key);
            if (scanned) return scanned;
            let points = pointCache.get(key);
            if (!points) pointCache.set(key, points = new Map());
            const missing = wanted.filter(rank => !points!.has(rank));
            if (points.size + missing.length <= POINT_LOOKUP_LIMIT) {
                // Few first touches: read just those rows (and remember them for the next run).
                const stmt = db.prepare('SELECT properties FROM events WHERE rowid = ?');
                try {
                    for (const rank of missing) {
                        stmt.bind([ranks.rowidOfRank[rank]]);
                        points.set(rank, stmt.step() ? parseProperties(stmt.get()[0])[property] : undefined);
                        stmt.reset();
                    }
                } finally {
                    stmt.free();
                }
                const known = points;
                return rank => known.get(rank);
            }
            // Many: one scan of the event, kept as a value index per rank (a Map of
            // millions of entries would make every later lookup slow).
            pointCache.delete(key);
            const distinct: unknown[] = [undefined];
            const indexOfValue = new Map<unknown, number>();
            const valueIndex = new Int32Array(ranks.rowidOfRank.length);
            await scanEventProperties(db, name, [property], (rowid, props) => {
                const value = props[property];
                if (value === undefined) return;
                // Nested values are kept by identity; they are rare and shown by their JSON text.
                let index = indexOfValue.get(value);
                if (index === undefined) {
                    index = distinct.length;
                    distinct.push(value);
                    if (value === null || typeof value !== 'object') indexOfValue.set(value, index);
                }
                valueIndex[ranks.rankOfRowid(rowid)] = index;
            });
            const valueOf = (rank: number) => distinct[valueIndex[rank]];
            scans.set(key, valueOf);
            memo.values.set(key, { distinct, valueIndex });
            onScan?.();
            return valueOf;
        },
        async objectFilter(data: ColumnarEvents, source: Source, condition: ConditionPlan) {
            let byCondition = objectFilters.get(data);
            if (!byCondition) objectFilters.set(data, byCondition = new Map());
            const key = JSON.stringify([source, condition]);
            const cached = byCondition.get(key);
            if (cached) return cached;
            const passing = new Set<string>();
            const stmt = db.prepare('SELECT object_id, created_at, properties FROM objects WHERE object_type = ?',
                [OBJECT_TYPE_OF_SOURCE[source]]);
            try {
                while (stmt.step()) {
                    const [id, createdAt, text] = stmt.get();
                    if (satisfies(condition, objectProperties(createdAt, text))) passing.add(String(id));
                }
            } finally {
                stmt.free();
            }
            const result = Uint8Array.from(data.objectIds, id => (passing.has(id) ? 1 : 0));
            byCondition.set(key, result);
            return result;
        },
    };
}

/** An object's properties as a journey-level `where` sees them: the `created_at` column is the property `created_at`. */
export function objectProperties(createdAt: unknown, text: unknown): JsonProperties {
    const props = parseProperties(text);
    if (createdAt === null || createdAt === undefined) delete props.created_at;
    else props.created_at = Number(createdAt);
    return props;
}

/** The property names a condition reads. */
export function propertyNames(condition: ConditionPlan, into: string[] = []): string[] {
    if (condition.kind === 'cmp') into.push(condition.property);
    else {
        propertyNames(condition.left, into);
        propertyNames(condition.right, into);
    }
    return into;
}
