/** Plan fragments written back in journey syntax, for the diff's sentences. */
import type { BreakdownPlan, EventItemPlan, PathsPlan, StagePlan, TopEventsPlan } from '../plan.js';
import { conditionKey, conditionText, nameText, normalizeCondition } from './condition-normal.js';
import { encodeJourneyString } from '../../language-server/journey-value-converter.js';

export function itemText(item: EventItemPlan): string {
    const parts = [`event ${nameText(item.event)}`];
    if (item.where) parts.push(`where ${conditionText(item.where)}`);
    if (item.campaign !== undefined) parts.push(`campaign ${encodeJourneyString(item.campaign)}`);
    if (item.breakdown) parts.push(breakdownText(item.breakdown));
    return parts.join(' ');
}

export function breakdownText(breakdown: BreakdownPlan): string {
    return `breakdown by ${nameText(breakdown.property)} top ${breakdown.top}`;
}

export function topEventsText(top: TopEventsPlan): string {
    return `top events ${top.count}${top.among ? ` among ${top.among.map(nameText).join(', ')}` : ''}`;
}

export function pathsText(paths: PathsPlan): string {
    return `paths ${paths.direction} depth ${paths.depth} top ${paths.top}${paths.among ? ` among ${paths.among.map(nameText).join(', ')}` : ''}`;
}

/** What a stage holds, in one line: `event a, event b where …` or `top events 5`. */
export function stageContentText(stage: StagePlan): string {
    const parts = stage.items.map(itemText);
    if (stage.topEvents) parts.push(topEventsText(stage.topEvents));
    if (stage.paths) parts.push(pathsText(stage.paths));
    return parts.length ? parts.join('; ') : 'no items';
}

/** A canonical text of an item's meaning (conditions normalised). */
export function itemKey(item: EventItemPlan): string {
    return JSON.stringify([
        item.event,
        item.where ? conditionKey(normalizeCondition(item.where)) : null,
        item.campaign ?? null,
        item.breakdown ? [item.breakdown.property, item.breakdown.top] : null,
    ]);
}

/** A canonical text of a stage's meaning apart from its name; item order is kept (it orders the report). */
export function stageKey(stage: StagePlan): string {
    return JSON.stringify([
        stage.optional,
        stage.items.map(itemKey),
        stage.topEvents ? [stage.topEvents.count, sortedSet(stage.topEvents.among)] : null,
        stage.paths ? [stage.paths.direction, stage.paths.depth, stage.paths.top, sortedSet(stage.paths.among)] : null,
    ]);
}

function sortedSet(names: string[] | undefined): string[] | null {
    return names ? [...new Set(names)].sort() : null;
}

const WINDOW_UNITS: [string, number][] = [['weeks', 604_800_000], ['days', 86_400_000], ['hours', 3_600_000], ['minutes', 60_000]];

/** `within 2 weeks`, in the largest unit that divides the window exactly. */
export function windowText(windowMs: number | undefined): string {
    if (windowMs === undefined) return 'no conversion window';
    for (const [unit, ms] of WINDOW_UNITS) {
        if (windowMs % ms === 0) return `within ${windowMs / ms} ${unit}`;
    }
    return `within ${windowMs / 60_000} minutes`;
}

export function quoted(name: string): string {
    return encodeJourneyString(name);
}

/** `2nd`, `3rd`: positions in sentences count from 1. */
export function ordinal(n: number): string {
    const tens = n % 100;
    if (tens >= 11 && tens <= 13) return `${n}th`;
    return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}
