/**
 * store.md's attribution (rules 1-4, the same reading as engine/attribution.ts)
 * as SQL that fills the `attributed` side table: one row per (source, owner,
 * event), rebuilt after every import so that associations and identities
 * imported later still apply. Queries then group it by owner directly; on a
 * cluster it is sharded by owner, so each object's events sit on one shard.
 */
import { OBJECT_TYPE_OF_SOURCE, type Source } from '../../../plan.js';
import type { Dialect } from './dialect.js';

export interface AttributionTables {
    events: string;
    identities: string;
    associations: string;
    eventTypes: string;
    /** `INNER JOIN` (DuckDB), `ALL INNER JOIN`, or on a cluster `GLOBAL ALL INNER JOIN`. */
    join: string;
    /** `IN` or `GLOBAL IN`. */
    in: string;
    /** `NOT IN` or `GLOBAL NOT IN`. */
    notIn: string;
    /** Makes a nullable text column non-nullable for UNION type checks (ClickHouse: assumeNotNull). */
    notNull: (expr: string) => string;
    /** A small integer constant of the `anon` column's type. */
    flag: (value: 0 | 1) => string;
}

export const ATTRIBUTED_COLUMNS = ['src', 'obj', 'anon', 'eid', 'name', 't', 'pk', 'pt', 'ps', 'pn', 'pd', 'pdk', 'pj'];

const EVENT_COLS = 'event_id AS eid, event_name AS name, occurred_at AS t, pk, pt, ps, pn, pd, pdk, pj';
const OUT_COLS = 'eid, name, t, pk, pt, ps, pn, pd, pdk, pj';

/** (ot, oid, obj): object (ot, oid) is associated, in either direction, with `obj` of `type`. */
function pairsOf(type: string, tables: AttributionTables, d: Dialect): string {
    const t = d.str(type);
    return `SELECT DISTINCT ot, oid, obj FROM (
    SELECT object_type AS ot, object_id AS oid, related_id AS obj FROM ${tables.associations} WHERE related_type = ${t}
    UNION ALL
    SELECT related_type AS ot, related_id AS oid, object_id AS obj FROM ${tables.associations} WHERE object_type = ${t}) AS both_ways`;
}

/** SELECT src, obj, anon, eid, name, t, pk, ... for one source. */
export function attributionSelect(source: Source, tables: AttributionTables, d: Dialect): string {
    const type = OBJECT_TYPE_OF_SOURCE[source];
    const src = d.str(source);
    const nn = tables.notNull;
    const head = (obj: string, anon: 0 | 1) => `SELECT ${src} AS src, ${obj} AS obj, ${tables.flag(anon)} AS anon, ${OUT_COLS}`;
    const parts: string[] = [];
    // Rule 1: the event's own object.
    parts.push(`${head(nn('object_id'), 0)} FROM (SELECT object_id, ${EVENT_COLS} FROM ${tables.events}
  WHERE object_type = ${d.str(type)} AND object_id IS NOT NULL) AS own`);
    // Rule 2: an object of another type, through associations either way.
    parts.push(`${head('obj', 0)} FROM (SELECT ${nn('object_type')} AS ot, ${nn('object_id')} AS oid, ${EVENT_COLS} FROM ${tables.events}
  WHERE object_type IS NOT NULL AND object_id IS NOT NULL AND object_type <> ${d.str(type)}) AS other
  ${tables.join} (${pairsOf(type, tables, d)}) AS pairs USING (ot, oid)`);
    // Rule 3: an identified anonymous visitor: its contact (or the contact's deals/tickets).
    const identified = `SELECT ${nn('anonymous_id')} AS aid, ${EVENT_COLS} FROM ${tables.events} WHERE object_type IS NULL AND anonymous_id IS NOT NULL`;
    if (type === 'contact') {
        parts.push(`${head('obj', 0)} FROM (${identified}) AS anon_events
  ${tables.join} (SELECT anonymous_id AS aid, contact_id AS obj FROM ${tables.identities}) AS ids USING (aid)`);
    } else {
        parts.push(`${head('obj', 0)} FROM (${identified}) AS anon_events
  ${tables.join} (SELECT aid, obj FROM (SELECT anonymous_id AS aid, contact_id AS oid FROM ${tables.identities}) AS ids
    ${tables.join} (SELECT oid, obj FROM (${pairsOf(type, tables, d)}) AS p WHERE ot = ${d.str('contact')}) AS pairs USING (oid)) AS owners USING (aid)`);
    }
    // Rule 4: anonymous visitors (kept apart by `anon`; a journey includes them only when it says so).
    if (type === 'contact') {
        parts.push(`${head(`concat(${d.str('anonymous:')}, aid)`, 1)} FROM (${identified}
    AND anonymous_id ${tables.notIn} (SELECT anonymous_id FROM ${tables.identities})
    AND event_name ${tables.in} (SELECT event_name FROM ${tables.eventTypes} WHERE supports_anonymous = 1)) AS visitors`);
    }
    return parts.join('\nUNION ALL\n');
}
