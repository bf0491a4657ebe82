/**
 * What the matcher needs from a store beyond the columnar cache: event
 * property filters, breakdown values, and the journey-level object filter.
 * The sql.js engine implements it with queries evaluated by conditions.ts;
 * another engine can implement it its own way and reuse the whole matcher.
 */
import type { ConditionPlan, Source } from '../plan.js';
import type { Bitset, ColumnarEvents } from './columnar.js';
import type { RunOptions } from '../engine.js';

export interface EventLookups {
    /** Ranks of the events named `name` whose properties satisfy `where` and whose `campaign` equals `campaign`. */
    eventFilter(name: string, where: ConditionPlan | undefined, campaign: string | undefined, options?: RunOptions): Promise<Bitset>;
    /**
     * The JSON value of `property` (undefined when missing) of events named
     * `name`, readable at least for the ranks given.
     */
    eventProperty(name: string, property: string, ranks: number[]): Promise<(rank: number) => unknown>;
    /** Per object index of `data`: 1 when the object's row exists and satisfies `condition`. */
    objectFilter(data: ColumnarEvents, source: Source, condition: ConditionPlan): Promise<Uint8Array>;
}

/** Throws the standard AbortError when the run was cancelled. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
    if (signal?.aborted) throw new DOMException('the journey run was cancelled', 'AbortError');
}

/** Lets the event loop breathe (timers, abort requests) during long work. */
export function yieldToEventLoop(): Promise<void> {
    return new Promise(resolve => setImmediate(resolve));
}
