/**
 * Turns the matcher's per-object columns (match-sql.ts) into the queries an
 * engine runs: the report's aggregated facts (counts, item counts, medians,
 * breakdown rows, paths, top-event candidates), static lists and the
 * unsummarized export. Only aggregated numbers and top-N rows leave the engine.
 */
import { previousRequired } from '../../../matcher/stage-layout.js';
import type { JourneyPlan } from '../../../plan.js';
import type { Dialect } from './dialect.js';
import { buildObjectQuery, NONE, type Def, type MatchOptions, type ObjectQuerySpec } from './match-sql.js';
import type { ObjectSource } from './array-engine.js';

export interface RenderTarget {
    dialect: Dialect;
    /** The attributed events table (on a cluster, each shard's local table: the query becomes a view there). */
    table: string;
    objectsTable: string;
    cluster: boolean;
    /** A condition on `obj` every per-object query adds (DuckDB: which partition of the objects this pass takes). */
    objectFilter?: string;
}

/**
 * The per-object query: a GROUP BY obj collecting each object's events in
 * (time, event_id) order, then one nested SELECT per layer of defs (both
 * engines inline a reused alias at each use, which would grow exponentially
 * along the stage chain). On a cluster it becomes a view on every shard.
 */
export function renderObjectQuery(spec: ObjectQuerySpec, extra: Def[], target: RenderTarget): string {
    const d = target.dialect;
    const cols: string[] = ['obj'];
    if (d.name === 'duckdb') {
        for (const [name, expr] of spec.collected) cols.push(`list(${expr} ORDER BY t, eid) AS ${name}`);
    } else {
        // Each column sorted by the (time, event_id) keys beside it: a permutation applied through a lambda would copy the column per event.
        cols.push('groupArray(tuple(t, eid)) AS _key');
        for (const [name, expr] of spec.collected) cols.push(`arraySort((_v, _k) -> _k, groupArray(${expr}), _key) AS ${name}`);
    }
    let sql = `SELECT ${cols.join(', ')} FROM ${target.table} WHERE ${spec.where}${target.objectFilter ? ` AND ${target.objectFilter}` : ''} GROUP BY obj`;
    const defs = [...spec.defs, ...extra];
    const known = [...spec.collected.map(([name]) => name), ...defs.map(def => def.name)];
    for (const [i, layer] of layersOf(defs, spec.collected.map(([name]) => name)).entries()) {
        sql = `SELECT *, ${layer.map(def => `${keepCaptured(def.expr, known, d)} AS ${def.name}`).join(',\n  ')}\nFROM (${sql}) AS layer${i}`;
    }
    return sql;
}

/**
 * ClickHouse 18.16 prunes a subquery's columns that are used only inside
 * lambdas ("Unknown identifier"); naming them once outside the lambda, in an
 * ignore() beside the value, keeps them.
 */
function keepCaptured(expr: string, known: string[], d: Dialect): string {
    if (d.name !== 'clickhouse') return expr;
    const used = known.filter(name => new RegExp(`\\b${name}\\b`).test(expr));
    return used.length ? `tupleElement(tuple(${expr}, ignore(${used.join(', ')})), 1)` : expr;
}

/** Defs grouped so that each uses only names from earlier groups (or `base`). */
function layersOf(defs: Def[], base: string[]): Def[][] {
    const level = new Map<string, number>(base.map(name => [name, 0]));
    const layers: Def[][] = [];
    for (const def of defs) {
        let at = 1;
        for (const [name, l] of level) {
            if (l + 1 > at && new RegExp(`\\b${name}\\b`).test(def.expr)) at = l + 1;
        }
        level.set(def.name, at);
        (layers[at - 1] ??= []).push(def);
    }
    return layers.filter(Boolean);
}

interface Fact { tag: string; key: string; seq?: string; v: string; on: string }

function factTuple(f: Fact, d: Dialect): string {
    const seq = f.seq ?? d.emptyStrings();
    if (d.name === 'duckdb') {
        return `{'tag': ${f.tag}, 'key': ${f.key}, 'seq': ${seq}, 'v': CAST(${f.v} AS BIGINT), 'on': CAST(${f.on} AS INTEGER)}`;
    }
    return `tuple(${f.tag}, ${f.key}, ${seq}, toInt64(${f.v}), toUInt8(${f.on}))`;
}

function factsArray(given: Fact[], d: Dialect, dynamicNames?: string): string {
    // A fact that is never on keeps an otherwise empty array typed.
    const facts = given.length ? given : [{ tag: "''", key: "''", v: '0', on: '0' }];
    const fixed = `[${facts.map(f => factTuple(f, d)).join(', ')}]`;
    if (d.name === 'duckdb') {
        const base = `list_filter(${fixed}, _f -> _f.on = 1)`;
        if (!dynamicNames) return base;
        const te = `list_transform(${dynamicNames}, _x -> ${factTuple({ tag: `'te'`, key: '_x', v: '0', on: '1' }, d)})`;
        return given.length ? `list_concat(${base}, ${te})` : te;
    }
    const base = `arrayFilter(_f -> tupleElement(_f, 5) = 1, ${fixed})`;
    if (!dynamicNames) return base;
    const te = `arrayMap(_x -> ${factTuple({ tag: `'te'`, key: '_x', v: '0', on: '1' }, d)}, ${dynamicNames})`;
    if (!given.length) return te;
    return `arrayConcat(${base}, arrayMap(_x -> ${factTuple({ tag: `'te'`, key: '_x', v: '0', on: '1' }, d)}, ${dynamicNames}))`;
}

