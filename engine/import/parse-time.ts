/**
 * Import times: epoch milliseconds (a whole number) or ISO-8601 — `YYYY-MM-DD`,
 * optionally `T` or a space and `hh:mm`, optional `:ss` and a 1-9 digit
 * fraction, optional zone `Z`, `±hh`, `±hh:mm` or `±hhmm`; UTC when there is
 * no zone; a real calendar date and time. Returns epoch ms, or a reason string.
 */
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;
const EPOCH = /^-?\d+$/;

export type TimeResult = { ms: number } | { error: string };

export function parseTime(value: unknown): TimeResult {
    if (typeof value === 'number') {
        if (Number.isSafeInteger(value)) return { ms: value };
        return { error: `${value} is not a whole number of epoch milliseconds` };
    }
    if (typeof value !== 'string') return { error: `expected an ISO-8601 time or epoch milliseconds, got ${JSON.stringify(value)}` };
    const text = value.trim();
    if (EPOCH.test(text)) {
        const ms = Number(text);
        return Number.isSafeInteger(ms) ? { ms } : { error: `'${text}' is too large for epoch milliseconds` };
    }
    const m = ISO.exec(text);
    if (!m) return { error: `'${value}' is neither an ISO-8601 time (like 2025-02-20T10:00:00Z) nor epoch milliseconds` };
    const [year, month, day, hour = 0, minute = 0, second = 0] = m.slice(1, 7).map(p => (p === undefined ? undefined : Number(p))) as number[];
    const fraction = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
    // setUTCFullYear takes years literally (Date.UTC maps 0-99 to 1900-1999).
    const check = new Date(0);
    check.setUTCFullYear(year, month - 1, day);
    check.setUTCHours(hour, minute, second, fraction);
    const base = check.getTime();
    if (month < 1 || month > 12 || check.getUTCDate() !== day || check.getUTCMonth() !== month - 1
        || hour > 23 || minute > 59 || second > 59) {
        return { error: `'${value}' is not a real date and time` };
    }
    let offset = 0;
    const zone = m[8];
    if (zone && zone !== 'Z') {
        const digits = zone.slice(1).replace(':', '');
        const zh = Number(digits.slice(0, 2));
        const zm = digits.length > 2 ? Number(digits.slice(2)) : 0;
        if (zh > 23 || zm > 59) return { error: `'${value}' has an impossible time zone ${zone}` };
        offset = (zone[0] === '-' ? -1 : 1) * (zh * 60 + zm) * 60_000;
    }
    return { ms: base - offset };
}
