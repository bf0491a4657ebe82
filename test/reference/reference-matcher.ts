/**
 * The reference: obviously correct rather than fast. Attributes events with
 * store.md's rules written out plainly, enumerates EVERY path of every object
 * straight from semantics.md's definition, and derives each number of the
 * report from those paths. Exponential; only for small random stores.
 */
import { satisfies, type JsonProperties } from '../../engine/conditions.js';
import type { ConditionPlan, EventItemPlan, JourneyPlan } from '../../engine/plan.js';
import type {
    BreakdownReport, BreakdownValue, JourneyReport, PathsReport, StageReport, StaticList, UnsummarizedRow,
} from '../../engine/report.js';
import type { EventRow, StoreData } from './store-data.js';

/** Code-point order, written independently of engine/code-point.ts. */
export function byCodePoint(a: string, b: string): number {
    const x = Array.from(a, ch => ch.codePointAt(0)!);
    const y = Array.from(b, ch => ch.codePointAt(0)!);
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
    return x.length - y.length;
}

const props = (text: string): JsonProperties => JSON.parse(text) as JsonProperties;
const TYPE: Record<string, string> = { contacts: 'contact', deals: 'deal', tickets: 'ticket' };

/** Object id → its events (attributed, in range, object filter passed), in (time, event_id) order. */
export function objectEvents(store: StoreData, plan: JourneyPlan): Map<string, EventRow[]> {
    const type = TYPE[plan.source];
    const relatedTo = (otherType: string, otherId: string): string[] => {
        const out = new Set<string>();
        for (const a of store.associations) {
            if (a.object_type === otherType && a.object_id === otherId && a.related_type === type) out.add(a.related_id);
            if (a.related_type === otherType && a.related_id === otherId && a.object_type === type) out.add(a.object_id);
        }
        return [...out];
    };
    const owners = (e: EventRow): string[] => {
        if (e.object_type === type) return e.object_id === null ? [] : [e.object_id];
        if (e.object_type !== null) return e.object_id === null ? [] : relatedTo(e.object_type, e.object_id);
        if (e.anonymous_id === null) return [];
        const identity = store.identities.find(i => i.anonymous_id === e.anonymous_id);
        if (identity) return type === 'contact' ? [identity.contact_id] : relatedTo('contact', identity.contact_id);
        const supported = store.event_types.some(t => t.event_name === e.event_name && t.supports_anonymous === 1);
        return plan.source === 'contacts' && plan.includeAnonymous && supported ? [`anonymous:${e.anonymous_id}`] : [];
    };
    const passesObjectFilter = (id: string): boolean => {
        if (!plan.objectFilter) return true;
        const row = store.objects.find(o => o.object_type === type && o.object_id === id);
        if (!row) return false;
        const p = props(row.properties);
        delete p.created_at;
        if (row.created_at !== null) p.created_at = row.created_at;
        return satisfies(plan.objectFilter, p);
    };
    const result = new Map<string, EventRow[]>();
    for (const e of store.events) {
        if (plan.dateRange && !(e.occurred_at >= plan.dateRange.startMs && e.occurred_at < plan.dateRange.endMs)) continue;
        for (const id of new Set(owners(e))) {
            if (!passesObjectFilter(id)) continue;
            if (!result.has(id)) result.set(id, []);
            result.get(id)!.push(e);
        }
    }
    for (const list of result.values()) list.sort(eventOrder);
    return result;
}

const eventOrder = (a: EventRow, b: EventRow) => (a.occurred_at - b.occurred_at) || byCodePoint(a.event_id, b.event_id);

function fillsItem(e: EventRow, item: EventItemPlan): boolean {
    if (e.event_name !== item.event) return false;
    const p = props(e.properties);
    if (item.where && !satisfies(item.where as ConditionPlan, p)) return false;
    return item.campaign === undefined || (typeof p.campaign === 'string' && p.campaign === item.campaign);
}

interface Step { event: EventRow; stage: number }

/** Every path of one object's events (semantics.md "Paths"), by brute force. */
export function allPaths(events: EventRow[], stages: { optional: boolean; items: EventItemPlan[] }[], windowMs?: number): Step[][] {
    const fills = (e: EventRow, s: number) => stages[s].items.some(item => fillsItem(e, item));
    const paths: Step[][] = [];
    const extend = (path: Step[]) => {
        paths.push(path);
        const last = path[path.length - 1];
        for (const e of events) {
            if (path.some(step => step.event === e)) continue;
            if (e.occurred_at < last.event.occurred_at) continue;
            if (windowMs !== undefined && e.occurred_at - path[0].event.occurred_at > windowMs) continue;
            for (let s = last.stage + 1; s < stages.length; s++) {
                if (fills(e, s)) extend([...path, { event: e, stage: s }]);
                if (!stages[s].optional) break; // a required stage cannot be skipped
            }
        }
    };
    if (stages.length > 0) for (const e of events) if (fills(e, 0)) extend([{ event: e, stage: 0 }]);
    return paths;
}

