/**
 * An Engine (engine/engine.ts) over any SQL executor that speaks the shared
 * array dialect: DuckDB and ClickHouse. Resolves `top events` stages left to
 * right (one probe query each), then runs one facts query and assembles the
 * report of cli.md from aggregated rows.
 */
import { compareCodePoint } from '../../../code-point.js';
import type { Engine, EngineName, RunOptions } from '../../../engine.js';
import { previousRequired } from '../../../matcher/stage-layout.js';
import type { JourneyPlan, StagePlan } from '../../../plan.js';
import {
    journeyReport, stageCounts, STATIC_LIST_LIMIT, type BreakdownReport, type JourneyReport, type StageReport, type StaticList, type UnsummarizedRow,
} from '../../../report.js';
import {
    renderFactsQuery, reportObjectQuery, stagesObjectQuery, staticListQueries, topEventsObjectQuery, unsummarizedQuery,
    type RenderTarget,
} from './query-render.js';

export type Row = Record<string, unknown>;

export interface SqlExecutor {
    /** Runs a SELECT and returns its rows with numbers as JS numbers and lists as arrays. */
    query(sql: string, options?: RunOptions): Promise<Row[]>;
    /**
     * What a FROM clause names to read the per-object query's rows; by default
     * the query as a subquery. A cluster makes it a view on every shard behind
     * a Distributed table, so per-object work runs where the events are.
     */
    objectSource?(objectQuery: string, options?: RunOptions): Promise<ObjectSource>;
    close(): Promise<void>;
}

/** Where the per-object rows are read from: `from` (a table or subquery), `where` (extra filter), `release` when done. */
export interface ObjectSource {
    from: string;
    where?: string;
    release(): Promise<void>;
}

export interface FactRow { tag: string; key: string; seq: string[]; cnt: number; sv: number; m1: number | null; m2: number | null }

function toFactRow(row: Row): FactRow {
    const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
    return {
        tag: String(row.tag), key: String(row.key ?? ''), seq: (row.seq as string[] | null) ?? [],
        cnt: Number(row.cnt), sv: Number(row.sv ?? 0), m1: num(row.m1), m2: num(row.m2),
    };
}

function throwIfAborted(signal: AbortSignal | undefined): void {
    if (signal?.aborted) throw new DOMException('the journey run was cancelled', 'AbortError');
}

export class ArraySqlEngine implements Engine {
    constructor(readonly name: EngineName, private readonly executor: SqlExecutor, private readonly target: RenderTarget) {}

    /** Runs `use` on the rows of a per-object query, then releases them. */
    private async withSource<T>(objectQuery: string, options: RunOptions, use: (source: ObjectSource) => Promise<T>): Promise<T> {
        const source = this.executor.objectSource
            ? await this.executor.objectSource(objectQuery, options)
            : { from: `(${objectQuery}) AS per_object`, release: async () => undefined };
        try {
            return await use(source);
        } finally {
            await source.release();
        }
    }

    private async facts(sql: string, options: RunOptions): Promise<FactRow[]> {
        throwIfAborted(options.signal);
        const rows = await this.executor.query(sql, options);
        throwIfAborted(options.signal);
        return rows.map(toFactRow);
    }

    /** The plan with every `top events` stage turned into its winning items, and the winners with their numbers. */
    async resolveTopEvents(plan: JourneyPlan, options: RunOptions = {}): Promise<{ plan: JourneyPlan; top: ({ event: string; count: number }[] | undefined)[] }> {
        const stages: StagePlan[] = plan.stages.map(s => ({ ...s, items: [...s.items] }));
        const top: ({ event: string; count: number }[] | undefined)[] = plan.stages.map(() => undefined);
        const optional = plan.stages.map(s => s.optional);
        const total = plan.stages.filter(s => s.topEvents).length + 1;
        let done = 0;
        for (let k = 1; k < stages.length; k++) {
            const wanted = stages[k].topEvents;
            if (!wanted) continue;
            options.onProgress?.(done++ / total, 'Finding top events');
            const probe: JourneyPlan = { ...plan, stages: stages.map((s, j) => (j === k ? { ...s, optional: true, items: [] } : s)) };
            const p = previousRequired(optional, k);
            const among = wanted.among ? [...new Set(wanted.among)] : undefined;
            const rows = await this.withSource(topEventsObjectQuery(probe, k, p, among, this.target), options,
                source => this.facts(renderFactsQuery(source, this.target, 1_000_000), options));
            const ranked = rows
                .filter(r => r.tag === 'te' && r.cnt >= 1)
                .map(r => ({ event: r.key, count: r.cnt }))
                .sort((a, b) => (b.count - a.count) || compareCodePoint(a.event, b.event))
                .slice(0, wanted.count);
            top[k] = ranked;
            stages[k] = { ...stages[k], items: ranked.map(r => ({ event: r.event })) };
        }
        return { plan: { ...plan, stages }, top };
    }

