/**
 * fast-check arbitraries of small random stores (all five tables, few event
 * names, equal times common, anonymous, identified and associated objects,
 * random JSON properties) and of random journeys (JourneyPlan) over them.
 * Names and ids include characters whose UTF-16 order differs from their
 * code-point order ('ｚ' U+FF5A vs '😀' U+1F600), so ordering bugs show.
 */
import fc from 'fast-check';
import type { ComparisonOp, ConditionPlan, EventItemPlan, JourneyPlan, Literal, Source, StagePlan } from '../../engine/plan.js';
import type { StoreData } from './store-data.js';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
/** 2025-03-01T00:00:00Z: every random event lies within a few hours of it. */
export const BASE_MS = Date.UTC(2025, 2, 1);

export const EVENT_NAMES = ['page_viewed', 'form_submitted', 'ｚ_custom', '😀_custom'] as const;
const CONTACTS = ['c1', 'ｃ2', '😀c3'];
const DEALS = ['d1', 'd2'];
const TICKETS = ['t1'];
const VISITORS = ['v1', 'v2', 'v3'];
/** 'x y' is no plain identifier: filters on it take the engine's JSON.parse path instead of SQLite's. */
const PROPERTY_NAMES = ['p', 'q', 'campaign', 'x y'];
const STRINGS = ['A', 'B', 'a', 'ｚ', '😀', 'Spring', ''];
const DATE_STRINGS = ['2025-03-01', '2025-03-01T05:30:00Z', '2025-02-28 23:00', '2025-03-01T01:00:00+02:00', '2025-02-30', 'not a date'];

const jsonValue: fc.Arbitrary<unknown> = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom('A', 'B', 'Spring') },
    { weight: 3, arbitrary: fc.constantFrom(1, 2) },
    { weight: 1, arbitrary: fc.constantFrom(...STRINGS) },
    { weight: 1, arbitrary: fc.constantFrom(0, 1.0, 0.5, -1) },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 2, arbitrary: fc.constantFrom(...DATE_STRINGS) },
    { weight: 1, arbitrary: fc.constantFrom(BASE_MS, BASE_MS - 1, BASE_MS + DAY_MS) },
);

const properties = (names: string[]) => fc.dictionary(fc.constantFrom(...names), jsonValue, { maxKeys: 3 }).map(p => JSON.stringify(p));

const objectRef = fc.oneof(
    { weight: 3, arbitrary: fc.record({ type: fc.constant('contact'), id: fc.constantFrom(CONTACTS[0], ...CONTACTS) }) },
    { weight: 2, arbitrary: fc.record({ type: fc.constant('deal'), id: fc.constantFrom(...DEALS) }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('ticket'), id: fc.constantFrom(...TICKETS) }) },
);

const owner = fc.oneof(
    { weight: 5, arbitrary: objectRef.map(o => ({ object_type: o.type as string | null, object_id: o.id as string | null, anonymous_id: null as string | null })) },
    { weight: 2, arbitrary: fc.constantFrom(...VISITORS).map(v => ({ object_type: null, object_id: null, anonymous_id: v })) },
    { weight: 1, arbitrary: fc.record({ c: fc.constantFrom(...CONTACTS), v: fc.constantFrom(...VISITORS) })
        .map(({ c, v }) => ({ object_type: 'contact', object_id: c, anonymous_id: v })) },
);

const eventIds = fc.uniqueArray(fc.array(fc.constantFrom('a', 'b', 'c', '0', '1', '😀', 'ｚ'), { minLength: 1, maxLength: 3 }).map(chars => chars.join('')), { minLength: 2, maxLength: 30, size: 'max' });

/** Mostly undefined: a random clause present about one time in `oneIn`. */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>, oneIn: number): fc.Arbitrary<T | undefined> =>
    fc.oneof({ weight: oneIn - 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary });

export const randomStore: fc.Arbitrary<StoreData> = fc.noBias(eventIds.chain(ids => fc.record({
    events: fc.tuple(...ids.map(id => fc.record({
        event_id: fc.constant(id),
        event_name: fc.constantFrom(EVENT_NAMES[0], EVENT_NAMES[1], ...EVENT_NAMES),
        // Few distinct times, so equal timestamps are common.
        occurred_at: fc.tuple(fc.constantFrom(-1, 0, 0, 0, 1), fc.integer({ min: 0, max: 3 }))
            .map(([d, h]) => BASE_MS + d * DAY_MS + h * HOUR_MS),
        owner,
        properties: properties(PROPERTY_NAMES),
    }).map(({ owner: o, ...rest }) => ({ ...rest, ...o })))),
    objects: fc.uniqueArray(fc.record({
        ref: objectRef,
        created_at: fc.option(fc.constantFrom(BASE_MS - DAY_MS, BASE_MS, BASE_MS + 3 * HOUR_MS), { nil: null }),
        properties: properties(['p', 'q', 'created_at']),
    }), { selector: o => `${o.ref.type}/${o.ref.id}`, maxLength: 8 })
        .map(rows => rows.map(({ ref, ...rest }) => ({ object_type: ref.type, object_id: ref.id, ...rest }))),
    identities: fc.uniqueArray(fc.record({ anonymous_id: fc.constantFrom(...VISITORS), contact_id: fc.constantFrom(...CONTACTS) }),
        { selector: r => r.anonymous_id, maxLength: 3 }),
    associations: fc.array(fc.tuple(objectRef, objectRef).map(([a, b]) => ({
        object_type: a.type, object_id: a.id, related_type: b.type, related_id: b.id,
    })), { maxLength: 6 }),
    event_types: fc.subarray([...EVENT_NAMES]).chain(names => fc.tuple(...names.map(name => fc.record({
        event_name: fc.constant(name),
        category: fc.constantFrom('web_pages', 'forms', 'custom'),
        object_type: fc.constant('contact'),
        supports_anonymous: fc.constantFrom(0, 1),
        description: fc.constant(null),
    })))),
}))) as fc.Arbitrary<StoreData>;

const literal: fc.Arbitrary<Literal> = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('A', 'B', 'Spring').map(value => ({ kind: 'string' as const, value })) },
    { weight: 2, arbitrary: fc.constantFrom(...STRINGS, '2025-03-01', 'S').map(value => ({ kind: 'string' as const, value })) },
    { weight: 3, arbitrary: fc.constantFrom(0, 1, 2, 0.5).map(value => ({ kind: 'number' as const, value })) },
    { weight: 1, arbitrary: fc.boolean().map(value => ({ kind: 'boolean' as const, value })) },
    { weight: 3, arbitrary: fc.constantFrom('2025-03-01', '2025-02-28', '2025-03-02').map(value => ({ kind: 'date' as const, value })) },
);

const BINARY_OPS: ComparisonOp[] = ['=', '!=', '>', '>=', '<', '<=', 'contains', 'starts with'];

const comparison = (names: string[]): fc.Arbitrary<ConditionPlan> => fc.oneof(
    fc.record({ property: fc.constantFrom(...names), op: fc.constantFrom(...BINARY_OPS), value: literal })
        .map(({ property, op, value }) => ({ kind: 'cmp' as const, property, op, values: [value] })),
    fc.record({ property: fc.constantFrom(...names), op: fc.constantFrom<ComparisonOp>('in', 'not in'), values: fc.array(literal, { minLength: 1, maxLength: 3 }) })
        .map(({ property, op, values }) => ({ kind: 'cmp' as const, property, op, values })),
    fc.record({ property: fc.constantFrom(...names), op: fc.constantFrom<ComparisonOp>('is known', 'is unknown') })
        .map(({ property, op }) => ({ kind: 'cmp' as const, property, op, values: [] })),
);

export const randomCondition = (names: string[]): fc.Arbitrary<ConditionPlan> => fc.oneof(
    { weight: 3, arbitrary: comparison(names) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom<'and' | 'or'>('and', 'or'), left: comparison(names), right: comparison(names) }) },
);

