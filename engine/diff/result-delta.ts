/**
 * The numbers side of a diff: both versions of a journey run on one store,
 * lined up stage by stage (by the diff's stage pairs, so a renamed stage
 * compares with its old self and an added one shows no "before").
 */
import type { JourneyReport, StageReport } from '../report.js';
import type { JourneyDiff } from './diff-types.js';

/** A number of each version; absent where that version has no such stage or journey. */
export interface BeforeAfter<T> {
    before?: T;
    after?: T;
}

export interface StageDelta {
    name: string;
    count: BeforeAfter<number>;
    /** Conversion from the previous required stage (semantics.md); null for the first stage or a zero denominator. */
    conversion: BeforeAfter<number | null>;
}

export interface JourneyDelta {
    entered: BeforeAfter<number>;
    completed: BeforeAfter<number>;
    conversionRate: BeforeAfter<number | null>;
    stages: StageDelta[];
}

export function journeyDelta(diff: JourneyDiff, before: JourneyReport | undefined, after: JourneyReport | undefined): JourneyDelta {
    const pick = <T>(read: (r: JourneyReport) => T): BeforeAfter<T> => ({
        ...(before ? { before: read(before) } : {}),
        ...(after ? { after: read(after) } : {}),
    });
    const stages = diff.stages.map(pair => {
        const a = pair.oldIndex !== undefined ? before?.stages[pair.oldIndex] : undefined;
        const b = pair.newIndex !== undefined ? after?.stages[pair.newIndex] : undefined;
        const side = <T>(read: (s: StageReport) => T): BeforeAfter<T> => ({
            ...(a ? { before: read(a) } : {}),
            ...(b ? { after: read(b) } : {}),
        });
        return { name: pair.name, count: side(s => s.count), conversion: side(s => s.conversionFromPrevious) };
    });
    return { entered: pick(r => r.entered), completed: pick(r => r.completed), conversionRate: pick(r => r.conversionRate), stages };
}

/** after − before when both are numbers; undefined otherwise. */
export function difference(value: BeforeAfter<number | null>): number | undefined {
    return typeof value.before === 'number' && typeof value.after === 'number' ? value.after - value.before : undefined;
}

/** True when some number of the journey differs between the versions. */
export function numbersMoved(delta: JourneyDelta): boolean {
    const all = [delta.entered, delta.completed, delta.conversionRate, ...delta.stages.flatMap(s => [s.count, s.conversion])];
    return all.some(v => v.before !== v.after);
}
