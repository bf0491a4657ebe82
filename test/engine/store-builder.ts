/** Terse builders for hand-computed engine tests. */
import type { EventItemPlan, JourneyPlan, StagePlan } from '../../engine/plan.js';
import { createSqlJsEngine } from '../../engine/stores/sqljs/sqljs-engine.js';
import type { JourneyReport } from '../../engine/report.js';
import { emptyStore, sqlJsStoreOf, type EventRow, type StoreData } from '../reference/store-data.js';

export const T0 = Date.UTC(2025, 0, 1);
export const MIN = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** An event; `owner` is `contact:c1`, `deal:d1`, `ticket:t1` or `anon:v1`. */
export function ev(id: string, name: string, at: number, owner: string, properties: object = {}): EventRow {
    const [type, ownerId] = owner.split(':');
    const anonymous = type === 'anon';
    return {
        event_id: id, event_name: name, occurred_at: at,
        object_type: anonymous ? null : type, object_id: anonymous ? null : ownerId,
        anonymous_id: anonymous ? ownerId : null, properties: JSON.stringify(properties),
    };
}

export function store(partial: Partial<StoreData>): StoreData {
    return { ...emptyStore(), ...partial };
}

export function stage(name: string, items: (string | EventItemPlan)[], extra: Partial<StagePlan> = {}): StagePlan {
    return { name, optional: false, items: items.map(i => (typeof i === 'string' ? { event: i } : i)), ...extra };
}

export function journey(stages: StagePlan[], settings: Partial<JourneyPlan> = {}): JourneyPlan {
    return { name: 'J', source: 'contacts', includeAnonymous: false, stages, ...settings };
}

export async function runOn(data: StoreData, plan: JourneyPlan): Promise<JourneyReport> {
    const db = await sqlJsStoreOf(data);
    try {
        return await createSqlJsEngine(db).run(plan);
    } finally {
        db.close();
    }
}

export const counts = (report: JourneyReport) => report.stages.map(s => s.count);