interface ObjectFacts {
    id: string;
    events: EventRow[];
    paths: Step[][];
}

const earliest = (list: EventRow[]): EventRow | undefined => [...list].sort(eventOrder)[0];

/** Counted at stage k: required, a path reaches k; optional, a path passes k. */
function counted(o: ObjectFacts, k: number, optional: boolean): boolean {
    return o.paths.some(path => (optional ? path.some(s => s.stage === k) : path[path.length - 1].stage === k));
}
function firstTouch(o: ObjectFacts, k: number): EventRow | undefined {
    return earliest(o.paths.flatMap(path => path.filter(s => s.stage === k).map(s => s.event)));
}
function nearestRequiredBefore(plan: JourneyPlan, k: number): number {
    for (let p = k - 1; p >= 0; p--) if (!plan.stages[p].optional) return p;
    return 0;
}

function facts(byObject: Map<string, EventRow[]>, stages: { optional: boolean; items: EventItemPlan[] }[], windowMs?: number): ObjectFacts[] {
    return [...byObject.entries()].map(([id, events]) => ({ id, events, paths: allPaths(events, stages, windowMs) }))
        .sort((a, b) => byCodePoint(a.id, b.id));
}

/** The plan with every `top events` stage replaced by its winning items, and the winners. */
export function resolveTopEvents(store: StoreData, plan: JourneyPlan, byObject: Map<string, EventRow[]>) {
    const stages = plan.stages.map(s => ({ optional: s.optional, items: [...s.items] }));
    const winners: ({ event: string; count: number }[] | undefined)[] = plan.stages.map(() => undefined);
    plan.stages.forEach((stage, k) => {
        if (!stage.topEvents || k === 0) return;
        const probe = stages.map((s, j) => (j === k ? { optional: true, items: [] } : s));
        const objects = facts(byObject, probe, plan.windowMs);
        let p = k - 1;
        while (p > 0 && plan.stages[p].optional) p--;
        const names = stage.topEvents.among ?? [...new Set(store.events.map(e => e.event_name))];
        const numbers = [...new Set(names)].map(name => {
            let count = 0;
            for (const o of objects) {
                if (!counted(o, p, probe[p].optional)) continue;
                const ftp = firstTouch(o, p)!;
                const next = k + 1 < probe.length && counted(o, k + 1, probe[k + 1].optional) ? firstTouch(o, k + 1) : undefined;
                if (o.events.some(e => e.event_name === name && e !== ftp && ftp.occurred_at <= e.occurred_at
                    && (!next || e.occurred_at <= next.occurred_at))) count++;
            }
            return { event: name, count };
        });
        const top = numbers.filter(x => x.count >= 1)
            .sort((a, b) => (b.count - a.count) || byCodePoint(a.event, b.event)).slice(0, stage.topEvents.count);
        winners[k] = top;
        stages[k] = { optional: stage.optional, items: top.map(t => ({ event: t.event })) };
    });
    return { stages, winners };
}

export type ReferenceReport = Omit<JourneyReport, 'elapsedMs'>;

export function referenceReport(store: StoreData, plan: JourneyPlan): ReferenceReport {
    const byObject = objectEvents(store, plan);
    const { stages, winners } = resolveTopEvents(store, plan, byObject);
    const objects = facts(byObject, stages, plan.windowMs);
    const n = plan.stages.length;
    const count = (k: number) => objects.filter(o => counted(o, k, stages[k].optional)).length;
    const counts = plan.stages.map((_, k) => count(k));
    const ratio = (a: number, b: number) => (b === 0 ? null : a / b);
    const report: StageReport[] = plan.stages.map((stage, k) => {
        const p = nearestRequiredBefore(plan, k);
        const atK = objects.filter(o => counted(o, k, stages[k].optional));
        const events = stages[k].items.map(item => ({
            event: item.event,
            count: objects.filter(o => o.paths.some(path => path.some(s => s.stage === k && fillsItem(s.event, item)))).length,
        }));
        let median: number | null = null;
        if (k > 0 && atK.length > 0) {
            const values = atK.map(o => (firstTouch(o, k)!.occurred_at - firstTouch(o, p)!.occurred_at) / 1000).sort((a, b) => a - b);
            const mid = Math.floor(values.length / 2);
            median = values.length % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
        }
        const out: StageReport = {
            name: stage.name,
            optional: stage.optional,
            count: counts[k],
            conversionFromPrevious: k === 0 ? null : ratio(counts[k], counts[p]),
            conversionFromFirst: ratio(counts[k], counts[0]),
            events,
            medianSecondsFromPrevious: median,
        };
        const item = stages[k].items.find(i => i.breakdown);
        if (item) out.breakdown = referenceBreakdown(objects, stages, k, item);
        if (winners[k]) out.topEvents = winners[k];
        if (stage.paths) out.paths = referencePaths(objects, stages, k, stage.paths);
        return out;
    });
    return {
        journey: plan.name,
        source: plan.source,
        ...(plan.dateRange ? { dateRange: { from: plan.dateRange.from, to: plan.dateRange.to } } : {}),
        entered: counts[0] ?? 0,
        completed: counts[n - 1] ?? 0,
        conversionRate: ratio(counts[n - 1] ?? 0, counts[0] ?? 0),
        stages: report,
    };
}

