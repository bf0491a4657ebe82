/**
 * What the compare page shows, as plain rows (pure, tested without a DOM):
 * per journey, each stage's count and conversion before → after with the
 * difference and whether it went up or down.
 */
import type { CompareJourney } from '../../../protocol/journey-protocol.js';
import { difference, type BeforeAfter } from '../../../engine/diff/result-delta.js';
import { formatCount, formatRate } from '../../../report-view/numbers.js';

export type Trend = 'up' | 'down' | 'same' | 'none';

export interface DeltaCell {
    before: string;
    after: string;
    /** Signed text: `+12`, `−3`, `+2.5 pts`; `–` when a side is missing. */
    difference: string;
    /** The raw difference (after − before), absent when a side is missing. */
    value?: number;
    trend: Trend;
}

export interface CompareRow {
    name: string;
    count: DeltaCell;
    conversion: DeltaCell;
}

function trendOf(value: number | undefined): Trend {
    if (value === undefined) return 'none';
    return value > 0 ? 'up' : value < 0 ? 'down' : 'same';
}

export function countCell(v: BeforeAfter<number>): DeltaCell {
    const value = difference(v);
    return {
        before: v.before === undefined ? '–' : formatCount(v.before),
        after: v.after === undefined ? '–' : formatCount(v.after),
        difference: value === undefined ? '–' : `${value > 0 ? '+' : value < 0 ? '−' : '±'}${formatCount(Math.abs(value))}`,
        ...(value === undefined ? {} : { value }),
        trend: trendOf(value),
    };
}

/** Rates differ in percentage points. */
export function rateCell(v: BeforeAfter<number | null>): DeltaCell {
    const value = difference(v);
    const side = (r: number | null | undefined) => (r === undefined ? '–' : formatRate(r));
    const points = value === undefined ? undefined : Math.round(value * 1000) / 10;
    return {
        before: side(v.before),
        after: side(v.after),
        difference: points === undefined ? '–' : `${points > 0 ? '+' : points < 0 ? '−' : '±'}${Math.abs(points).toFixed(1)} pts`,
        ...(value === undefined ? {} : { value }),
        trend: trendOf(points),
    };
}

export function compareRows(journey: CompareJourney): CompareRow[] {
    const d = journey.delta;
    return [
        ...d.stages.map(s => ({ name: s.name, count: countCell(s.count), conversion: rateCell(s.conversion) })),
    ];
}

export function journeyTitle(j: CompareJourney): string {
    if (j.oldName && j.newName && j.oldName !== j.newName) return `${j.oldName} → ${j.newName}`;
    return j.newName ?? j.oldName ?? '';
}
