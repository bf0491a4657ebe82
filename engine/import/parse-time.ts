/**
 * Import times: epoch milliseconds (a whole number) or ISO-8601 — `YYYY-MM-DD`,
 * optionally `T` or a space and `hh:mm`, optional `:ss` and a 1-9 digit
 * fraction, optional zone `Z`, `±hh`, `±hh:mm` or `±hhmm`; UTC when there is
 * no zone; a real calendar date and time. Returns epoch ms, or a reason string.
 * Hand-parsed (no Date objects) because it runs once per imported row.
 */
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;
const EPOCH = /^-?\d+$/;
const DAY_MS = 86_400_000;

export type TimeResult = { ms: number } | { error: string };

export function parseTime(value: unknown): TimeResult {
    if (typeof value === 'number') {
        if (Number.isSafeInteger(value)) return { ms: value };
        return { error: `${value} is not a whole number of epoch milliseconds` };
    }
    if (typeof value !== 'string') return { error: `expected an ISO-8601 time or epoch milliseconds, got ${JSON.stringify(value)}` };
    const text = value.length && (value.charCodeAt(0) <= 32 || value.charCodeAt(value.length - 1) <= 32) ? value.trim() : value;
    if (text.length > 10 || text.charCodeAt(4) !== 45 /* - */) {
        if (EPOCH.test(text)) {
            const ms = Number(text);
            return Number.isSafeInteger(ms) ? { ms } : { error: `'${text}' is too large for epoch milliseconds` };
        }
    } else if (EPOCH.test(text)) {
        return { ms: Number(text) };
    }
    const m = ISO.exec(text);
    if (!m) return { error: `'${value}' is neither an ISO-8601 time (like 2025-02-20T10:00:00Z) nor epoch milliseconds` };
    const year = +m[1];
    const month = +m[2];
    const day = +m[3];
    const hour = m[4] ? +m[4] : 0;
    const minute = m[5] ? +m[5] : 0;
    const second = m[6] ? +m[6] : 0;
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
        return { error: `'${value}' is not a real date and time` };
    }
    const fraction = m[7] ? +(m[7].length >= 3 ? m[7].slice(0, 3) : m[7].padEnd(3, '0')) : 0;
    let offset = 0;
    const zone = m[8];
    if (zone && zone !== 'Z') {
        const zh = +zone.slice(1, 3);
        const zm = zone.length > 3 ? +zone.slice(zone.length - 2) : 0;
        if (zh > 23 || zm > 59) return { error: `'${value}' has an impossible time zone ${zone}` };
        offset = (zone.charCodeAt(0) === 45 ? -1 : 1) * (zh * 60 + zm) * 60_000;
    }
    return { ms: daysFromCivil(year, month, day) * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000 + fraction - offset };
}

function daysInMonth(year: number, month: number): number {
    if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
    return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
    const y = month <= 2 ? year - 1 : year;
    const era = Math.floor(y / 400);
    const yoe = y - era * 400;
    const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
    const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
    return era * 146097 + doe - 719468;
}

/**
 * The hot path of parseTime for the two most common shapes — epoch ms and
 * `YYYY-MM-DDThh:mm:ss[.sss]Z` — without allocating; NaN means "ask parseTime"
 * (which handles every other form and explains errors).
 */
export function fastTimeMs(value: unknown): number {
    if (typeof value === 'number') return Number.isSafeInteger(value) ? value : NaN;
    if (typeof value !== 'string') return NaN;
    const n = value.length;
    if (n === 20 || n === 24) {
        if (value.charCodeAt(n - 1) !== 90 /* Z */ || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45 || value.charCodeAt(10) !== 84 /* T */
            || value.charCodeAt(13) !== 58 || value.charCodeAt(16) !== 58) return NaN;
        const year = digits(value, 0, 4);
        const month = digits(value, 5, 2);
        const day = digits(value, 8, 2);
        const hour = digits(value, 11, 2);
        const minute = digits(value, 14, 2);
        const second = digits(value, 17, 2);
        let ms = 0;
        if (n === 24) {
            if (value.charCodeAt(19) !== 46 /* . */) return NaN;
            ms = digits(value, 20, 3);
        }
        // NaN from a non-digit propagates; range checks fall back to parseTime for the message.
        if (!(month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && hour <= 23 && minute <= 59 && second <= 59 && ms >= 0)) return NaN;
        return daysFromCivil(year, month, day) * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000 + ms;
    }
    if (n > 0 && n <= 16) {
        let result = 0;
        for (let i = 0; i < n; i++) {
            const c = value.charCodeAt(i) - 48;
            if (c < 0 || c > 9) return NaN;
            result = result * 10 + c;
        }
        return result;
    }
    return NaN;
}

function digits(text: string, start: number, count: number): number {
    let result = 0;
    for (let i = start; i < start + count; i++) {
        const c = text.charCodeAt(i) - 48;
        if (c < 0 || c > 9) return NaN;
        result = result * 10 + c;
    }
    return result;
}
