/**
 * Reads a store's catalog (engine/catalog.ts) through sql.js, read-only:
 * event names with category and anonymous support, per-event property names
 * with their most common values, counts per UTC day, object properties.
 *
 * Speed on big stores: everything is aggregated in SQL (GROUP BY over one scan
 * per question). Property values come from every row up to FULL_SCAN_ROWS
 * events and from an even rowid sample above that, read by rowid lookups
 * (names the sample misses are read on their own), so a 20M-event store never
 * reads or JSON-parses every row for them.
 * Writers (import, sample) may call `writeCatalogCache(db)` while they hold the
 * store open for writing: the summary then lives in the side table
 * `journey_catalog_cache`, keyed by a cheap fingerprint of the events table
 * (min/max rowid and the event_types row count), and later reads are instant.
 */
import { existsSync } from 'node:fs';
import type { Database, SqlValue } from 'sql.js';
import type { CatalogEvent, PropertyStats, StoreCatalog } from '../../catalog.js';
import { loadSqlJs } from './sqljs-loader.js';
import { lendWhole, readStoreBytes } from './store.js';

/** Most common values kept per property. */
export const TOP_VALUES = 10;
/** Up to this many event rows, property values are counted on every row. */
export const FULL_SCAN_ROWS = 200_000;
/** Rows sampled for property values above FULL_SCAN_ROWS. */
export const SAMPLE_ROWS = 100_000;
/** At most this many events the sample missed get their properties read on their own (each read is a scan). */
export const RARE_EVENT_LOOKUPS = 64;
export const CATALOG_CACHE_TABLE = 'journey_catalog_cache';

const DAY_MS = 86_400_000;

/** A store that cannot give a catalog; the message is one sentence naming the store and the reason. */
export class CatalogError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'CatalogError';
    }
}

/** The catalog of a store file (path) or of an open sql.js database. */
/** How property values are counted; the defaults suit every store, tests lower them to reach the sampled path. */
export interface CatalogOptions {
    fullScanRows?: number;
    sampleRows?: number;
}

export async function readCatalog(dbOrPath: Database | string, options: CatalogOptions = {}): Promise<StoreCatalog> {
    if (typeof dbOrPath !== 'string') return readCatalogFromDb(dbOrPath, ':memory:', options);
    const storePath = dbOrPath;
    if (!existsSync(storePath)) throw new CatalogError(`store '${storePath}' does not exist`);
    let bytes: Uint8Array;
    try {
        // The store's own reader: chunked, so stores over 2 GiB (20M events) load too.
        bytes = lendWhole(readStoreBytes(storePath, 0));
    } catch (error) {
        throw new CatalogError((error as Error).message);
    }
    const SQL = await loadSqlJs();
    let db: Database;
    try {
        db = new SQL.Database(bytes);
    } catch (error) {
        throw new CatalogError(`store '${storePath}' cannot be opened (${(error as Error).message})`);
    }
    try {
        return readCatalogFromDb(db, storePath, options);
    } finally {
        db.close();
    }
}

export function readCatalogFromDb(db: Database, storeName: string, options: CatalogOptions = {}): StoreCatalog {
    const tables = new Set(rows(db, "SELECT name FROM sqlite_master WHERE type = 'table'").map(r => String(r[0])));
    if (!tables.has('events')) throw new CatalogError(`store '${storeName}' has no events table, so it holds no event catalog`);
    const fingerprint = catalogFingerprint(db, tables);
    if (tables.has(CATALOG_CACHE_TABLE)) {
        try {
            const cached = rows(db, `SELECT catalog FROM ${CATALOG_CACHE_TABLE} WHERE fingerprint = ?`, [fingerprint])[0];
            if (cached) return deserializeCatalog(String(cached[0]), storeName);
        } catch {
            // A malformed cache is ignored: the catalog is computed from the events below.
        }
    }
    return computeCatalog(db, tables, storeName, options);
}

/**
 * Computes the catalog and stores it in `journey_catalog_cache` (replacing any
 * older summary). Call only with a store opened for writing (import, sample).
 */
