/**
 * Opens the engine for a store address: the CLI, the language server and the
 * tests all come through here. sql.js is the embedded default; DuckDB and
 * ClickHouse load only when asked for (they pull native or network code).
 */
import type { Engine, EngineName } from './engine.js';

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

/** The engine an address implies: `clickhouse://…` → clickhouse, `*.duckdb` → duckdb, anything else sqljs. */
export function inferEngine(db: string): EngineName {
    if (/^clickhouse:\/\//i.test(db)) return 'clickhouse';
    if (/\.duckdb$/i.test(db)) return 'duckdb';
    return 'sqljs';
}

export async function openEngine(db: string, engine: EngineName = inferEngine(db)): Promise<Engine> {
    if (!isEngineName(engine)) {
        throw new EngineUnavailableError(`unknown engine '${engine}' (use one of ${ENGINE_NAMES.join(', ')})`);
    }
    if (engine === 'clickhouse' && !/^clickhouse:\/\//i.test(db)) {
        throw new EngineUnavailableError(`the clickhouse engine needs a clickhouse://host:port/database address, not '${db}'`);
    }
    if (engine !== 'clickhouse' && /^clickhouse:\/\//i.test(db)) {
        throw new EngineUnavailableError(`'${db}' is a ClickHouse address; use --engine clickhouse or leave --engine out`);
    }
    switch (engine) {
        case 'sqljs': {
            const [{ openStore }, { createSqlJsEngine }] = await Promise.all([
                import('./stores/sqljs/store.js'), import('./stores/sqljs/sqljs-engine.js'),
            ]);
            const store = await openStore(db);
            const engine = nameStoreOnSqliteErrors(createSqlJsEngine(store.db, { storePath: store.path }), store.path);
            // The engine does not own the database; closing it here frees sql.js's copy of the file.
            const close = engine.close.bind(engine);
            engine.close = async () => {
                try { await close(); } finally { store.close(); }
            };
            return engine;
        }
        case 'duckdb': {
            const { openDuckDbEngine } = await import('./stores/duckdb/duckdb-engine.js');
            return openDuckDbEngine(db);
        }
        case 'clickhouse': {
            const module = await loadEngineModule('clickhouse', './stores/clickhouse/clickhouse-engine.js');
            return module.openClickHouseEngine(db);
        }
    }
}

/**
 * Imports an engine module that may not be part of this build. The specifier
 * is a variable on purpose: bundlers then leave the import alone instead of
 * failing the build when the file is absent, and a missing module becomes one
 * clear error instead of a crash.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function loadEngineModule(name: EngineName, specifier: string): Promise<any> {
    try {
        return await import(specifier);
    } catch (error) {
        const code = (error as { code?: string }).code;
        const message = (error as Error).message ?? '';
        if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND' || /Cannot find module|Failed to load url|not found/i.test(message)) {
            throw new EngineUnavailableError(`the ${name} engine is not available in this build`);
        }
        throw error;
    }
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

