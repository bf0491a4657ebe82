/**
 * The per-object matcher as SQL over arrays, for DuckDB and ClickHouse (18.16
 * and current) alike: one SELECT ... GROUP BY obj over the attributed events,
 * then layers of columns computed from each other, so on a sharded ClickHouse
 * the whole per-object computation runs on the shards.
 *
 * Every step walks an object's arrays side by side (Dialect.zip, running sums
 * and maxima, occurrence counts): ClickHouse copies an array captured by a
 * lambda once per element, so indexing one array from a lambda over another
 * made the matcher quadratic in an object's events.
 *
 * Windowless journeys whose stages share no event name take a shortcut
 * (firstTouchDefs): one scan per stage from a threshold. Otherwise, with the
 * events sorted by (time, event_id), for stage k S_k[i] is the latest start
 * time of a path (semantics.md "Paths") whose last event is event i at stage
 * k, or NONE (without a window only existence matters, and S_k holds 1/0). A
 * path ending at time t splits into a part before t (ending at some stage r,
 * best start _lb{r}: over events of earlier timestamps) and a chain of stages
 * filled by distinct events at exactly t: from r (or from nothing, starting
 * at stage 1) to k it must fill every required stage in between, and those
 * stages (k's own event excluded) need distinct other events of that
 * timestamp (Hall's condition, stage-sets.ts). This is exact for ties,
 * optional stages, repeated event names and windows.
 */
import type { JourneyPlan } from '../../../plan.js';
import { campaignSql, conditionSql } from './condition-sql.js';
import type { Dialect } from './dialect.js';
import { hallTerms, MAX_HALL_TERMS, requiredBetween, stageClasses, type HallTerm } from './stage-sets.js';

