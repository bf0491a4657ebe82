/**
 * Reads a few properties of every event of one name. When every property name
 * is a plain identifier, SQLite cuts them out (`properties -> '$.p'` gives the
 * value's own JSON text, in C, without sending the whole row's JSON to
 * JavaScript) and JSON.parse reads just that text — not json_extract, whose
 * own number parsing can differ from JSON.parse in the last digit. Otherwise,
 * or when a row's JSON is malformed (which fails the whole query), each row's
 * text is parsed with JSON.parse. Both give the same JSON values.
 */
import type { Database, SqlValue } from 'sql.js';
import type { JsonProperties } from '../../conditions.js';
import { throwIfAborted, yieldToEventLoop } from '../../matcher/lookups.js';

const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const YIELD_ROWS = 100_000;

export function parseProperties(text: unknown): JsonProperties {
    if (typeof text !== 'string') return {};
    try {
        const value: unknown = JSON.parse(text);
        return value !== null && typeof value === 'object' && !Array.isArray(value) ? value as JsonProperties : {};
    } catch {
        return {}; // import rejects bad JSON; a foreign store's bad row simply has no properties
    }
}

/**
 * Calls `visit(rowid, properties)` for every event named `name`, where
 * `properties` holds (at least) the named properties that are present.
 * `visit` may be called twice for a row (after a fallback), so it must be idempotent.
 */
export async function scanEventProperties(
    db: Database, name: string, names: string[], visit: (rowid: number, properties: JsonProperties) => void,
    signal?: AbortSignal,
): Promise<void> {
    const unique = [...new Set(names)];
    if (unique.every(p => PLAIN_NAME.test(p))) {
        try {
            const columns = unique.map(p => `, properties -> '$.${p}'`).join('');
            await scan(db, `SELECT rowid${columns} FROM events WHERE event_name = ?`, name, signal, row => {
                const props: JsonProperties = {};
                for (let i = 0; i < unique.length; i++) {
                    const text = row[1 + i];
                    if (text !== null) props[unique[i]] = JSON.parse(String(text));
                }
                visit(Number(row[0]), props);
            });
            return;
        } catch (error) {
            if ((error as Error).name === 'AbortError') throw error;
            // Malformed JSON somewhere: parse row by row instead.
        }
    }
    await scan(db, 'SELECT rowid, properties FROM events WHERE event_name = ?', name, signal,
        row => visit(Number(row[0]), parseProperties(row[1])));
}

async function scan(db: Database, sql: string, name: string, signal: AbortSignal | undefined, onRow: (row: SqlValue[]) => void): Promise<void> {
    const stmt = db.prepare(sql, [name]);
    let seen = 0;
    try {
        while (stmt.step()) {
            onRow(stmt.get());
            if (++seen % YIELD_ROWS === 0) {
                throwIfAborted(signal);
                await yieldToEventLoop();
            }
        }
    } finally {
        stmt.free();
    }
}
