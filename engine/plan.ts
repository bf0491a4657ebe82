/**
 * The plan: a journey as plain data, independent of the Langium AST, so that
 * every engine (sql.js columnar, DuckDB, ClickHouse), the semantic diff and the
 * tests share one input. Built from the AST by `buildPlan` (plan-builder.ts).
 */

export type Source = 'contacts' | 'deals' | 'tickets';

/** The object type an event row carries for each source (store.md). */
export const OBJECT_TYPE_OF_SOURCE: Record<Source, string> = {
    contacts: 'contact',
    deals: 'deal',
    tickets: 'ticket',
};

export type Literal =
    | { kind: 'string'; value: string }
    | { kind: 'number'; value: number }
    | { kind: 'boolean'; value: boolean }
    /** A UTC day, `YYYY-MM-DD`. */
    | { kind: 'date'; value: string };

export type ComparisonOp =
    | '=' | '!=' | '>' | '>=' | '<' | '<='
    | 'contains' | 'starts with' | 'in' | 'not in' | 'is known' | 'is unknown';

export type ConditionPlan =
    | { kind: 'and'; left: ConditionPlan; right: ConditionPlan }
    | { kind: 'or'; left: ConditionPlan; right: ConditionPlan }
    /** `values` has one literal for binary ops, one or more for `in`/`not in`, none for `is ...`. */
    | { kind: 'cmp'; property: string; op: ComparisonOp; values: Literal[] };

export interface BreakdownPlan {
    property: string;
    /** Rows kept before the rest go to `other`; defaults to 10. */
    top: number;
}

export interface EventItemPlan {
    event: string;
    /** All of an item's `where` clauses, joined with `and`. */
    where?: ConditionPlan;
    campaign?: string;
    breakdown?: BreakdownPlan;
}

export interface TopEventsPlan {
    count: number;
    /** Candidate names; undefined means every distinct event name in the store. */
    among?: string[];
}

export interface PathsPlan {
    direction: 'before' | 'after';
    depth: number;
    top: number;
    among?: string[];
}

export interface StagePlan {
    name: string;
    optional: boolean;
    /** The stage's event items in written order (empty for a `top events` stage until resolved). */
    items: EventItemPlan[];
    topEvents?: TopEventsPlan;
    paths?: PathsPlan;
}

export interface DateRangePlan {
    /** First and last UTC day, both included, `YYYY-MM-DD`. */
    from: string;
    to: string;
    /** Events with startMs <= occurred_at < endMs are in range. */
    startMs: number;
    endMs: number;
}

export interface JourneyPlan {
    name: string;
    source: Source;
    dateRange?: DateRangePlan;
    includeAnonymous: boolean;
    /** Conversion window in milliseconds. */
    windowMs?: number;
    /** All journey-level `where` settings joined with `and`; tested on the object's row. */
    objectFilter?: ConditionPlan;
    stages: StagePlan[];
}

/** Every distinct event name a plan mentions, in first-mention order. */
export function eventNamesOf(plan: JourneyPlan): string[] {
    const names = new Set<string>();
    for (const stage of plan.stages) {
        for (const item of stage.items) names.add(item.event);
        for (const name of stage.topEvents?.among ?? []) names.add(name);
        for (const name of stage.paths?.among ?? []) names.add(name);
    }
    return [...names];
}
