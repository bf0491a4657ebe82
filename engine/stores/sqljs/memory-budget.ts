/**
 * The sql.js engine keeps the whole store file in its WebAssembly heap and
 * builds a columnar cache of every event in JavaScript typed arrays. Both grow
 * with the event count, so a store past the budget is refused before the
 * cache is built, with a message naming the engine that streams from disk.
 */
import type { Database } from 'sql.js';

/**
 * Events the sql.js engine accepts. Why this number: the columnar cache costs
 * about 100 bytes per event at its peak (owner, code, time and rank columns
 * while growing, their sorted copies, and the rank ↔ rowid maps), and the file
 * itself about as much again in the wasm heap, which cannot pass 4 GiB. At 25M
 * events that is ~5 GB in one process — what a 16 GB laptop can spare; the
 * 20M-event benchmark store still fits. DuckDB (`--engine duckdb`) has no such
 * ceiling.
 */
export const SQLJS_EVENT_BUDGET = 25_000_000;

/** The refusal for `events` events, or undefined when they fit the budget. */
export function sqlJsBudgetMessage(storePath: string, events: number, budget = SQLJS_EVENT_BUDGET): string | undefined {
    if (events <= budget) return undefined;
    const n = (x: number) => x.toLocaleString('en-US');
    const duck = storePath.replace(/\.(sqlite3?|db)$/i, '') + '.duckdb';
    return `the store ${storePath} holds ${n(events)} events, more than the sql.js engine can hold in memory (${n(budget)}); `
        + `copy it into DuckDB (journey import --db ${duck} --store ${storePath}) and run with --engine duckdb`;
}

/**
 * The number of events, cheaply: max(rowid) is a B-tree lookup and bounds the
 * count from above, so the exact count(*) scan runs only when it is over budget.
 */
export function countEventsForBudget(db: Database, budget = SQLJS_EVENT_BUDGET): number {
    const maxRowid = Number(db.exec('SELECT max(rowid) FROM events')[0]?.values[0][0] ?? 0);
    if (maxRowid <= budget) return maxRowid;
    return Number(db.exec('SELECT count(*) FROM events')[0].values[0][0]);
}