/**
 * The facts column, and on ClickHouse also as parallel arrays (a stored
 * Array(Tuple) becomes Nested columns there, which a table cannot take as one).
 */
function factDefs(facts: string, d: Dialect): Def[] {
    const defs: Def[] = [{ name: 'facts', expr: facts }];
    if (d.name === 'clickhouse') {
        ['f_tag', 'f_key', 'f_seq', 'f_v'].forEach((name, i) => defs.push({ name, expr: `arrayMap(_f -> tupleElement(_f, ${i + 1}), facts)` }));
    }
    return defs;
}

/** The pathfinder sequence of stage k (semantics.md "Paths (Pathfinder)") as defs. */
function pathDefs(plan: JourneyPlan, k: number, d: Dialect): Def[] {
    const paths = plan.stages[k].paths!;
    const defs: Def[] = [];
    const side = paths.direction === 'before'
        ? d.slice('_name', '1', `greatest(ft${k} - 1, 0)`)
        : d.slice('_name', `ft${k} + 1`, `greatest(${d.len('_name')} - ft${k}, 0)`);
    defs.push({ name: `_pa${k}`, expr: side });
    let current = `_pa${k}`;
    if (paths.among) {
        const allowed = paths.among.map(name => `_x = ${d.str(name)}`).join(' OR ');
        defs.push({ name: `_pb${k}`, expr: d.zipFilter(['_x'], [current], `(${allowed})`) });
        current = `_pb${k}`;
    }
    defs.push({ name: `_pc${k}`, expr: d.zipFilter(['_x', '_y', '_j'], [current, d.shift(current, "''"), d.indexes(current)], '(_j = 1 OR _x <> _y)') });
    const depth = String(paths.depth);
    defs.push({
        name: `_ps${k}`,
        expr: paths.direction === 'before'
            ? d.slice(`_pc${k}`, `greatest(${d.len(`_pc${k}`)} - ${depth} + 1, 1)`, depth)
            : d.slice(`_pc${k}`, '1', depth),
    });
    return defs;
}

function nextRequired(plan: JourneyPlan, k: number): number {
    for (let j = k + 1; j < plan.stages.length; j++) if (!plan.stages[j].optional) return j;
    return -1;
}

export function matchOptions(plan: JourneyPlan, target: RenderTarget, allEvents: boolean): MatchOptions {
    return { allEvents, inKeyword: 'IN', objectsTable: target.objectsTable };
}

/** The per-object query with a `facts` column for the report. */
export function reportObjectQuery(plan: JourneyPlan, target: RenderTarget): string {
    const d = target.dialect;
    const allEvents = plan.stages.some(s => s.paths);
    const spec = buildObjectQuery(plan, d, matchOptions(plan, target, allEvents));
    const n = plan.stages.length;
    const optional = plan.stages.map(s => s.optional);
    const facts: Fact[] = [];
    const extra: Def[] = [];
    for (let k = 0; k < n; k++) {
        facts.push({ tag: d.str(`c:${k}`), key: "''", v: '0', on: `c${k}` });
        plan.stages[k].items.forEach((_, j) => facts.push({ tag: d.str(`i:${k}:${j}`), key: "''", v: '0', on: `${d.flag(`ift${k}_${j} > 0`)}` }));
        if (k > 0) {
            const p = previousRequired(optional, k);
            facts.push({ tag: d.str(`m:${k}`), key: "''", v: `(CASE WHEN c${k} = 1 AND c${p} = 1 THEN ftt${k} - ftt${p} ELSE 0 END)`, on: d.flag(`c${k} = 1 AND c${p} = 1`) });
        }
        const b = plan.stages[k].items.findIndex(item => item.breakdown);
        if (b >= 0) {
            const next = k + 1 < n ? `c${k + 1}` : '0';
            facts.push({ tag: d.str(`bd:${k}`), key: d.at(`_bv${k}`, `ift${k}_${b}`, "''"), v: next, on: d.flag(`ift${k}_${b} > 0`) });
            facts.push({ tag: d.str(`bt:${k}`), key: "''", v: '0', on: d.flag(`ift${k}_${b} > 0 AND ${next} = 1`) });
        }
        if (plan.stages[k].paths) {
            extra.push(...pathDefs(plan, k, d));
            facts.push({ tag: d.str(`pa:${k}`), key: "''", seq: `_ps${k}`, v: '0', on: d.flag(`c${k} = 1 AND ${d.len(`_ps${k}`)} > 0`) });
        }
    }
    extra.push(...factDefs(factsArray(facts, d), d));
    return renderObjectQuery(spec, extra, target);
}

