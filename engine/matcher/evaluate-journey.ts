/**
 * A journey evaluated on a columnar cache: compiles the plan's items (event
 * codes, property filters), resolves `top events` stages left to right, and
 * runs the final pass. The report, static lists and the raw export all start
 * from this.
 */
import type { RunOptions } from '../engine.js';
import type { JourneyPlan } from '../plan.js';
import type { ColumnarEvents } from './columnar.js';
import {
    newPassResult, newPassState, runPass, type CompiledStage, type PassInput, type PassResult,
} from './funnel-pass.js';
import { throwIfAborted, yieldToEventLoop, type EventLookups } from './lookups.js';
import { previousRequired } from './stage-layout.js';
import { rankTopEvents, type TopEventCount } from './top-events.js';

export interface JourneyEvaluation {
    plan: JourneyPlan;
    input: PassInput;
    pass: PassResult;
    /** Per stage index, the resolved `top events` (absent for other stages). */
    topEvents: (TopEventCount[] | undefined)[];
    /** Item names per stage, after `top events` resolution. */
    itemNames: string[][];
}

/** Rows handled between progress reports and cancellation checks. */
const CHUNK_ROWS = 250_000;

export async function evaluateJourney(
    plan: JourneyPlan, data: ColumnarEvents, lookups: EventLookups, options: RunOptions = {},
    firstTouchItems: [number, number][] = [],
): Promise<JourneyEvaluation> {
    const codeOf = new Map(data.eventNames.map((name, c) => [name, c]));
    const stages: CompiledStage[] = [];
    const itemNames: string[][] = [];
    for (const stage of plan.stages) {
        const items = [];
        for (const item of stage.items) {
            throwIfAborted(options.signal);
            const code = codeOf.get(item.event) ?? -1;
            const filtered = item.where !== undefined || item.campaign !== undefined;
            const filter = filtered && code >= 0 ? await lookups.eventFilter(item.event, item.where, item.campaign, options) : undefined;
            items.push(filter ? { code, filter } : { code });
        }
        stages.push({ optional: stage.optional, items });
        itemNames.push(stage.items.map(item => item.event));
    }
    const objectPass = plan.objectFilter ? await lookups.objectFilter(data, plan.source, plan.objectFilter) : undefined;
    const base = {
        data,
        ...(plan.windowMs !== undefined ? { windowMs: plan.windowMs } : {}),
        ...(plan.dateRange ? { range: { startMs: plan.dateRange.startMs, endMs: plan.dateRange.endMs } } : {}),
        ...(objectPass ? { objectPass } : {}),
    };
    const topEvents: (TopEventCount[] | undefined)[] = plan.stages.map(() => undefined);
    const passes = 1 + plan.stages.filter(s => s.topEvents).length;
    let done = 0;
    for (let k = 0; k < plan.stages.length; k++) {
        const top = plan.stages[k].topEvents;
        if (!top || k === 0) continue;
        // Stage k+1's first touch is taken as if stage k were optional with no items.
        const probeStages = stages.map((s, j) => (j === k ? { optional: true, items: [] } : s));
        const probe = { ...base, stages: probeStages };
        const pass = await runChunked(probe, options, done++, passes);
        const ranked = rankTopEvents(data, pass, base.range, k, previousRequired(plan.stages.map(s => s.optional), k), top);
        topEvents[k] = ranked;
        stages[k] = { optional: stages[k].optional, items: ranked.map(e => ({ code: codeOf.get(e.event)! })) };
        itemNames[k] = ranked.map(e => e.event);
    }
    const input: PassInput = { ...base, stages, firstTouchItems };
    const pass = await runChunked(input, options, done, passes);
    return { plan, input, pass, topEvents, itemNames };
}

async function runChunked(input: PassInput, options: RunOptions, passIndex: number, passes: number): Promise<PassResult> {
    const result = newPassResult(input);
    const state = newPassState(input);
    const objects = input.data.objectIds.length;
    const rows = input.data.code.length;
    let from = 0;
    while (from < objects) {
        throwIfAborted(options.signal);
        let to = from + 1;
        const limit = input.data.objectStart[from] + CHUNK_ROWS;
        while (to < objects && input.data.objectStart[to + 1] <= limit) to++;
        runPass(input, result, from, to, state);
        from = to;
        options.onProgress?.((passIndex + (rows ? input.data.objectStart[from] / rows : 1)) / passes, 'Matching journeys');
        if (from < objects) await yieldToEventLoop();
    }
    throwIfAborted(options.signal);
    return result;
}
