/**
 * The per-object matcher as SQL over arrays, for DuckDB and ClickHouse 18.16
 * alike: one SELECT ... GROUP BY obj over the attributed events, whose
 * columns are computed from each other (both engines let a SELECT use an
 * alias defined earlier in it), so on a sharded ClickHouse the whole
 * per-object computation runs on the shards.
 *
 * For each object the events are sorted by (time, event_id). For stage k,
 * S_k[i] is the latest start time of a path (semantics.md "Paths") whose last
 * event is event i at stage k, or NONE. A path ending at time t splits into a
 * part before t (ending at some stage r, best start PM_r) and a chain of
 * stages filled by distinct events at exactly t: from r (or from nothing,
 * starting at stage 1) to k it must fill every required stage in between, and
 * those stages (k's own event excluded) need distinct other events of that
 * timestamp (Hall's condition, stage-sets.ts). This is exact for ties,
 * optional stages, repeated event names and windows.
 */
import type { JourneyPlan } from '../../../plan.js';
import { campaignSql, conditionSql } from './condition-sql.js';
import type { Dialect } from './dialect.js';
import { hallTerms, MAX_HALL_TERMS, requiredBetween, stageClasses, type HallTerm } from './stage-sets.js';

/** "No path": below any time a store holds, and safe to subtract from one. */
export const NONE = '-9000000000000000000';

export interface Def { name: string; expr: string }

export interface ObjectQuerySpec {
    /** Filter on the attributed rows (source, dates, anonymous, object filter, events of interest). */
    where: string;
    /** Per-event values collected in (time, event_id) order: name → row expression. */
    collected: [string, string][];
    /** Further per-object columns, each may use the ones before it. */
    defs: Def[];
}

export interface MatchOptions {
    /** Keep every event of the object (pathfinder, top events), not only those filling a stage. */
    allEvents: boolean;
    /** `IN` or, on a cluster, `GLOBAL IN` (the objects table is distributed). */
    inKeyword: string;
    objectsTable: string;
}

/** Global item index per [stage][item]. */
export function itemIndexes(plan: JourneyPlan): number[][] {
    let g = 0;
    return plan.stages.map(stage => stage.items.map(() => g++));
}

function pow2(bit: number): string {
    return (1n << BigInt(bit)).toString();
}

