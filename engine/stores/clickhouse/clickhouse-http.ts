/**
 * A minimal ClickHouse HTTP client on plain `fetch`: SQL in the POST body,
 * results as JSON, errors as one sentence. Values never travel as query
 * parameters (18.16 has none): callers quote them with clickhouse-escape.ts.
 */
import type { Row } from '../duckdb/array-sql/array-engine.js';
import { BASE_SETTINGS, ClickHouseError, clickHouseErrorText, type ClickHouseClient, type ClickHouseRequest } from './clickhouse-client.js';

export { ClickHouseError, type ClickHouseRequest } from './clickhouse-client.js';

export class ClickHouseHttp implements ClickHouseClient {
    /** `settings`: the address's own settings, sent with every request. */
    constructor(readonly endpoint: string, private readonly settings: Readonly<Record<string, string>> = {}) {}

    private url(options: ClickHouseRequest, extra: Record<string, string> = {}): string {
        // The settings travel as URL parameters, which every version reads.
        const params = new URLSearchParams({ ...BASE_SETTINGS, ...this.settings, ...extra });
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
        if (!response.ok) throw new ClickHouseError(`ClickHouse at ${this.endpoint} refused the request: ${clickHouseErrorText(text)}`);
        return text;
    }

    async exec(sql: string, options: ClickHouseRequest = {}): Promise<void> {
        await this.send(this.url(options), sql, options.signal);
    }

    async query(sql: string, options: ClickHouseRequest = {}): Promise<Row[]> {
        const text = await this.send(this.url(options), `${sql}\nFORMAT JSON`, options.signal);
        return parseJsonResult(text, this.endpoint);
    }

    async insert(table: string, rows: Record<string, unknown>[], options: ClickHouseRequest = {}): Promise<void> {
        if (!rows.length) return;
        const body = rows.map(r => JSON.stringify(r)).join('\n');
        await this.send(this.url(options, { query: `INSERT INTO ${table} FORMAT JSONEachRow` }), body, options.signal);
    }
}

/**
 * The rows of a FORMAT JSON answer. A query that fails after the server sent
 * the 200 status ends the body with the error instead: 18.16 and older
 * servers append `Code: N, e.displayText() = ...` to the half-written JSON,
 * current ones write it as the JSON's `exception` field.
 */
export function parseJsonResult(text: string, endpoint: string): Row[] {
    let parsed: { data?: Row[]; exception?: string };
    try {
        parsed = JSON.parse(text) as typeof parsed;
    } catch {
        const at = text.search(/Code: \d+[.,] /);
        throw new ClickHouseError(`ClickHouse at ${endpoint} failed during the answer: ${at >= 0 ? clickHouseErrorText(text.slice(at)) : 'the answer is not JSON'}`);
    }
    if (parsed.exception) throw new ClickHouseError(`ClickHouse at ${endpoint} failed during the answer: ${clickHouseErrorText(parsed.exception)}`);
    return parsed.data ?? [];
}
