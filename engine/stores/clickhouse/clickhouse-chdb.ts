/**
 * ClickHouse in this process: a ClickHouseClient on chDB (the npm package
 * `chdb`, current ClickHouse as a library), for `chdb:///FOLDER/DATABASE`
 * addresses. The package is loaded when first used, so builds without it
 * still run every other engine; without it the client says to install it.
 *
 * libchdb holds one data folder per process: one Session per folder is shared
 * by every client of the process and kept open. A client of another folder
 * closes it (chDB lets running queries finish: drainPending) and opens its
 * own. Switching is serialized, and each operation is started while its
 * folder is the open one, so no operation meets a closed session.
 *
 * Queries run with Session.queryAsync, off the event loop. The settings the
 * HTTP client sends as URL parameters (BASE_SETTINGS) are given once, as the
 * connection's arguments; a request's own settings go in a SETTINGS clause
 * (they are only ever given for INSERTs and SELECTs).
 */
import type { Row } from '../duckdb/array-sql/array-engine.js';
import { BASE_SETTINGS, ClickHouseError, clickHouseErrorText, type ClickHouseClient, type ClickHouseRequest } from './clickhouse-client.js';
import { chNumber, chString } from './clickhouse-escape.js';

type Chdb = typeof import('chdb');
type Session = InstanceType<Chdb['Session']>;

let chdbModule: Promise<Chdb> | undefined;

/** The chdb package, or an error saying how to install it. */
export function loadChdb(): Promise<Chdb> {
    chdbModule ??= import('chdb').then(
        m => ((m as Chdb & { default?: Chdb }).Session ? m : (m as unknown as { default: Chdb }).default),
        (error: unknown) => {
            chdbModule = undefined;
            const code = (error as { code?: string })?.code;
            if (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND' || /Cannot find (module|package)/.test(String((error as Error)?.message))) {
                throw new ClickHouseError(`chdb:// addresses need the npm package chdb (ClickHouse in-process); install it with 'npm install chdb'`);
            }
            throw new ClickHouseError(`the npm package chdb could not be loaded: ${(error as Error)?.message ?? String(error)}`);
        },
    );
    return chdbModule;
}

/**
 * The process's open folder and the queue of switches, kept on globalThis:
 * the native library is one per process even when this module is loaded
 * twice (two bundles, or test files isolated from each other).
 */
interface ChdbState { open?: { folder: string; session: Session }; turn: Promise<unknown> }
const state: ChdbState = ((globalThis as Record<symbol, ChdbState>)[Symbol.for('journey-analytics.chdb')] ??= { turn: Promise.resolve() });

const CONNECTION_ARGS = Object.entries(BASE_SETTINGS).map(([k, v]) => `--${k}=${v}`);

async function sessionFor(folder: string): Promise<Session> {
    if (state.open?.folder === folder && state.open.session.open) return state.open.session;
    const chdb = await loadChdb();
    if (state.open) {
        state.open.session.close();
        state.open = undefined;
        await chdb.drainPending();
    }
    let session: Session;
    try {
        session = new chdb.Session(folder, { connectionArgs: CONNECTION_ARGS });
    } catch (error) {
        throw new ClickHouseError(`chDB cannot open ${folder}: ${clickHouseErrorText(String((error as Error)?.message ?? error).replace(/^Failed to create connection for path '[^']*'/, ''))}`);
    }
    state.open = { folder, session };
    return session;
}

/** Starts `operation` on the folder's session, after any folder switch before it; resolves with its result. */
function onFolder<T>(folder: string, operation: (session: Session) => Promise<T>): Promise<T> {
    const started = state.turn.then(async () => ({ running: operation(await sessionFor(folder)) }));
    state.turn = started.catch(() => undefined);
    return started.then(s => s.running);
}

/** Closes the process's chDB session (tests; the process may also just exit with it open). */
export async function closeChdb(): Promise<void> {
    const closing = state.turn.then(async () => {
        if (!state.open) return;
        state.open.session.close();
        state.open = undefined;
        await (await loadChdb()).drainPending();
    });
    state.turn = closing.catch(() => undefined);
    await closing;
}

/** ` SETTINGS k = v, ...` (names are the caller's code; values are quoted), or nothing. */
function settingsClause(settings: Record<string, string | number>): string {
    const entries = Object.entries(settings);
    for (const [k] of entries) if (!/^[A-Za-z0-9_]+$/.test(k)) throw new TypeError(`not a setting name: ${k}`);
    return entries.length ? ` SETTINGS ${entries.map(([k, v]) => `${k} = ${typeof v === 'number' ? chNumber(v) : chString(v)}`).join(', ')}` : '';
}

export class ChdbClient implements ClickHouseClient {
    readonly endpoint: string;

    constructor(readonly folder: string) {
        this.endpoint = `chdb://${folder}`;
    }

    private async run(sql: string, options: ClickHouseRequest, format?: string): Promise<string> {
        if (options.signal?.aborted) throw new DOMException('the journey run was cancelled', 'AbortError');
        const text = options.settings ? `${sql}\n${settingsClause(options.settings)}` : sql;
        try {
            const result = await onFolder(this.folder, session => session.queryAsync(text, { format, signal: options.signal }));
            return result.text();
        } catch (error) {
            if ((error as Error)?.name === 'AbortError' || options.signal?.aborted) throw new DOMException('the journey run was cancelled', 'AbortError');
            if (error instanceof ClickHouseError) throw error;
            throw new ClickHouseError(`ClickHouse (chDB) at ${this.folder} refused the request: ${clickHouseErrorText(String((error as Error)?.message ?? error))}`);
        }
    }

    async exec(sql: string, options: ClickHouseRequest = {}): Promise<void> {
        await this.run(sql, options);
    }

    async query(sql: string, options: ClickHouseRequest = {}): Promise<Row[]> {
        const text = await this.run(sql, options, 'JSON');
        return (JSON.parse(text) as { data: Row[] }).data;
    }

    async insert(table: string, rows: Record<string, unknown>[], options: ClickHouseRequest = {}): Promise<void> {
        if (!rows.length) return;
        // Session.insert takes only bare names; the data follows the statement as in an HTTP body.
        const head = `INSERT INTO ${table}${settingsClause(options.settings ?? {})} FORMAT JSONEachRow`;
        await this.run(`${head}\n${rows.map(r => JSON.stringify(r)).join('\n')}`, { signal: options.signal });
    }
}