function referenceBreakdown(objects: ObjectFacts[], stages: { optional: boolean; items: EventItemPlan[] }[], k: number, item: EventItemPlan): BreakdownReport {
    const rows = new Map<string, { value: BreakdownValue; count: number; continued: number }>();
    const last = k === stages.length - 1;
    for (const o of objects) {
        const touches = o.paths.flatMap(path => path.filter(s => s.stage === k && fillsItem(s.event, item)).map(s => s.event));
        const first = earliest(touches);
        if (!first) continue;
        const raw = props(first.properties)[item.breakdown!.property];
        const value: BreakdownValue = raw === undefined || raw === null ? '(unknown)' : raw as BreakdownValue;
        const key = JSON.stringify(value);
        const row = rows.get(key) ?? { value, count: 0, continued: 0 };
        row.count++;
        if (!last && counted(o, k + 1, stages[k + 1].optional)) row.continued++;
        rows.set(key, row);
    }
    const sorted = [...rows.entries()].sort(([ka, a], [kb, b]) => (b.count - a.count) || byCodePoint(ka, kb)).map(([, r]) => r);
    const top = item.breakdown!.top;
    const shape = (r: { value?: BreakdownValue; count: number; continued: number }) => (last ? { count: r.count } : { count: r.count, continued: r.continued });
    const rest = sorted.slice(top).reduce((acc, r) => ({ count: acc.count + r.count, continued: acc.continued + r.continued }), { count: 0, continued: 0 });
    return {
        event: item.event,
        property: item.breakdown!.property,
        rows: sorted.slice(0, top).map(r => ({ value: r.value, ...shape(r) })),
        other: shape(rest),
    };
}

function referencePaths(objects: ObjectFacts[], stages: { optional: boolean; items: EventItemPlan[] }[], k: number,
    plan: NonNullable<JourneyPlan['stages'][number]['paths']>): PathsReport {
    const rows = new Map<string, { events: string[]; count: number }>();
    for (const o of objects) {
        if (!counted(o, k, stages[k].optional)) continue;
        const first = firstTouch(o, k)!;
        const at = o.events.indexOf(first);
        let names = (plan.direction === 'before' ? o.events.slice(0, at) : o.events.slice(at + 1)).map(e => e.event_name);
        if (plan.among) names = names.filter(name => plan.among!.includes(name));
        names = names.filter((name, i) => i === 0 || names[i - 1] !== name);
        names = plan.direction === 'before' ? names.slice(Math.max(0, names.length - plan.depth)) : names.slice(0, plan.depth);
        if (names.length === 0) continue;
        const key = JSON.stringify(names);
        const row = rows.get(key) ?? { events: names, count: 0 };
        row.count++;
        rows.set(key, row);
    }
    const sorted = [...rows.values()].sort((a, b) => (b.count - a.count) || byCodePoint(a.events.join(','), b.events.join(',')));
    return { direction: plan.direction, depth: plan.depth, rows: sorted.slice(0, plan.top) };
}

export function referenceStaticList(store: StoreData, plan: JourneyPlan, k: number, mode: 'reached' | 'dropped', limit: number): StaticList {
    const byObject = objectEvents(store, plan);
    const { stages } = resolveTopEvents(store, plan, byObject);
    const objects = facts(byObject, stages, plan.windowMs);
    let next = k + 1;
    while (next < stages.length && stages[next].optional) next++;
    const all = objects.filter(o => counted(o, k, stages[k].optional)
        && (mode === 'reached' || (next < stages.length && !counted(o, next, false)))).map(o => o.id);
    return { stage: plan.stages[k].name, mode, objects: all.slice(0, limit), cut: Math.max(0, all.length - limit) };
}

export function referenceUnsummarized(store: StoreData, plan: JourneyPlan): UnsummarizedRow[] {
    const byObject = objectEvents(store, plan);
    const { stages } = resolveTopEvents(store, plan, byObject);
    return facts(byObject, stages, plan.windowMs)
        .filter(o => counted(o, 0, stages[0].optional))
        .map(o => ({
            object: o.id,
            firstTouch: stages.map((s, k) => (counted(o, k, s.optional) ? firstTouch(o, k)!.occurred_at : null)),
        }));
}
