/**
 * The report: exactly the `--format json` object of cli.md. Every engine
 * returns this shape; formats (table, csv, md, html, svg) and the webview
 * render it. Fields a journey does not ask for are absent.
 */

export type BreakdownValue = string | number | boolean;

export interface StageEventCount {
    event: string;
    count: number;
}

export interface BreakdownRow {
    value: BreakdownValue;
    count: number;
    /** Absent for the last stage. */
    continued?: number;
}

export interface BreakdownReport {
    event: string;
    property: string;
    rows: BreakdownRow[];
    other: { count: number; continued?: number };
}

export interface PathsRow {
    events: string[];
    count: number;
}

export interface PathsReport {
    direction: 'before' | 'after';
    depth: number;
    rows: PathsRow[];
}

export interface StageReport {
    name: string;
    optional: boolean;
    count: number;
    conversionFromPrevious: number | null;
    conversionFromFirst: number | null;
    events: StageEventCount[];
    medianSecondsFromPrevious: number | null;
    breakdown?: BreakdownReport;
    topEvents?: StageEventCount[];
    paths?: PathsReport;
}

export interface JourneyReport {
    journey: string;
    source: 'contacts' | 'deals' | 'tickets';
    dateRange?: { from: string; to: string };
    entered: number;
    completed: number;
    conversionRate: number | null;
    stages: StageReport[];
    elapsedMs: number;
}

/** A static list (semantics.md "Static lists"): ids ordered by code point, at most `limit`. */
export interface StaticList {
    stage: string;
    mode: 'reached' | 'dropped';
    objects: string[];
    /** How many objects were left out by the limit. */
    cut: number;
}

/** One row of the unsummarized export: first-touch epoch ms per stage, null where not counted. */
export interface UnsummarizedRow {
    object: string;
    firstTouch: (number | null)[];
}

export const STATIC_LIST_LIMIT = 100_000;

/** A conversion rate: a fraction in [0, 1], null where the denominator is 0 (cli.md). */
export function rate(count: number, of: number): number | null {
    return of === 0 ? null : count / of;
}

/** The part of a stage's report every engine derives the same way from the stage counts (p: the nearest earlier required stage). */
export function stageCounts(
    stage: { name: string; optional: boolean }, k: number, p: number, counts: readonly number[],
): Pick<StageReport, 'name' | 'optional' | 'count' | 'conversionFromPrevious' | 'conversionFromFirst'> {
    return {
        name: stage.name,
        optional: stage.optional,
        count: counts[k],
        conversionFromPrevious: k === 0 ? null : rate(counts[k], counts[p]),
        conversionFromFirst: rate(counts[k], counts[0]),
    };
}

/** The journey's report around its stages: entered, completed and the overall rate follow from the stage counts. */
export function journeyReport(
    plan: { name: string; source: JourneyReport['source']; dateRange?: { from: string; to: string } },
    stages: StageReport[],
    elapsedMs: number,
): JourneyReport {
    const entered = stages[0]?.count ?? 0;
    const completed = stages[stages.length - 1]?.count ?? 0;
    return {
        journey: plan.name,
        source: plan.source,
        ...(plan.dateRange ? { dateRange: { from: plan.dateRange.from, to: plan.dateRange.to } } : {}),
        entered,
        completed,
        conversionRate: rate(completed, entered),
        stages,
        elapsedMs,
    };
}
