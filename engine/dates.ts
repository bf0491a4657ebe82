/**
 * Date arithmetic for date ranges, exactly as semantics.md ("Dates") says.
 * All days are UTC; a day is `YYYY-MM-DD`.
 */

const DAY_MS = 86_400_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Epoch ms of a UTC day's start, or undefined when the text is not a real calendar day. */
export function dayStartMs(day: string): number | undefined {
    const match = DAY_PATTERN.exec(day);
    if (!match) return undefined;
    const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const ms = Date.UTC(y, m - 1, d);
    const check = new Date(ms);
    if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return undefined;
    return ms;
}

export function isRealDay(day: string): boolean {
    return dayStartMs(day) !== undefined;
}

/** The UTC day (`YYYY-MM-DD`) holding an epoch-ms instant. */
export function dayOf(ms: number): string {
    return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
    return dayOf(dayStartMs(day)! + n * DAY_MS);
}

/**
 * The day after the same date `months` months before `today`; on a shorter
 * month, the day after that month's last day.
 */
export function dayAfterMonthsBefore(today: string, months: number): string {
    const [y, m, d] = today.split('-').map(Number);
    const totalMonths = y * 12 + (m - 1) - months;
    const year = Math.floor(totalMonths / 12);
    const month = totalMonths - year * 12;
    const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
    const sameDate = Date.UTC(year, month, Math.min(d, lastDay));
    return dayOf(sameDate + DAY_MS);
}

export type RelativeUnit = 'days' | 'weeks' | 'months' | 'years';

/** First day of `last N unit` ending with `today` (today included). */
export function relativeRangeStart(today: string, amount: number, unit: RelativeUnit): string {
    switch (unit) {
        case 'days': return addDays(today, -(amount - 1));
        case 'weeks': return addDays(today, -(7 * amount - 1));
        case 'months': return dayAfterMonthsBefore(today, amount);
        case 'years': return dayAfterMonthsBefore(today, 12 * amount);
    }
}

/** Today's UTC day. */
export function utcToday(now = Date.now()): string {
    return dayOf(now);
}

export const WINDOW_UNIT_MS: Record<'minutes' | 'hours' | 'days' | 'weeks', number> = {
    minutes: 60_000,
    hours: 3_600_000,
    days: DAY_MS,
    weeks: 7 * DAY_MS,
};

export { DAY_MS };