/**
 * The per-object query for resolving `top events` at stage k: `probe` is the
 * plan with stage k optional and empty; each object counted at p contributes
 * the distinct names of its events from p's first touch (excluded) up to
 * stage k+1's first touch.
 */
export function topEventsObjectQuery(probe: JourneyPlan, k: number, p: number, among: string[] | undefined, target: RenderTarget): string {
    const d = target.dialect;
    const spec = buildObjectQuery(probe, d, matchOptions(probe, target, true));
    const hasNext = k + 1 < probe.stages.length;
    const conds = [`c${p} = 1`, `_j <> ft${p}`, `_tj >= ftt${p}`];
    if (hasNext) conds.push(`(c${k + 1} = 0 OR _tj <= ftt${k + 1})`);
    if (among) conds.push(`(${among.map(name => `_x = ${d.str(name)}`).join(' OR ') || '1 = 0'})`);
    const extra: Def[] = [
        { name: '_te', expr: d.distinct(d.zipFilter(['_x', '_tj', '_j'], ['_name', '_t', d.indexes('_name')], conds.join(' AND '))) },
        ...factDefs(factsArray([], d, '_te'), d),
    ];
    return renderObjectQuery(spec, extra, target);
}

/** Aggregates the facts of a per-object query: one row per (tag, key, seq), with the medians' middle values. */
export function renderFactsQuery(source: ObjectSource, target: RenderTarget, rowsPerTag: number): string {
    const d = target.dialect;
    const from = source.from;
    const where = source.where ? ` WHERE ${source.where}` : '';
    if (d.name === 'duckdb') {
        return `SELECT tag, key, seq, cnt, sv, ms[(len(ms) + 1) // 2] AS m1, ms[len(ms) // 2 + 1] AS m2 FROM (
  SELECT f.tag AS tag, f.key AS key, f.seq AS seq, count(*) AS cnt, sum(f.v) AS sv,
    list(f.v ORDER BY f.v) FILTER (WHERE starts_with(f.tag, 'm:')) AS ms, array_to_string(f.seq, ',') AS sk
  FROM (SELECT unnest(facts) AS f FROM ${from}${where}) AS facts_rows
  GROUP BY f.tag, f.key, f.seq
) AS grouped
QUALIFY row_number() OVER (PARTITION BY tag ORDER BY cnt DESC, sk, key) <= ${rowsPerTag}`;
    }
    return `SELECT tag, key, seq, cnt, sv, ms[intDiv(length(ms) + 1, 2)] AS m1, ms[intDiv(length(ms), 2) + 1] AS m2 FROM (
  SELECT tag, key, seq, count() AS cnt, sum(v) AS sv, arraySort(groupArrayIf(v, substring(tag, 1, 2) = 'm:')) AS ms,
    arrayStringConcat(seq, ',') AS sk
  FROM ${from} ARRAY JOIN f_tag AS tag, f_key AS key, f_seq AS seq, f_v AS v${where}
  GROUP BY tag, key, seq
)
ORDER BY tag, cnt DESC, sk, key
LIMIT ${rowsPerTag} BY tag`;
}

/** The per-object query behind static lists and the unsummarized export. */
export function stagesObjectQuery(plan: JourneyPlan, target: RenderTarget): string {
    const spec = buildObjectQuery(plan, target.dialect, matchOptions(plan, target, false));
    return renderObjectQuery(spec, factDefs(factsArray([], target.dialect), target.dialect), target);
}

/** Objects counted at stage k (and, for `dropped`, not at the next required stage): the list query and the count query. */
export function staticListQueries(plan: JourneyPlan, k: number, mode: 'reached' | 'dropped', limit: number, source: ObjectSource): { list: string; count: string } {
    const from = source.from;
    let cond = `cs[${k + 1}] = 1`;
    if (mode === 'dropped') {
        const next = nextRequired(plan, k);
        cond = next < 0 ? '1 = 0' : `${cond} AND cs[${next + 1}] = 0`;
    }
    if (source.where) {
        cond = `${cond} AND ${source.where}`;
    }
    return {
        list: `SELECT obj FROM ${from} WHERE ${cond} ORDER BY obj LIMIT ${Math.max(0, Math.floor(limit))}`,
        count: `SELECT count(*) AS n FROM ${from} WHERE ${cond}`,
    };
}

export function unsummarizedQuery(plan: JourneyPlan, source: ObjectSource): string {
    const cols = plan.stages.map((_, k) => `(CASE WHEN cs[${k + 1}] = 1 THEN ftts[${k + 1}] ELSE ${NONE} END) AS t${k}`);
    const where = source.where ? ` AND ${source.where}` : '';
    return `SELECT obj${cols.length ? ', ' + cols.join(', ') : ''} FROM ${source.from} WHERE cs[1] = 1${where} ORDER BY obj`;
}