export function buildObjectQuery(plan: JourneyPlan, d: Dialect, options: MatchOptions): ObjectQuerySpec {
    const stages = plan.stages;
    const n = stages.length;
    const items = itemIndexes(plan);
    const itemCount = items.flat().length;
    if (itemCount > 62) throw new Error(`journey "${plan.name}" has ${itemCount} event items; the SQL engines support at most 62`);
    if (n > 62) throw new Error(`journey "${plan.name}" has ${n} stages; the SQL engines support at most 62`);

    // Row level: which items each event fills, as one integer.
    const itemConds: string[] = [];
    stages.forEach((stage, k) => stage.items.forEach((item, j) => {
        const parts = [`name = ${d.str(item.event)}`];
        if (item.where) parts.push(conditionSql(item.where, d));
        if (item.campaign !== undefined) parts.push(campaignSql(item.campaign, d));
        itemConds[items[k][j]] = `(${parts.join(' AND ')})`;
    }));
    const imExpr = itemConds.length
        ? itemConds.map((c, g) => `(CASE WHEN ${c} THEN ${pow2(g)} ELSE 0 END)`).join(' + ')
        : '0';
    const where = [`src = ${d.str(plan.source)}`];
    if (plan.dateRange) where.push(`t >= ${d.num(plan.dateRange.startMs)}`, `t < ${d.num(plan.dateRange.endMs)}`);
    if (!(plan.source === 'contacts' && plan.includeAnonymous)) where.push('anon = 0');
    if (plan.objectFilter) {
        const type = { contacts: 'contact', deals: 'deal', tickets: 'ticket' }[plan.source];
        where.push(`obj ${options.inKeyword} (SELECT object_id FROM ${options.objectsTable} WHERE object_type = ${d.str(type)} AND ${conditionSql(plan.objectFilter, d)})`);
    }
    if (!options.allEvents) where.push(itemConds.length ? `(${itemConds.join(' OR ')})` : '1 = 0');

    const collected: [string, string][] = [['_t', 't'], ['_eid', 'eid'], ['_im', imExpr]];
    if (options.allEvents) collected.push(['_name', 'name']);
    stages.forEach((stage, k) => {
        const b = stage.items.findIndex(item => item.breakdown);
        if (b < 0) return;
        const property = stage.items[b].breakdown!.property;
        const idx = d.indexOf('pk', d.str(property));
        collected.push([`_bv${k}`, `(CASE WHEN ${d.at('pt', idx, '0')} = 0 THEN ${d.str(JSON.stringify('(unknown)'))} ELSE ${d.at('pj', idx, "''")} END)`]);
    });

    const defs: Def[] = [];
    const def = (name: string, expr: string) => defs.push({ name, expr });
    const stageMasks = items.map(list => list.reduce((m, g) => m | (1n << BigInt(g)), 0n));
    def('_sm', d.mapIdx('_i', '_t', stageMasks.map((m, k) => (m === 0n ? '0'
        : `${d.hasBit(`_im[_i]`, m.toString())} * ${pow2(k)}`)).join(' + ') || '0'));

    // Hall terms per (stage, origin class); group counts are shared by mask.
    const classes = stageClasses(stages);
    const countNames = new Map<string, string>();
    let termsUsed = 0;
    const hall = (needed: number[]): string => {
        const terms: HallTerm[] = hallTerms(needed, classes);
        termsUsed += terms.length;
        if (termsUsed > MAX_HALL_TERMS) throw new Error(`journey "${plan.name}" is too large for the SQL engines' exact matcher (too many stages share event names)`);
        if (!terms.length) return '1 = 1';
        return terms.map(term => {
            const key = term.mask.toString();
            if (!countNames.has(key)) countNames.set(key, `_hc${countNames.size}`);
            return `${countNames.get(key)}[_i] >= ${term.need}`;
        }).join(' AND ');
    };
    const stageDefs: Def[] = [];
    const sdef = (name: string, expr: string) => stageDefs.push({ name, expr });
    for (let k = 0; k < n; k++) {
        const candidates: string[] = [];
        if (k === 0) candidates.push('_t[_i]');
        else candidates.push(`(CASE WHEN ${hall([0, ...requiredBetween(stages, 0, k), k].filter(s => s !== k))} THEN _t[_i] ELSE ${NONE} END)`);
        const originsByNeed = new Map<string, number[]>();
        for (let r = 0; r < k; r++) {
            const key = requiredBetween(stages, r, k).join(',');
            if (!originsByNeed.has(key)) originsByNeed.set(key, []);
            originsByNeed.get(key)!.push(r);
        }
        for (const [key, origins] of originsByNeed) {
            const needed = key === '' ? [] : key.split(',').map(Number);
            const best = d.greatest(origins.map(r => `_pm${r}[_gs[_i] - 1]`));
            candidates.push(`(CASE WHEN _gs[_i] > 1 AND ${hall(needed)} THEN ${best} ELSE ${NONE} END)`);
        }
        const raw = d.mapIdx('_i', '_t', `(CASE WHEN ${d.hasBit('_sm[_i]', pow2(k))} = 0 THEN ${NONE} ELSE ${d.greatest(candidates)} END)`);
        const windowed = (v: string, t: string) => `(CASE WHEN ${v} = ${NONE} OR ${t} - ${v} > ${d.num(plan.windowMs!)} THEN ${NONE} ELSE ${v} END)`;
        if (plan.windowMs !== undefined && d.map2) {
            // The window in the same SELECT (one nested SELECT fewer per stage): a two-array lambda reads each start beside its time.
            sdef(`_s${k}`, d.map2('_v', '_w', raw, '_t', windowed('_v', '_w')));
        } else if (plan.windowMs !== undefined) {
            sdef(`_r${k}`, raw);
            sdef(`_s${k}`, d.mapIdx('_i', '_t', windowed(`_r${k}[_i]`, '_t[_i]')));
        } else {
            sdef(`_s${k}`, raw);
        }
        if (k < n - 1) sdef(`_pm${k}`, d.mapIdx('_i', '_t', d.maxOr(d.slice(`_s${k}`, '1', '_i'), NONE)));
    }
    // Timestamp groups: first and last index of each event's timestamp.
    def('_gs', d.mapIdx('_i', '_t', d.indexOf('_t', '_t[_i]')));
    def('_ge', d.mapIdx('_i', '_t', `_gs[_i] + ${d.count('_x', '_t', '_x = _t[_i]')} - 1`));
    for (const [mask, name] of countNames) {
        def(name, d.mapIdx('_i', '_t', `${d.count('_m', d.slice('_sm', '_gs[_i]', '_ge[_i] - _gs[_i] + 1'), d.hasBit('_m', mask))} - ${d.hasBit('_sm[_i]', mask)}`));
    }
    defs.push(...stageDefs);
    for (let k = 0; k < n; k++) {
        def(`ft${k}`, d.firstIndex('_x', `_s${k}`, `_x <> ${NONE}`));
        def(`c${k}`, d.flag(`ft${k} > 0`));
        def(`ftt${k}`, d.at('_t', `ft${k}`, NONE));
        stages[k].items.forEach((_, j) => {
            const g = items[k][j];
            def(`ift${k}_${j}`, d.firstIndex('_x', d.mapIdx('_i', '_t', d.flag(`_s${k}[_i] <> ${NONE} AND ${d.hasBit('_im[_i]', pow2(g))} = 1`)), '_x = 1'));
        });
    }
    // Per-stage results as two arrays, so every per-object query has the same shape.
    def('cs', n ? `[${stages.map((_, k) => `c${k}`).join(', ')}]` : '[]');
    def('ftts', n ? `[${stages.map((_, k) => `ftt${k}`).join(', ')}]` : '[]');
    return { where: where.join(' AND '), collected, defs };
}
