/**
 * Journey AST → plan. Assumes a journey without validation errors; values the
 * validator would reject fall back to their defaults rather than throwing.
 */
import type {
    Comparison, Condition, DatesSetting, EventItem, Journey, Stage, Value,
} from '../language-server/generated/ast.js';
import { isAndCondition, isComparison, isOrCondition } from '../language-server/generated/ast.js';
import { dayStartMs, isRealDay, relativeRangeStart, addDays, utcToday, WINDOW_UNIT_MS, type RelativeUnit } from './dates.js';
import type {
    ComparisonOp, ConditionPlan, DateRangePlan, EventItemPlan, JourneyPlan, Literal, Source, StagePlan,
} from './plan.js';

export interface PlanOptions {
    /** The run's date, `YYYY-MM-DD` (`--today`); defaults to the current UTC day. */
    today?: string;
}

export const DEFAULT_BREAKDOWN_TOP = 10;
export const DEFAULT_PATHS_DEPTH = 3;
export const DEFAULT_PATHS_TOP = 5;

export function buildPlan(journey: Journey, options: PlanOptions = {}): JourneyPlan {
    const plan: JourneyPlan = {
        name: journey.name,
        source: 'contacts',
        includeAnonymous: false,
        stages: journey.stages.map(buildStage),
    };
    const objectFilters: ConditionPlan[] = [];
    for (const setting of journey.settings) {
        switch (setting.$type) {
            case 'SourceSetting':
                plan.source = setting.source as Source;
                break;
            case 'DatesSetting': {
                const range = resolveDates(setting, options.today ?? utcToday());
                if (range) plan.dateRange = range; else delete plan.dateRange;
                break;
            }
            case 'AnonymousSetting':
                plan.includeAnonymous = true;
                break;
            case 'WithinSetting':
                plan.windowMs = setting.amount * WINDOW_UNIT_MS[setting.unit as keyof typeof WINDOW_UNIT_MS];
                break;
            case 'WhereSetting':
                objectFilters.push(buildCondition(setting.condition));
                break;
        }
    }
    const objectFilter = joinAnd(objectFilters);
    if (objectFilter) plan.objectFilter = objectFilter;
    return plan;
}

/** The resolved range of a `dates` line, or undefined for `dates all`. */
export function resolveDates(setting: DatesSetting, today: string): DateRangePlan | undefined {
    if (setting.all) return undefined;
    let from: string;
    let to: string;
    if (setting.from !== undefined && setting.to !== undefined) {
        from = setting.from;
        to = setting.to;
    } else {
        to = today;
        from = relativeStartOrEarliest(today, setting.amount ?? 1, setting.unit as RelativeUnit);
    }
    const startMs = dayStartMs(from);
    const toStart = dayStartMs(to);
    if (startMs === undefined || toStart === undefined) return undefined;
    return { from, to, startMs, endMs: dayStartMs(addDays(to, 1))! };
}

/**
 * `dates last N` reaching before year 1000, or past what a JavaScript Date
 * holds (`dates last 99999999999999999999 years` threw a RangeError in
 * validation and hover), starts on EARLIEST_DAY: no event is older, and the
 * validator's years limit then reports the range as too long.
 */
const EARLIEST_DAY = '1000-01-01';
function relativeStartOrEarliest(today: string, amount: number, unit: RelativeUnit): string {
    try {
        const day = relativeRangeStart(today, amount, unit);
        return isRealDay(day) && day >= EARLIEST_DAY ? day : EARLIEST_DAY;
    } catch {
        return EARLIEST_DAY;
    }
}

function buildStage(stage: Stage): StagePlan {
    const plan: StagePlan = { name: stage.name, optional: stage.optional, items: [] };
    for (const item of stage.items) {
        switch (item.$type) {
            case 'EventItem':
                plan.items.push(buildEventItem(item));
                break;
            case 'TopEventsItem':
                plan.topEvents = { count: item.count, ...(item.among.length ? { among: [...item.among] } : {}) };
                break;
            case 'PathsItem':
                plan.paths = {
                    direction: item.direction as 'before' | 'after',
                    depth: item.depth ?? DEFAULT_PATHS_DEPTH,
                    top: item.top ?? DEFAULT_PATHS_TOP,
                    ...(item.among.length ? { among: [...item.among] } : {}),
                };
                break;
        }
    }
    return plan;
}

function buildEventItem(item: EventItem): EventItemPlan {
    const plan: EventItemPlan = { event: item.event };
    const where = joinAnd(item.wheres.map(buildCondition));
    if (where) plan.where = where;
    if (item.campaigns.length) plan.campaign = item.campaigns[0];
    const breakdown = item.breakdowns[0];
    if (breakdown) plan.breakdown = { property: breakdown.property, top: breakdown.top ?? DEFAULT_BREAKDOWN_TOP };
    return plan;
}

export function buildCondition(condition: Condition): ConditionPlan {
    if (isOrCondition(condition)) {
        return { kind: 'or', left: buildCondition(condition.left), right: buildCondition(condition.right) };
    }
    if (isAndCondition(condition)) {
        return { kind: 'and', left: buildCondition(condition.left), right: buildCondition(condition.right) };
    }
    if (isComparison(condition)) return buildComparison(condition);
    throw new Error(`unexpected condition ${(condition as Condition).$type}`);
}

function buildComparison(cmp: Comparison): ConditionPlan {
    let op: ComparisonOp;
    switch (cmp.op) {
        case 'starts': op = 'starts with'; break;
        case 'not': op = 'not in'; break;
        case 'is': op = cmp.known ? 'is known' : 'is unknown'; break;
        default: op = cmp.op as ComparisonOp;
    }
    const values = cmp.value ? [buildLiteral(cmp.value)] : cmp.values.map(buildLiteral);
    return { kind: 'cmp', property: cmp.property, op, values };
}

function buildLiteral(value: Value): Literal {
    switch (value.$type) {
        case 'StringValue': return { kind: 'string', value: value.value };
        case 'NumberValue': return { kind: 'number', value: value.value };
        case 'BooleanValue': return { kind: 'boolean', value: value.value === 'true' };
        case 'DateValue': return { kind: 'date', value: value.value };
    }
}

function joinAnd(conditions: ConditionPlan[]): ConditionPlan | undefined {
    return conditions.reduce<ConditionPlan | undefined>(
        (acc, next) => (acc ? { kind: 'and', left: acc, right: next } : next), undefined);
}
