/**
 * Journey evaluation → the report of cli.md (`--format json`), static lists
 * and the unsummarized export, exactly as semantics.md defines each number.
 */
import type { RunOptions } from './engine.js';
import type { ColumnarEvents } from './matcher/columnar.js';
import { breakdownRows, breakdownValue } from './matcher/breakdown.js';
import { evaluateJourney, type JourneyEvaluation } from './matcher/evaluate-journey.js';
import type { EventLookups } from './matcher/lookups.js';
import { medianInPlace } from './matcher/median.js';
import { pathfinder } from './matcher/pathfinder.js';
import { previousRequired } from './matcher/stage-layout.js';
import type { JourneyPlan } from './plan.js';
import {
    journeyReport, stageCounts, STATIC_LIST_LIMIT, type JourneyReport, type StageReport, type StaticList, type UnsummarizedRow,
} from './report.js';

export async function buildReport(
    plan: JourneyPlan, data: ColumnarEvents, lookups: EventLookups, options: RunOptions = {},
): Promise<JourneyReport> {
    const started = performance.now();
    // One breakdown per stage (validation): the first item that asks for one.
    const breakdownItems: [number, number][] = [];
    plan.stages.forEach((stage, k) => {
        const i = stage.items.findIndex(item => item.breakdown);
        if (i >= 0) breakdownItems.push([k, i]);
    });
    const evaluation = await evaluateJourney(plan, data, lookups, options, breakdownItems);
    const { pass } = evaluation;
    const n = plan.stages.length;
    const objects = data.objectIds.length;
    const counts = plan.stages.map((_, k) => countAt(evaluation, k));
    const optional = plan.stages.map(s => s.optional);
    const stages: StageReport[] = [];
    for (let k = 0; k < n; k++) {
        const stagePlan = plan.stages[k];
        const p = previousRequired(optional, k);
        const stage: StageReport = {
            ...stageCounts(stagePlan, k, p, counts),
            events: evaluation.itemNames[k].map((event, i) => ({ event, count: pass.itemCounts[k][i] })),
            medianSecondsFromPrevious: k === 0 ? null : medianSeconds(evaluation, k, p),
        };
        const b = breakdownItems.findIndex(([stageIndex]) => stageIndex === k);
        if (b >= 0) {
            const item = stagePlan.items[breakdownItems[b][1]];
            const firstTouch = pass.itemFirstTouch[b];
            const counted: number[] = [];
            for (let o = 0; o < objects; o++) if (firstTouch[o] >= 0) counted.push(o);
            const ranks = counted.map(o => data.rank[firstTouch[o]]);
            const valueOf = await lookups.eventProperty(item.event, item.breakdown!.property, ranks);
            const continued = k + 1 < n ? counted.map(o => pass.firstTouch[o * n + k + 1] >= 0) : undefined;
            stage.breakdown = breakdownRows(item.event, item.breakdown!, ranks.map(r => breakdownValue(valueOf(r))), continued);
        }
        const top = evaluation.topEvents[k];
        if (top) stage.topEvents = top;
        if (stagePlan.paths) stage.paths = pathfinder(data, pass, evaluation.input.range, k, stagePlan.paths);
        stages.push(stage);
    }
    return journeyReport(plan, stages, Math.round(performance.now() - started));
}

export async function buildStaticList(
    plan: JourneyPlan, data: ColumnarEvents, lookups: EventLookups, stageIndex: number,
    mode: 'reached' | 'dropped', limit = STATIC_LIST_LIMIT, options: RunOptions = {},
): Promise<StaticList> {
    checkStage(plan, stageIndex);
    const evaluation = await evaluateJourney(plan, data, lookups, options);
    const n = plan.stages.length;
    // "Dropped": counted here but not at the next required stage; after the last one nobody drops.
    let next = -1;
    for (let j = stageIndex + 1; j < n; j++) if (!plan.stages[j].optional) { next = j; break; }
    const all: string[] = [];
    const firstTouch = evaluation.pass.firstTouch;
    for (let o = 0; o < data.objectIds.length; o++) {
        if (firstTouch[o * n + stageIndex] < 0) continue;
        if (mode === 'dropped' && (next < 0 || firstTouch[o * n + next] >= 0)) continue;
        all.push(data.objectIds[o]);
    }
    const objects = all.slice(0, Math.max(0, limit));
    return { stage: plan.stages[stageIndex].name, mode, objects, cut: all.length - objects.length };
}

export async function buildUnsummarized(
    plan: JourneyPlan, data: ColumnarEvents, lookups: EventLookups, options: RunOptions = {},
): Promise<UnsummarizedRow[]> {
    const evaluation = await evaluateJourney(plan, data, lookups, options);
    const n = plan.stages.length;
    const firstTouch = evaluation.pass.firstTouch;
    const rows: UnsummarizedRow[] = [];
    for (let o = 0; o < data.objectIds.length; o++) {
        if (n === 0 || firstTouch[o * n] < 0) continue;
        const times: (number | null)[] = [];
        for (let k = 0; k < n; k++) {
            const row = firstTouch[o * n + k];
            times.push(row >= 0 ? data.time[row] : null);
        }
        rows.push({ object: data.objectIds[o], firstTouch: times });
    }
    return rows;
}

function checkStage(plan: JourneyPlan, stageIndex: number): void {
    if (!Number.isInteger(stageIndex) || stageIndex < 0 || stageIndex >= plan.stages.length) {
        throw new RangeError(`journey "${plan.name}" has no stage number ${stageIndex + 1}`);
    }
}

function countAt(evaluation: JourneyEvaluation, k: number): number {
    const { firstTouch, stageCount } = evaluation.pass;
    let count = 0;
    for (let i = k; i < firstTouch.length; i += stageCount) if (firstTouch[i] >= 0) count++;
    return count;
}

function medianSeconds(evaluation: JourneyEvaluation, k: number, p: number): number | null {
    const { firstTouch, stageCount } = evaluation.pass;
    const time = evaluation.input.data.time;
    let size = 0;
    for (let base = k; base < firstTouch.length; base += stageCount) if (firstTouch[base] >= 0) size++;
    if (size === 0) return null;
    const all = new Float64Array(size);
    size = 0;
    for (let base = 0; base < firstTouch.length; base += stageCount) {
        const at = firstTouch[base + k];
        const from = firstTouch[base + p];
        if (at >= 0 && from >= 0) all[size++] = (time[at] - time[from]) / 1000;
    }
    return medianInPlace(all.subarray(0, size));
}