/** "No path": below any time a store holds, and safe to subtract from one. */
export const NONE = '-9000000000000000000';
/** Above any time a store holds. */
const LATEST = `(-(${NONE}))`;

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

    if (plan.windowMs === undefined && !stagesShareEvents(stages)) {
        return { where: where.join(' AND '), collected, defs: [...firstTouchDefs(plan, d), ...resultDefs(n)] };
    }

    const defs: Def[] = [];
    const def = (name: string, expr: string) => defs.push({ name, expr });
    const stageMasks = items.map(list => list.reduce((m, g) => m | (1n << BigInt(g)), 0n));
    def('_sm', d.zip(['_a'], ['_im'], stageMasks.map((m, k) => (m === 0n ? '0'
        : `${d.hasBit('_a', m.toString())} * ${pow2(k)}`)).join(' + ') || '0'));
    // Timestamp groups (events of one time are adjacent): _ng marks a group's first event, _gid numbers
    // the groups, _gp is an event's place in its group (from 1) and _gq its place from the group's end.
    def('_ng', d.zip(['_a', '_b'], ['_t', d.shift('_t', NONE)], d.flag('_a <> _b')));
    def('_gid', d.cumSum('_ng'));
    def('_gp', d.occurrence(['_t']));
    def('_rt', d.reverse('_t'));
    def('_gq', d.reverse(d.occurrence(['_rt'])));
    /**
     * `${name}_eb`: how many events before each one in its own group have flag `${name}` (0/1) set,
     * from the flag's own occurrence count beside the group's: among the p - 1 events before it
     * in the group, e - 1 share its flag.
     */
    const earlierInGroup = (name: string) => {
        def(`${name}_o`, d.occurrence(['_t', name]));
        def(`${name}_eb`, d.zip(['_f', '_e', '_p'], [name, `${name}_o`, '_gp'], d.int('(CASE WHEN _f = 1 THEN _e - 1 ELSE _p - _e END)')));
    };

    // Hall terms per (stage, origin class); group counts are shared by mask.
    const classes = stageClasses(stages);
    const countNames = new Map<string, string>();
    let termsUsed = 0;
    /** The Hall conditions for `needed`, over the count columns named in `at` (a column → lambda parameter map). */
    const hall = (needed: number[], at: (column: string) => string): string => {
        const terms: HallTerm[] = hallTerms(needed, classes);
        termsUsed += terms.length;
        if (termsUsed > MAX_HALL_TERMS) throw new Error(`journey "${plan.name}" is too large for the SQL engines' exact matcher (too many stages share event names)`);
        if (!terms.length) return '1 = 1';
        return terms.map(term => {
            const key = term.mask.toString();
            if (!countNames.has(key)) countNames.set(key, `_hc${countNames.size}`);
            return `${at(countNames.get(key)!)} >= ${term.need}`;
        }).join(' AND ');
    };
    // Without a window only whether a path exists matters, so _s{k} holds 1/0 flags and "a path
    // before this group" is a running count; with one, _s{k} holds the latest start (or NONE).
    const windowed = plan.windowMs !== undefined;
    const none = windowed ? NONE : '0';
    const stageDefs: Def[] = [];
    const sdef = (name: string, expr: string) => stageDefs.push({ name, expr });
    for (let k = 0; k < n; k++) {
        // One lambda over the event's time, stage bits, group number, the Hall counts and the best
        // starts before its group (_lb{r}) that this stage's candidates read; `at` names each column's parameter.
        const used: string[] = [];
        const at = (column: string) => {
            if (!used.includes(column)) used.push(column);
            return `${column}_e`;
        };
        const start = windowed ? at('_t') : '1';
        const candidates: string[] = [];
        if (k === 0) candidates.push(start);
        else candidates.push(`(CASE WHEN ${hall([0, ...requiredBetween(stages, 0, k), k].filter(s => s !== k), at)} THEN ${start} ELSE ${none} END)`);
        const originsByNeed = new Map<string, number[]>();
        for (let r = 0; r < k; r++) {
            const key = requiredBetween(stages, r, k).join(',');
            if (!originsByNeed.has(key)) originsByNeed.set(key, []);
            originsByNeed.get(key)!.push(r);
        }
        for (const [key, origins] of originsByNeed) {
            const needed = key === '' ? [] : key.split(',').map(Number);
            const best = windowed
                ? d.greatest(origins.map(r => at(`_lb${r}`)))
                : `(CASE WHEN ${origins.map(r => `${at(`_lb${r}`)} > 0`).join(' OR ')} THEN 1 ELSE 0 END)`;
            candidates.push(`(CASE WHEN ${at('_gid')} > 1 AND ${hall(needed, at)} THEN ${best} ELSE ${none} END)`);
        }
        const body = `(CASE WHEN ${d.hasBit(at('_sm'), pow2(k))} = 0 THEN ${none} ELSE ${d.greatest(candidates)} END)`;
        if (windowed) {
            sdef(`_r${k}`, d.zip(used.map(c => `${c}_e`), used, body));
            sdef(`_s${k}`, d.zip(['_v', '_w'], [`_r${k}`, '_t'], `(CASE WHEN _v = ${NONE} OR _w - _v > ${d.num(plan.windowMs!)} THEN ${NONE} ELSE _v END)`));
        } else {
            sdef(`_s${k}`, d.zip(used.map(c => `${c}_e`), used, d.int(body)));
        }
        if (k === n - 1) continue;
        if (windowed) {
            // The latest start among events of earlier groups: the running maximum one place on,
            // carried from each group's first event (it does not decrease, so a running maximum carries it).
            sdef(`_pm${k}`, d.runningMax(`_s${k}`));
            sdef(`_lb${k}_g`, d.zip(['_g', '_v'], ['_ng', d.shift(`_pm${k}`, NONE)], `(CASE WHEN _g = 1 THEN _v ELSE ${NONE} END)`));
            sdef(`_lb${k}`, d.runningMax(`_lb${k}_g`));
        } else {
            // How many paths reach stage k at events of earlier groups: the running count less this group's so far.
            sdef(`_s${k}_c`, d.cumSum(`_s${k}`));
            sdef(`_s${k}_o`, d.occurrence(['_t', `_s${k}`]));
            sdef(`_lb${k}`, d.zip(['_f', '_c', '_e', '_p'], [`_s${k}`, `_s${k}_c`, `_s${k}_o`, '_gp'],
                d.int('_c - _f - (CASE WHEN _f = 1 THEN _e - 1 ELSE _p - _e END)')));
        }
    }
    // For each mask, how many other events of the event's own timestamp fill a stage in it: those
    // before it in the group (counted forwards) and those after it (counted over the reversed events).
    for (const [mask, name] of countNames) {
        def(`${name}_f`, d.zip(['_a'], ['_sm'], d.int(d.hasBit('_a', mask))));
        earlierInGroup(`${name}_f`);
        def(`${name}_rf`, d.reverse(`${name}_f`));
        def(`${name}_ro`, d.reverse(d.occurrence(['_rt', `${name}_rf`])));
        def(name, d.zip(['_f', '_b', '_e', '_q'], [`${name}_f`, `${name}_f_eb`, `${name}_ro`, '_gq'], d.int('_b + (CASE WHEN _f = 1 THEN _e - 1 ELSE _q - _e END)')));
    }
    defs.push(...stageDefs);
    const reached = (x: string) => (windowed ? `${x} <> ${NONE}` : `${x} = 1`);
    for (let k = 0; k < n; k++) {
        def(`ft${k}`, d.firstIndex('_x', `_s${k}`, reached('_x')));
        def(`c${k}`, d.flag(`ft${k} > 0`));
        def(`ftt${k}`, d.at('_t', `ft${k}`, NONE));
        stages[k].items.forEach((_, j) => {
            const g = items[k][j];
            def(`ift${k}_${j}`, d.zipFirstIndex(['_a', '_b'], [`_s${k}`, '_im'], `${reached('_a')} AND ${d.hasBit('_b', pow2(g))} = 1`));
        });
    }
    defs.push(...resultDefs(n));
    return { where: where.join(' AND '), collected, defs };
}

