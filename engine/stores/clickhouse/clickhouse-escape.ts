/**
 * The one escaping function for ClickHouse SQL. ClickHouse 18.16 has no query
 * parameters, so every value and identifier that reaches a query, DDL or
 * insert statement is quoted here and nowhere else (tested against injection
 * in test/engines/clickhouse-escape.test.ts).
 *
 * Inside '…' and `…` ClickHouse reads backslash escapes; escaping the
 * backslash, the quote character itself and the control characters leaves no
 * way for the text to end the literal early. Text is sent as UTF-8 bytes and
 * stored byte for byte, so unicode needs no escaping.
 */
export type QuoteKind = 'string' | 'identifier';

const ESCAPES: Record<string, string> = {
    '\\': '\\\\',
    '\n': '\\n',
    '\r': '\\r',
    '\t': '\\t',
    '\0': '\\0',
    '\b': '\\b',
    '\f': '\\f',
};

export function quoteClickHouse(text: string, kind: QuoteKind): string {
    if (typeof text !== 'string') throw new TypeError(`a ClickHouse ${kind} must be text, not ${typeof text}`);
    const quote = kind === 'string' ? "'" : '`';
    let out = quote;
    for (const ch of text) {
        if (ch === quote) out += '\\' + ch;
        else out += ESCAPES[ch] ?? ch;
    }
    return out + quote;
}

/** A string literal. */
export const chString = (text: string): string => quoteClickHouse(text, 'string');
/** A quoted identifier. */
export const chIdent = (name: string): string => quoteClickHouse(name, 'identifier');

/** A finite number literal that ClickHouse reads as the same double. */
export function chNumber(value: number): string {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new TypeError(`not a finite number: ${String(value)}`);
    if (Number.isInteger(value) && Math.abs(value) < 2 ** 53) return String(value);
    return `toFloat64(${chString(String(value))})`;
}