export function writeCatalogCache(db: Database): StoreCatalog {
    const tables = new Set(rows(db, "SELECT name FROM sqlite_master WHERE type = 'table'").map(r => String(r[0])));
    const catalog = computeCatalog(db, tables, ':memory:');
    db.run(`CREATE TABLE IF NOT EXISTS ${CATALOG_CACHE_TABLE} (fingerprint TEXT NOT NULL, catalog TEXT NOT NULL)`);
    db.run(`DELETE FROM ${CATALOG_CACHE_TABLE}`);
    db.run(`INSERT INTO ${CATALOG_CACHE_TABLE} VALUES (?, ?)`, [catalogFingerprint(db, tables), serializeCatalog(catalog)]);
    return catalog;
}

/** The fingerprint `journey_catalog_cache` rows are keyed by, for a store's current events. */
export function catalogFingerprintOf(db: Database): string {
    const tables = new Set(rows(db, "SELECT name FROM sqlite_master WHERE type = 'table'").map(r => String(r[0])));
    return catalogFingerprint(db, tables);
}

/** Cheap: min/max rowid come from the b-tree ends; event_types is small. */
function catalogFingerprint(db: Database, tables: Set<string>): string {
    // Two statements: SQLite reads a lone min() or max() from the b-tree's end, but scans for both together.
    const min = rows(db, 'SELECT min(rowid) FROM events')[0]?.[0] ?? null;
    const max = rows(db, 'SELECT max(rowid) FROM events')[0]?.[0] ?? null;
    const types = tables.has('event_types') ? rows(db, 'SELECT count(*), max(rowid) FROM event_types')[0] : [0, 0];
    return `v1:${String(min)}:${String(max)}:${String(types[0])}:${String(types[1])}`;
}

function computeCatalog(db: Database, tables: Set<string>, storeName: string, options: CatalogOptions = {}): StoreCatalog {
    const events = new Map<string, CatalogEvent>();
    const ensure = (name: string): CatalogEvent => {
        let event = events.get(name);
        if (!event) {
            // Not in event_types: still an event, category `custom` (store.md).
            event = { name, category: 'custom', objectType: 'contact', supportsAnonymous: false, count: 0, properties: [], days: [], dayCounts: [] };
            events.set(name, event);
        }
        return event;
    };
    if (tables.has('event_types')) {
        for (const [name, category, objectType, anonymous, description] of rows(db,
            'SELECT event_name, category, object_type, supports_anonymous, description FROM event_types')) {
            const event = ensure(String(name));
            event.category = String(category);
            event.objectType = String(objectType);
            event.supportsAnonymous = Number(anonymous) === 1;
            if (description !== null && description !== '') event.description = String(description);
        }
    }
    let totalEvents = 0;
    const typeCounts = new Map<string, Map<string, number>>();
    // Grouping by day first is several times faster: stores are mostly written in time order.
    // The object type rides along so that events missing from event_types get the type they are written with.
    for (const [name, day, objectType, count] of rows(db,
        `SELECT event_name, occurred_at / ${DAY_MS} AS day, object_type, count(*) FROM events
         GROUP BY day, event_name, object_type ORDER BY day, event_name`)) {
        const event = ensure(String(name));
        const n = Number(count);
        event.count += n;
        totalEvents += n;
        if (objectType !== null) {
            const types = typeCounts.get(event.name) ?? new Map<string, number>();
            types.set(String(objectType), (types.get(String(objectType)) ?? 0) + n);
            typeCounts.set(event.name, types);
        }
        if (day === null) continue;
        const dayText = new Date(Number(day) * DAY_MS).toISOString().slice(0, 10);
        if (event.days[event.days.length - 1] === dayText) event.dayCounts[event.dayCounts.length - 1] += n;
        else {
            event.days.push(dayText);
            event.dayCounts.push(n);
        }
    }
    for (const event of events.values()) {
        const types = typeCounts.get(event.name);
        if (event.category === 'custom' && types) event.objectType = [...types].sort((a, b) => b[1] - a[1])[0][0];
    }
    const minRowid = Number(rows(db, 'SELECT min(rowid) FROM events')[0]?.[0] ?? 0);
    const maxRowid = Number(rows(db, 'SELECT max(rowid) FROM events')[0]?.[0] ?? 0);
    const sampled = maxRowid - minRowid + 1 > (options.fullScanRows ?? FULL_SCAN_ROWS);
    const step = Math.max(1, Math.ceil((maxRowid - minRowid + 1) / (options.sampleRows ?? SAMPLE_ROWS)));
    // Sampled: every step-th rowid, looked up in the b-tree, so only the sample's rows are read at all.
    const source = sampled
        ? `SELECT e.event_name AS owner, e.properties AS properties
           FROM (WITH RECURSIVE s(r) AS (SELECT ${minRowid} UNION ALL SELECT r + ${step} FROM s WHERE r + ${step} <= ${maxRowid}) SELECT r FROM s) s
           JOIN events e ON e.rowid = s.r`
        : 'SELECT e.event_name AS owner, e.properties AS properties FROM events e';
    const props = propertyStats(db, source);
    // Rare events the sample missed read a few of their own rows, the most frequent first. Each such read
    // scans the events table (no index on event_name), so they are capped: a store of a million distinct
    // event names otherwise made a million scans and never finished.
    let lookups = 0;
    const byCount = [...events.values()].sort((a, b) => b.count - a.count);
    for (const event of byCount) {
        let stats = props.get(event.name);
        if (!stats && sampled && event.count > 0 && lookups < RARE_EVENT_LOOKUPS) {
            lookups++;
            stats = propertyStats(db, 'SELECT event_name AS owner, properties FROM events WHERE event_name = ? LIMIT 1000', [event.name]).get(event.name);
        }
        event.properties = stats ?? [];
    }
    const objectProperties = tables.has('objects')
        ? propertyStats(db, 'SELECT object_type AS owner, properties FROM objects')
        : new Map<string, PropertyStats[]>();
    for (const type of ['contact', 'deal', 'ticket']) {
        const list = objectProperties.get(type) ?? [];
        if (!list.some(p => p.name === 'created_at')) list.push({ name: 'created_at', topValues: [] });
        objectProperties.set(type, list);
    }
    return { store: storeName, totalEvents, events, objectProperties };
}

