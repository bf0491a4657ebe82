/**
 * A minimal ClickHouse HTTP client on plain `fetch`: SQL in the POST body,
 * results as JSON, errors as one sentence. Values never travel as query
 * parameters (18.16 has none): callers quote them with clickhouse-escape.ts.
 */
import type { Row } from '../duckdb/array-sql/array-engine.js';

export class ClickHouseError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'ClickHouseError';
    }
}

export interface ClickHouseRequest {
    /** Extra settings sent as URL parameters (names and values are fixed by the caller's code). */
    settings?: Record<string, string | number>;
    signal?: AbortSignal;
    database?: string;
}

export class ClickHouseHttp {
    constructor(readonly endpoint: string) {}

    private url(options: ClickHouseRequest, extra: Record<string, string> = {}): string {
        // Journeys become long queries (one expression per stage and item, every key of an import batch):
        // lift the default text and syntax-tree limits, which would refuse them.
        const params = new URLSearchParams({
            output_format_json_quote_64bit_integers: '0', max_query_size: '67108864', max_ast_elements: '10000000',
            max_expanded_ast_elements: '10000000', ...extra,
        });
        if (options.database) params.set('database', options.database);
        for (const [k, v] of Object.entries(options.settings ?? {})) params.set(k, String(v));
        return `${this.endpoint}/?${params}`;
    }

    private async send(url: string, body: string, signal?: AbortSignal): Promise<string> {
        let response: Response;
        try {
            response = await fetch(url, { method: 'POST', body, signal });
        } catch (error) {
            if ((error as Error).name === 'AbortError') throw new DOMException('the journey run was cancelled', 'AbortError');
            throw new ClickHouseError(`cannot reach ClickHouse at ${this.endpoint} (${(error as Error & { cause?: Error }).cause?.message ?? (error as Error).message})`);
        }
        const text = await response.text();
        if (!response.ok) {
            const first = text.trim().split('\n')[0].replace(/^Code: \d+, e\.displayText\(\) = /, '');
            throw new ClickHouseError(`ClickHouse at ${this.endpoint} refused the request: ${first.slice(0, 500)}`);
        }
        return text;
    }

    /** Runs a statement that returns nothing (DDL, INSERT ... SELECT). */
    async exec(sql: string, options: ClickHouseRequest = {}): Promise<void> {
        await this.send(this.url(options), sql, options.signal);
    }

    /** Runs a SELECT and returns its rows. */
    async query(sql: string, options: ClickHouseRequest = {}): Promise<Row[]> {
        const text = await this.send(this.url(options), `${sql}\nFORMAT JSON`, options.signal);
        return (JSON.parse(text) as { data: Row[] }).data;
    }

    /** Inserts rows (objects keyed by column) with JSONEachRow; `table` must already be quoted. */
    async insert(table: string, rows: Record<string, unknown>[], options: ClickHouseRequest = {}): Promise<void> {
        if (!rows.length) return;
        const body = rows.map(r => JSON.stringify(r)).join('\n');
        await this.send(this.url(options, { query: `INSERT INTO ${table} FORMAT JSONEachRow` }), body, options.signal);
    }
}
