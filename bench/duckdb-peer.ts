/**
 * The peer a user would reach for: DuckDB (@duckdb/node-api) on the same data,
 * with the best SQL we can write for bench journeys (a) and (b). Exact for
 * those journeys (distinct event names per stage, contact events only), so the
 * bench asserts its counts equal ours.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

const DAY_MS = 86_400_000;

/**
 * Attributed contact events (store.md rules 1 and 3: a contact's own events,
 * and anonymous events of identified visitors), materialised once in the
 * DuckDB file like our columnar cache, ordered by object and time.
 */
export const ATTRIBUTED_SQL = `
CREATE OR REPLACE TABLE bench_ev AS
SELECT obj, event_name, t, event_id, properties FROM (
    SELECT object_id AS obj, event_name, occurred_at AS t, event_id, properties
    FROM events WHERE object_type = 'contact' AND object_id IS NOT NULL
    UNION ALL
    SELECT i.contact_id, e.event_name, e.occurred_at, e.event_id, e.properties
    FROM events e JOIN identities i ON e.anonymous_id = i.anonymous_id
    WHERE e.object_type IS NULL
) ORDER BY obj, t`;

/** (a): the min-time chain, exact for required stages with distinct event names. */
export const PEER_A_SQL = `
WITH s1 AS (SELECT obj, min(t) AS t FROM bench_ev WHERE event_name = 'page_viewed' GROUP BY obj),
s2 AS (SELECT e.obj, min(e.t) AS t FROM bench_ev e JOIN s1 ON e.obj = s1.obj AND e.t >= s1.t
       WHERE e.event_name = 'email_opened' GROUP BY e.obj),
s3 AS (SELECT e.obj, min(e.t) AS t FROM bench_ev e JOIN s2 ON e.obj = s2.obj AND e.t >= s2.t
       WHERE e.event_name = 'form_submitted' GROUP BY e.obj),
s4 AS (SELECT e.obj, min(e.t) AS t FROM bench_ev e JOIN s3 ON e.obj = s3.obj AND e.t >= s3.t
       WHERE e.event_name = 'meeting_booked' GROUP BY e.obj)
SELECT (SELECT count(*) FROM s1) AS c1, (SELECT count(*) FROM s2) AS c2,
       (SELECT count(*) FROM s3) AS c3, (SELECT count(*) FROM s4) AS c4`;

/**
 * (b) under a 30-day window: the latest possible start of a path ending at
 * each event, carried stage to stage with ASOF joins (the latest earlier
 * feasible event has the latest start, since starts only grow with time).
 * Skipping the optional stage never hurts a later stage, so required stages
 * chain past it; its own count chains from stage 2.
 */
export const PEER_B_SQL = `
WITH
p1 AS (SELECT obj, t, t AS l FROM bench_ev WHERE event_name = 'page_viewed'),
e2 AS (SELECT obj, t FROM bench_ev WHERE event_name IN ('email_opened', 'ad_clicked')),
p2 AS (SELECT e.obj, e.t, p.l FROM e2 e ASOF JOIN p1 p ON e.obj = p.obj AND e.t >= p.t WHERE e.t - p.l <= ${30 * DAY_MS}),
e3 AS (SELECT obj, t FROM bench_ev WHERE event_name = 'cta_clicked'),
p3 AS (SELECT e.obj, e.t, p.l FROM e3 e ASOF JOIN p2 p ON e.obj = p.obj AND e.t >= p.t WHERE e.t - p.l <= ${30 * DAY_MS}),
e4 AS (SELECT obj, t FROM bench_ev WHERE event_name = 'form_submitted'
       AND json_type(properties, '$.form_id') = 'VARCHAR' AND json_extract_string(properties, '$.form_id') = 'demo-request'),
p4 AS (SELECT e.obj, e.t, p.l FROM e4 e ASOF JOIN p2 p ON e.obj = p.obj AND e.t >= p.t WHERE e.t - p.l <= ${30 * DAY_MS}),
e5 AS (SELECT obj, t FROM bench_ev WHERE event_name = 'meeting_booked'),
p5 AS (SELECT e.obj, e.t, p.l FROM e5 e ASOF JOIN p4 p ON e.obj = p.obj AND e.t >= p.t WHERE e.t - p.l <= ${30 * DAY_MS}),
e6 AS (SELECT obj, t FROM bench_ev WHERE event_name = 'lifecycle_stage_changed'),
p6 AS (SELECT e.obj, e.t, p.l FROM e6 e ASOF JOIN p5 p ON e.obj = p.obj AND e.t >= p.t WHERE e.t - p.l <= ${30 * DAY_MS}),
first_view AS (
    SELECT obj, arg_min(CASE WHEN json_type(properties, '$.utm_source') IN ('NULL') OR json_type(properties, '$.utm_source') IS NULL
                             THEN '"(unknown)"' ELSE json_extract(properties, '$.utm_source')::VARCHAR END, (t, event_id)) AS v
    FROM bench_ev WHERE event_name = 'page_viewed' GROUP BY obj),
reached2 AS (SELECT DISTINCT obj FROM p2),
rows AS (SELECT f.v, count(*) AS n, count(r.obj) AS cont FROM first_view f LEFT JOIN reached2 r ON f.obj = r.obj GROUP BY f.v)
SELECT 'count' AS kind, NULL AS v,
       [(SELECT count(DISTINCT obj) FROM p1), (SELECT count(DISTINCT obj) FROM p2), (SELECT count(DISTINCT obj) FROM p3),
        (SELECT count(DISTINCT obj) FROM p4), (SELECT count(DISTINCT obj) FROM p5), (SELECT count(DISTINCT obj) FROM p6)] AS n,
       NULL AS cont
UNION ALL
SELECT 'row', v, [n], cont FROM rows`;

export interface PeerResult {
    counts: number[];
    /** (b) only: breakdown rows as JSON text of the value → [count, continued]. */
    breakdown?: Map<string, [number, number]>;
}

export class DuckDbPeer {
    private constructor(private readonly instance: DuckDBInstance, private readonly connection: DuckDBConnection) {}

    static async open(file: string, objectIdBits: number): Promise<DuckDbPeer> {
        const instance = await DuckDBInstance.create(file);
        const connection = await instance.connect();
        // DuckDB's best for this shape (recipes/performance): perfect hash tables sized to the object ids.
        await connection.run(`SET perfect_ht_threshold = ${Math.max(12, Math.min(32, objectIdBits))}`);
        return new DuckDbPeer(instance, connection);
    }

    async run(which: 'a' | 'b'): Promise<PeerResult> {
        if (which === 'a') {
            const rows = (await this.connection.runAndReadAll(PEER_A_SQL)).getRowObjectsJS();
            const row = rows[0] as Record<string, bigint | number>;
            return { counts: ['c1', 'c2', 'c3', 'c4'].map(k => Number(row[k])) };
        }
        const rows = (await this.connection.runAndReadAll(PEER_B_SQL)).getRowObjectsJS() as Record<string, unknown>[];
        const result: PeerResult = { counts: [], breakdown: new Map() };
        for (const row of rows) {
            const n = (row.n as (bigint | number)[]).map(Number);
            if (row.kind === 'count') result.counts = n;
            else result.breakdown!.set(String(row.v), [n[0], Number(row.cont)]);
        }
        return result;
    }

    close(): void {
        this.connection.closeSync();
        this.instance.closeSync();
    }
}
