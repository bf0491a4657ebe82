/**
 * How the ClickHouse store, engine and import reach ClickHouse: any client
 * that runs a statement, a SELECT and a JSONEachRow insert. ClickHouseHttp
 * (clickhouse-http.ts) talks to servers (18.16 and current) over HTTP;
 * ChdbClient (clickhouse-chdb.ts) runs current ClickHouse in-process through
 * chDB. Both apply the same settings (BASE_SETTINGS) and report refusals as
 * one sentence (clickHouseErrorText).
 */
import type { Row } from '../duckdb/array-sql/array-engine.js';

export class ClickHouseError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'ClickHouseError';
    }
}

export interface ClickHouseRequest {
    /** Extra settings for this request (names and values are fixed by the caller's code). */
    settings?: Record<string, string | number>;
    signal?: AbortSignal;
}

export interface ClickHouseClient {
    /** Where the client sends its SQL (http://host:port, chdb:///folder), for messages. */
    readonly endpoint: string;
    /** Runs a statement that returns nothing (DDL, INSERT ... SELECT). */
    exec(sql: string, options?: ClickHouseRequest): Promise<void>;
    /** Runs a SELECT and returns its rows (64-bit integers as JSON numbers). */
    query(sql: string, options?: ClickHouseRequest): Promise<Row[]>;
    /** Inserts rows (objects keyed by column) with JSONEachRow; `table` must already be quoted. */
    insert(table: string, rows: Record<string, unknown>[], options?: ClickHouseRequest): Promise<void>;
}

/**
 * Settings every request runs with. Journeys become long queries (one
 * expression per stage and item, every key of an import batch): lift the
 * default text and syntax-tree limits, which would refuse them. 64-bit
 * integers come back as JSON numbers (times are epoch ms, far below 2^53).
 */
export const BASE_SETTINGS: Readonly<Record<string, string>> = {
    output_format_json_quote_64bit_integers: '0',
    max_query_size: '67108864',
    max_ast_elements: '10000000',
    max_expanded_ast_elements: '10000000',
};

/**
 * ClickHouse's error text as one sentence: `Code: 62. DB::Exception: Syntax
 * error: ... (SYNTAX_ERROR) (version 24.8.1.1)` (current servers and chDB) or
 * `Code: 62, e.displayText() = DB::Exception: Syntax error: ..., e.what() =
 * DB::Exception` (18.16) both become `Syntax error: ... (SYNTAX_ERROR)
 * [code 62]`. Text that is not ClickHouse's error format is kept (first line).
 */
export function clickHouseErrorText(text: string): string {
    const first = text.trim().split('\n')[0].replace(/^Query failed: /, '');
    const m = /^Code: (\d+)(?:\.|, e\.displayText\(\) =) (?:DB::Exception: )?(.*)$/.exec(first);
    if (!m) return first.slice(0, 500);
    const message = m[2].replace(/, e\.what\(\) = [\w:]+$/, '').replace(/ \(version \d[\w.]*( \([^()]*\))?\)\.?$/, '').trim();
    return `${message.slice(0, 500)} [code ${m[1]}]`;
}
