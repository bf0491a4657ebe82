/**
 * Opens the engine for a store address: the CLI, the language server and the
 * tests all come through here. sql.js is the embedded default; DuckDB and
 * ClickHouse load only when asked for (they pull native or network code).
 */
import type { Engine, EngineName } from './engine.js';
import { isClickHouseAddress } from './stores/clickhouse/clickhouse-address.js';

export const ENGINE_NAMES: readonly EngineName[] = ['sqljs', 'duckdb', 'clickhouse'];

/** A failure the user can fix (unknown engine, engine not installed); the CLI prints it as one sentence. */
export class EngineUnavailableError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'EngineUnavailableError';
    }
}

export function isEngineName(text: string): text is EngineName {
    return (ENGINE_NAMES as readonly string[]).includes(text);
}

/** The engine an address implies: `clickhouse://…` or `chdb://…` → clickhouse, `*.duckdb` → duckdb, anything else sqljs. */
export function inferEngine(db: string): EngineName {
    if (isClickHouseAddress(db)) return 'clickhouse';
    if (/\.duckdb$/i.test(db)) return 'duckdb';
    return 'sqljs';
}

export interface OpenEngineOptions {
    /** Events the sql.js engine accepts before refusing the store (tests lower it); default SQLJS_EVENT_BUDGET. */
    sqljsEventBudget?: number;
}

export async function openEngine(db: string, engine: EngineName = inferEngine(db), options: OpenEngineOptions = {}): Promise<Engine> {
    if (!isEngineName(engine)) {
        throw new EngineUnavailableError(`unknown engine '${engine}' (use one of ${ENGINE_NAMES.join(', ')})`);
    }
    if (engine === 'clickhouse' && !isClickHouseAddress(db)) {
        throw new EngineUnavailableError(`the clickhouse engine needs a clickhouse://host:port/database or chdb:///folder/database address, not '${db}'`);
    }
    if (engine !== 'clickhouse' && isClickHouseAddress(db)) {
        throw new EngineUnavailableError(`'${db}' is a ClickHouse address; use --engine clickhouse or leave --engine out`);
    }
    switch (engine) {
        case 'sqljs': {
            const [{ openStore }, { createSqlJsEngine }] = await Promise.all([
                import('./stores/sqljs/store.js'), import('./stores/sqljs/sqljs-engine.js'),
            ]);
            const store = await openStore(db);
            const { countEventsForBudget, sqlJsBudgetMessage, SQLJS_EVENT_BUDGET } = await import('./stores/sqljs/memory-budget.js');
            const budget = options.sqljsEventBudget ?? SQLJS_EVENT_BUDGET;
            let refusal: string | undefined;
            try {
                refusal = sqlJsBudgetMessage(db, countEventsForBudget(store.db, budget), budget);
            } catch (error) {
                // A view where the events table belongs has no rowid: the store is not one the engine can read.
                refusal = `the store ${db} is damaged or cannot be read: ${(error as Error).message}`;
            }
            if (refusal) {
                store.close();
                const { StoreError } = await import('./stores/sqljs/store.js');
                throw new StoreError(refusal);
            }
            const engine = nameStoreOnSqliteErrors(createSqlJsEngine(store.db, { storePath: store.path }), store.path);
            // The engine does not own the database; closing it here frees sql.js's copy of the file.
            const close = engine.close.bind(engine);
            engine.close = async () => {
                try { await close(); } finally { store.close(); }
            };
            return engine;
        }
        case 'duckdb': {
            const { openDuckDbEngine } = await import('./stores/duckdb/duckdb-engine.js').catch(missingPackage('duckdb', '@duckdb/node-api'));
            return openDuckDbEngine(db);
        }
        case 'clickhouse': {
            const { openClickHouseEngine } = await import('./stores/clickhouse/clickhouse-engine.js');
            return openClickHouseEngine(db);
        }
    }
}

/**
 * DuckDB's native package is a devDependency loaded at run time (esbuild
 * leaves it external); an install without it gets a sentence, not a crash.
 */
function missingPackage(engine: EngineName, pkg: string) {
    return (error: unknown): never => {
        const code = (error as { code?: string })?.code;
        if ((code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') && String((error as Error).message).includes(pkg)) {
            throw new EngineUnavailableError(`the ${engine} engine needs the npm package ${pkg}; install it with 'npm install ${pkg}'`);
        }
        throw error;
    };
}

/**
 * SQLite reads pages lazily, so damage the open-time schema check did not
 * touch (a corrupted page of events, a view where a table belongs) surfaces
 * mid-run as sql.js's bare Error. Those become one StoreError naming the
 * store, which the CLI prints as a sentence instead of a crash.
 */
const SQLITE_FAILURE = /malformed|disk image|not a database|no such (table|column)|datatype mismatch|SQL logic error|database or disk is full|string or blob too big/i;

function nameStoreOnSqliteErrors<E extends Engine>(engine: E, storePath: string): E {
    for (const method of ['run', 'staticList', 'unsummarized'] as const) {
        const original = (engine[method] as (...args: unknown[]) => Promise<unknown>).bind(engine);
        (engine as Record<string, unknown>)[method] = async (...args: unknown[]) => {
            try {
                return await original(...args);
            } catch (error) {
                const message = (error as Error)?.message ?? '';
                if ((error as Error)?.name !== 'Error' || !SQLITE_FAILURE.test(message)) throw error;
                const { StoreError } = await import('./stores/sqljs/store.js');
                throw new StoreError(`the store ${storePath} is damaged or cannot be read: ${message}`);
            }
        };
    }
    return engine;
}

