/**
 * How numbers read in every view (charts, table, Markdown, HTML). Written by
 * hand rather than with Intl so output is identical on every machine and
 * locale (golden files depend on it).
 */

/** 1234567 → "1,234,567". */
export function formatCount(n: number): string {
    if (!Number.isFinite(n)) return String(n);
    const sign = n < 0 ? '-' : '';
    const [whole, fraction] = Math.abs(n).toString().split('.');
    const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return sign + grouped + (fraction ? `.${fraction}` : '');
}

/** A fraction in [0, 1] as a percent with one decimal ("12.5%"); null (no denominator) as "–". */
export function formatRate(rate: number | null | undefined): string {
    if (rate === null || rate === undefined) return '–';
    return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

/** Seconds as the two largest units ("3d 4h", "12m 5s", "42s"); null as "–". */
export function formatDuration(seconds: number | null | undefined): string {
    if (seconds === null || seconds === undefined) return '–';
    const total = Math.round(seconds);
    if (total < 60) return `${total}s`;
    const units: [string, number][] = [['d', 86_400], ['h', 3_600], ['m', 60], ['s', 1]];
    const parts: string[] = [];
    let rest = total;
    for (const [unit, size] of units) {
        const amount = Math.floor(rest / size);
        rest -= amount * size;
        if (amount > 0 || parts.length > 0) parts.push(`${amount}${unit}`);
        if (parts.length === 2) break;
    }
    return parts.filter(p => !/^0[a-z]$/.test(p)).join(' ');
}

/** A breakdown value as people read it: strings as they are, numbers and booleans as JSON writes them. */
export function formatValue(value: string | number | boolean): string {
    return typeof value === 'string' ? value : JSON.stringify(value);
}