    async run(input: JourneyPlan, options: RunOptions = {}): Promise<JourneyReport> {
        const started = performance.now();
        const { plan, top } = await this.resolveTopEvents(input, options);
        const rowsPerTag = Math.max(1, ...plan.stages.flatMap(s => [s.paths?.top ?? 0, ...s.items.map(i => i.breakdown?.top ?? 0)]));
        options.onProgress?.(0.5, 'Matching journeys');
        const rows = await this.withSource(reportObjectQuery(plan, this.target), options,
            source => this.facts(renderFactsQuery(source, this.target, rowsPerTag), options));
        options.onProgress?.(1, 'Matching journeys');
        const report = assembleReport(plan, rows, top);
        report.elapsedMs = Math.round(performance.now() - started);
        return report;
    }

    async staticList(input: JourneyPlan, stageIndex: number, mode: 'reached' | 'dropped', limit = STATIC_LIST_LIMIT, options: RunOptions = {}): Promise<StaticList> {
        if (!Number.isInteger(stageIndex) || stageIndex < 0 || stageIndex >= input.stages.length) {
            throw new RangeError(`journey "${input.name}" has no stage number ${stageIndex + 1}`);
        }
        const { plan } = await this.resolveTopEvents(input, options);
        const [list, count] = await this.withSource(stagesObjectQuery(plan, this.target), options, async source => {
            const queries = staticListQueries(plan, stageIndex, mode, limit, source);
            return [await this.executor.query(queries.list, options), await this.executor.query(queries.count, options)];
        });
        const objects = list.map(r => String(r.obj));
        return { stage: plan.stages[stageIndex].name, mode, objects, cut: Number(count[0]?.n ?? 0) - objects.length };
    }

    async unsummarized(input: JourneyPlan, options: RunOptions = {}): Promise<UnsummarizedRow[]> {
        const { plan } = await this.resolveTopEvents(input, options);
        if (plan.stages.length === 0) return [];
        const rows = await this.withSource(stagesObjectQuery(plan, this.target), options,
            source => this.executor.query(unsummarizedQuery(plan, source), options));
        return rows.map(r => ({
            object: String(r.obj),
            firstTouch: plan.stages.map((_, k) => {
                const v = Number(r[`t${k}`]);
                return v < -1e18 ? null : v;
            }),
        }));
    }

    close(): Promise<void> {
        return this.executor.close();
    }
}

/** The report from aggregated fact rows (tags from query-render.ts). */
export function assembleReport(plan: JourneyPlan, rows: FactRow[], top: ({ event: string; count: number }[] | undefined)[]): JourneyReport {
    const byTag = new Map<string, FactRow[]>();
    for (const row of rows) {
        if (!byTag.has(row.tag)) byTag.set(row.tag, []);
        byTag.get(row.tag)!.push(row);
    }
    const single = (tag: string) => byTag.get(tag)?.[0];
    const optional = plan.stages.map(s => s.optional);
    const counts = plan.stages.map((_, k) => single(`c:${k}`)?.cnt ?? 0);
    const stages: StageReport[] = plan.stages.map((stagePlan, k) => {
        const p = previousRequired(optional, k);
        const med = single(`m:${k}`);
        let median: number | null = null;
        if (k > 0 && med && med.m1 !== null && med.m2 !== null) {
            median = med.cnt % 2 === 1 ? med.m1 / 1000 : (med.m1 / 1000 + med.m2 / 1000) / 2;
        }
        const stage: StageReport = {
            ...stageCounts(stagePlan, k, p, counts),
            events: stagePlan.items.map((item, j) => ({ event: item.event, count: single(`i:${k}:${j}`)?.cnt ?? 0 })),
            medianSecondsFromPrevious: median,
        };
        const b = stagePlan.items.findIndex(item => item.breakdown);
        if (b >= 0) stage.breakdown = breakdownOf(plan, k, b, byTag.get(`bd:${k}`) ?? [], single(`bt:${k}`)?.cnt ?? 0, stage.events[b].count);
        if (top[k]) stage.topEvents = top[k];
        if (stagePlan.paths) {
            const pathRows = (byTag.get(`pa:${k}`) ?? []).map(r => ({ events: r.seq, count: r.cnt }))
                .sort((a, b2) => (b2.count - a.count) || compareCodePoint(a.events.join(','), b2.events.join(',')))
                .slice(0, stagePlan.paths.top);
            stage.paths = { direction: stagePlan.paths.direction, depth: stagePlan.paths.depth, rows: pathRows };
        }
        return stage;
    });
    return journeyReport(plan, stages, 0);
}

function breakdownOf(plan: JourneyPlan, k: number, b: number, rows: FactRow[], continuedTotal: number, itemCount: number): BreakdownReport {
    const item = plan.stages[k].items[b];
    const last = k + 1 >= plan.stages.length;
    const sorted = [...rows].sort((x, y) => (y.cnt - x.cnt) || compareCodePoint(x.key, y.key)).slice(0, item.breakdown!.top);
    const out = sorted.map(r => (last
        ? { value: JSON.parse(r.key) as string | number | boolean, count: r.cnt }
        : { value: JSON.parse(r.key) as string | number | boolean, count: r.cnt, continued: r.sv }));
    const shownCount = out.reduce((s, r) => s + r.count, 0);
    const shownContinued = out.reduce((s, r) => s + (r.continued ?? 0), 0);
    const other = last ? { count: itemCount - shownCount } : { count: itemCount - shownCount, continued: continuedTotal - shownContinued };
    return { event: item.event, property: item.breakdown!.property, rows: out, other };
}