const eventItem: fc.Arbitrary<EventItemPlan> = fc.record({
    event: fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...EVENT_NAMES) }, { weight: 1, arbitrary: fc.constant('missing_event') }),
    where: sometimes(randomCondition(['p', 'q', 'x y']), 4),
    campaign: sometimes(fc.constantFrom('Spring', 'A'), 6),
    breakdown: sometimes(fc.record({ property: fc.constantFrom('p', 'q', 'campaign', 'x y'), top: fc.integer({ min: 1, max: 3 }) }), 3),
}).map(item => Object.fromEntries(Object.entries(item).filter(([, v]) => v !== undefined)) as unknown as EventItemPlan);

const amongNames = fc.option(fc.uniqueArray(fc.constantFrom(...EVENT_NAMES, 'missing_event'), { minLength: 1, maxLength: 3 }), { nil: undefined });

interface StageShape { kind: 'events' | 'top'; optional: boolean; items: EventItemPlan[]; top: number; among?: string[]; paths?: StagePlan['paths'] }

const stageShape: fc.Arbitrary<StageShape> = fc.record({
    kind: fc.constantFrom<'events' | 'top'>('events', 'events', 'events', 'top'),
    optional: fc.boolean(),
    items: fc.array(eventItem, { minLength: 1, maxLength: 2 }),
    top: fc.integer({ min: 1, max: 3 }),
    among: amongNames,
    paths: sometimes(fc.record({
        direction: fc.constantFrom<'before' | 'after'>('before', 'after'),
        depth: fc.integer({ min: 1, max: 3 }),
        top: fc.integer({ min: 1, max: 4 }),
        among: amongNames,
    }), 3),
});

/** A random journey that validation would accept (first/last stage required, `top events` placement, one breakdown per stage). */
export const randomJourney: fc.Arbitrary<JourneyPlan> = fc.noBias(fc.record({
    source: fc.constantFrom<Source>('contacts', 'contacts', 'deals', 'tickets'),
    includeAnonymous: fc.boolean(),
    windowHours: sometimes(fc.constantFrom(0, 1, 2, 24, 48), 3),
    range: sometimes(fc.tuple(fc.integer({ min: -1, max: 1 }), fc.integer({ min: -1, max: 1 })).map(([a, b]) => [Math.min(a, b), Math.max(a, b)]), 3),
    objectFilter: sometimes(randomCondition(['p', 'q', 'created_at']), 4),
    stages: fc.array(stageShape, { minLength: 1, maxLength: 5 }),
}).map(({ source, includeAnonymous, windowHours, range, objectFilter, stages }) => {
    const plan: JourneyPlan = {
        name: 'Random',
        source,
        includeAnonymous: source === 'contacts' && includeAnonymous,
        stages: stages.map((shape, k) => {
            const last = k === stages.length - 1;
            const topAllowed = k > 0 && stages[k - 1].kind !== 'top';
            const stage: StagePlan = { name: `S${k + 1}`, optional: k > 0 && !last && shape.optional, items: [] };
            if (shape.kind === 'top' && topAllowed) {
                stage.topEvents = { count: shape.top, ...(shape.among ? { among: shape.among } : {}) };
            } else {
                shape.kind = 'events';
                let breakdownSeen = false;
                stage.items = shape.items.map(item => {
                    if (!item.breakdown) return item;
                    if (breakdownSeen) { const { breakdown: _, ...rest } = item; return rest; }
                    breakdownSeen = true;
                    return item;
                });
            }
            if (shape.paths && source === 'contacts') {
                const { among, ...paths } = shape.paths;
                stage.paths = among ? { ...paths, among } : paths;
            }
            return stage;
        }),
    };
    if (windowHours !== undefined) plan.windowMs = windowHours * HOUR_MS;
    if (range) {
        // Whole days around BASE_MS, so ranges cut through the data.
        const startMs = BASE_MS + range[0] * DAY_MS;
        const endMs = BASE_MS + (range[1] + 1) * DAY_MS;
        plan.dateRange = { from: new Date(startMs).toISOString().slice(0, 10), to: new Date(endMs - DAY_MS).toISOString().slice(0, 10), startMs, endMs };
    }
    if (objectFilter) plan.objectFilter = objectFilter;
    return plan;
}));