/** Per-stage results as two arrays, so every per-object query has the same shape. */
function resultDefs(n: number): Def[] {
    return [
        { name: 'cs', expr: n ? `[${Array.from({ length: n }, (_, k) => `c${k}`).join(', ')}]` : '[]' },
        { name: 'ftts', expr: n ? `[${Array.from({ length: n }, (_, k) => `ftt${k}`).join(', ')}]` : '[]' },
    ];
}

/** Does an event name fill items of two different stages (so that one event could be claimed twice)? */
export function stagesShareEvents(stages: JourneyPlan['stages']): boolean {
    const stageOf = new Map<string, number>();
    for (const [k, stage] of stages.entries()) {
        for (const item of stage.items) {
            const other = stageOf.get(item.event);
            if (other !== undefined && other !== k) return true;
            stageOf.set(item.event, k);
        }
    }
    return false;
}

/**
 * The matcher for a journey without a window whose stages share no event
 * name: no event can fill two stages, so ties need no Hall terms and only
 * whether a path exists matters. A path reaches stage k at the first event
 * of k no earlier than the first touch of some stage r it may come from (r
 * before k with only optional stages between; ties count as in order), so
 * each stage is one scan of the object's events from a threshold.
 */
function firstTouchDefs(plan: JourneyPlan, d: Dialect): Def[] {
    const stages = plan.stages;
    const items = itemIndexes(plan);
    const defs: Def[] = [];
    const def = (name: string, expr: string) => defs.push({ name, expr });
    for (let k = 0; k < stages.length; k++) {
        const origins = Array.from({ length: k }, (_, r) => r).filter(r => requiredBetween(stages, r, k).length === 0);
        const mask = items[k].reduce((m, g) => m | (1n << BigInt(g)), 0n);
        let from = '';
        if (k > 0) {
            // No origin reached: a threshold past every time, so nothing matches.
            def(`_th${k}`, origins.length
                ? d.least(origins.map(r => `(CASE WHEN c${r} = 1 THEN ftt${r} ELSE ${LATEST} END)`))
                : LATEST);
            from = ` AND _x >= _th${k}`;
        }
        if (mask === 0n) {
            // A stage without items (a `top events` probe) is never reached; a constant index 0 would be refused.
            def(`ft${k}`, '0');
            def(`c${k}`, '0');
            def(`ftt${k}`, NONE);
            continue;
        }
        def(`ft${k}`, d.zipFirstIndex(['_x', '_m'], ['_t', '_im'], `${d.hasBit('_m', mask.toString())} = 1${from}`));
        def(`c${k}`, d.flag(`ft${k} > 0`));
        def(`ftt${k}`, d.at('_t', `ft${k}`, NONE));
        stages[k].items.forEach((_, j) => {
            def(`ift${k}_${j}`, stages[k].items.length === 1
                ? `ft${k}`
                : d.zipFirstIndex(['_x', '_m'], ['_t', '_im'], `${d.hasBit('_m', pow2(items[k][j]))} = 1${from}`));
        });
    }
    return defs;
}