/** Property names per owner with their most common values, by one GROUP BY over json_each. */
function propertyStats(db: Database, source: string, params: SqlValue[] = []): Map<string, PropertyStats[]> {
    const sql = `
        SELECT owner, key, value, type, c FROM (
            SELECT s.owner AS owner, j.key AS key, j.value AS value, j.type AS type, count(*) AS c,
                   row_number() OVER (PARTITION BY s.owner, j.key ORDER BY count(*) DESC, j.value) AS rn
            FROM (${source}) s, json_each(CASE WHEN json_valid(s.properties) THEN s.properties ELSE '{}' END) j
            WHERE j.type IN ('text', 'integer', 'real', 'true', 'false', 'null')
            GROUP BY s.owner, j.key, j.value, j.type
        ) WHERE rn <= ${TOP_VALUES + 1}
        ORDER BY owner, key, c DESC`;
    const result = new Map<string, PropertyStats[]>();
    const byKey = new Map<string, PropertyStats>();
    for (const [owner, key, value, type, count] of rows(db, sql, params)) {
        const ownerName = String(owner);
        const id = `${ownerName}\u0000${String(key)}`;
        let stats = byKey.get(id);
        if (!stats) {
            stats = { name: String(key), topValues: [] };
            byKey.set(id, stats);
            const list = result.get(ownerName) ?? [];
            list.push(stats);
            result.set(ownerName, list);
        }
        if (type === 'null' || stats.topValues.length >= TOP_VALUES) continue;
        const jsonValue = type === 'true' ? true : type === 'false' ? false : type === 'text' ? String(value) : Number(value);
        stats.topValues.push({ value: jsonValue, count: Number(count) });
    }
    return result;
}

function rows(db: Database, sql: string, params: SqlValue[] = []): SqlValue[][] {
    const statement = db.prepare(sql);
    try {
        statement.bind(params);
        const out: SqlValue[][] = [];
        while (statement.step()) out.push(statement.get());
        return out;
    } finally {
        statement.free();
    }
}

export function serializeCatalog(catalog: StoreCatalog): string {
    return JSON.stringify({
        totalEvents: catalog.totalEvents,
        events: [...catalog.events.values()],
        objectProperties: [...catalog.objectProperties.entries()],
    });
}

export function deserializeCatalog(text: string, storeName: string): StoreCatalog {
    const data = JSON.parse(text) as { totalEvents: number; events: CatalogEvent[]; objectProperties: [string, PropertyStats[]][] };
    return {
        store: storeName,
        totalEvents: data.totalEvents,
        events: new Map(data.events.map(e => [e.name, e])),
        objectProperties: new Map(data.objectProperties),
    };
}
