/**
 * Journey AST → what the diff compares: the plan (defaults filled in, so
 * `breakdown by x` equals `breakdown by x top 10`) and the `dates` setting as
 * written (relative ranges stay relative, so the diff does not depend on today).
 */
import type { DatesSetting, Journey, JourneyFile } from '../../language-server/generated/ast.js';
import { buildPlan } from '../plan-builder.js';
import type { DatesSpec, DiffJourney } from './diff-types.js';

export function diffJourneyOf(journey: Journey, today: string): DiffJourney {
    // The last `dates` line wins, as in buildPlan (two are a `duplicate-setting` error anyway).
    const dates = journey.settings.filter((s): s is DatesSetting => s.$type === 'DatesSetting').at(-1);
    return { plan: buildPlan(journey, { today }), dates: datesSpecOf(dates) };
}

export function diffJourneysOf(file: JourneyFile, today: string): DiffJourney[] {
    return file.journeys.map(journey => diffJourneyOf(journey, today));
}

export function datesSpecOf(setting: DatesSetting | undefined): DatesSpec {
    if (!setting || setting.all) return { kind: 'all' };
    if (setting.from !== undefined && setting.to !== undefined) return { kind: 'range', from: setting.from, to: setting.to };
    const amount = setting.amount ?? 1;
    const text = `last ${amount} ${setting.unit}`;
    switch (setting.unit) {
        case 'weeks': return { kind: 'last', amount: amount * 7, unit: 'days', text };
        case 'years': return { kind: 'last', amount: amount * 12, unit: 'months', text };
        case 'months': return { kind: 'last', amount, unit: 'months', text };
        default: return { kind: 'last', amount, unit: 'days', text };
    }
}

export function datesText(dates: DatesSpec): string {
    switch (dates.kind) {
        case 'all': return 'all dates';
        case 'range': return `from ${dates.from} to ${dates.to}`;
        case 'last': return dates.text;
    }
}

export function sameDates(a: DatesSpec, b: DatesSpec): boolean {
    if (a.kind === 'all' || b.kind === 'all') return a.kind === b.kind;
    if (a.kind === 'range' && b.kind === 'range') return a.from === b.from && a.to === b.to;
    if (a.kind === 'last' && b.kind === 'last') return a.amount === b.amount && a.unit === b.unit;
    return false;
}
