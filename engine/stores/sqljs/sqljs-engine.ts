/**
 * The default engine: a sql.js store evaluated through the columnar cache.
 * The cache (one per source and anonymous setting), the event ranks and the
 * lookups' memos live until the store changes, detected by a cheap
 * fingerprint taken before every run.
 */
import type { Database } from 'sql.js';
import type { Engine, RunOptions } from '../../engine.js';
import type { ColumnarEvents } from '../../matcher/columnar.js';
import type { JourneyPlan } from '../../plan.js';
import { buildReport, buildStaticList, buildUnsummarized } from '../../report-builder.js';
import type { JourneyReport, StaticList, UnsummarizedRow } from '../../report.js';
import { loadColumnar, loadRanksAndColumnar, type EventRanks } from './columnar-loader.js';
import { cachePathOf, readPersisted, storeFingerprint, writePersisted } from './columnar-persist.js';
import { createSqlJsLookups, type SqlJsLookups } from './sqljs-lookups.js';

type CacheKeyOf = Pick<JourneyPlan, 'source' | 'includeAnonymous'>;

interface StoreState {
    fingerprint: string;
    /** Caches built (not read from disk) and not yet saved beside the store. */
    fresh: Set<string>;
    ranks: Promise<EventRanks>;
    lookups: Promise<SqlJsLookups>;
    columnar: Map<string, Promise<ColumnarEvents>>;
}

export interface SqlJsEngine extends Engine {
    /** The cache a plan runs on (built on first use); exposed for benchmarks and tests. */
    columnarFor(plan: Pick<JourneyPlan, 'source' | 'includeAnonymous'>, options?: RunOptions): Promise<ColumnarEvents>;
    /** Drops every cache, for callers that changed the store behind the engine's back. */
    invalidate(): void;
}

export interface SqlJsEngineOptions {
    /**
     * The file `db` was opened from, unchanged since: the columnar cache is then
     * kept on disk beside it (columnar-persist.ts) so later processes start warm.
     */
    storePath?: string;
}

export function createSqlJsEngine(db: Database, engineOptions: SqlJsEngineOptions = {}): SqlJsEngine {
    let state: StoreState | undefined;
    let closed = false;
    const storePath = engineOptions.storePath;
    const fileFingerprint = storePath ? storeFingerprint(storePath) : undefined;
    /** The on-disk cache applies only while the database still equals its file. */
    const matchesFile = () => fileFingerprint !== undefined
        && Number(db.exec('SELECT total_changes()')[0].values[0][0]) === 0;

    /**
     * What changes when a store's tables do: total_changes() counts every row
     * written through this connection (sql.js resets it on export(), so the
     * event table's highest rowid and the small tables' sizes back it up).
     */
    const fingerprint = () => JSON.stringify(db.exec(`SELECT total_changes(), (SELECT max(rowid) FROM events),
        (SELECT count(*) FROM identities), (SELECT count(*) FROM associations),
        (SELECT count(*) FROM event_types), (SELECT max(rowid) FROM objects)`)[0].values[0]);

    /** The store state (caches) for this run, started fresh when the store changed. */
    const current = (key: string, plan: CacheKeyOf, options: RunOptions): StoreState => {
        if (closed) throw new Error('the sql.js engine was closed');
        const print = fingerprint();
        if (!state || state.fingerprint !== print) {
            const persisted = matchesFile() ? readPersisted(cachePathOf(storePath!), fileFingerprint!) : undefined;
            const columnar = new Map([...(persisted?.columnar ?? [])].map(([k, data]) => [k, Promise.resolve(data)]));
            let ranks: Promise<EventRanks>;
            if (persisted) ranks = Promise.resolve(persisted.ranks);
            else {
                // The first cache and the event ranks come from one scan.
                const first = loadRanksAndColumnar(db, plan.source, plan.includeAnonymous, options);
                ranks = first.then(r => r.ranks);
                columnar.set(key, first.then(r => r.data));
            }
            const created: StoreState = { fingerprint: print, ranks, lookups: undefined!, columnar, fresh: new Set(persisted ? [] : [key]) };
            // A newly scanned filter or breakdown is saved beside the store too.
            created.lookups = ranks.then(r => createSqlJsLookups(db, r, persisted?.memo, () => { persist(created, r).catch(() => undefined); }));
            state = created;
            // A failed or cancelled load must not poison the next run.
            const failed = state;
            ranks.catch(() => { if (state === failed) state = undefined; });
            // When the load fails (a damaged store, a cancel) prepare() rethrows it from ranks; the promises derived
            // from it may then never be awaited, and an unhandled rejection would crash the CLI with a stack trace.
            state.lookups.catch(() => undefined);
            for (const pending of state.columnar.values()) pending.catch(() => undefined);
        }
        return state;
    };

    const prepare = async (plan: CacheKeyOf, options: RunOptions) => {
        const key = `${plan.source}:${plan.source === 'contacts' && plan.includeAnonymous}`;
        const s = current(key, plan, options);
        const ranks = await s.ranks;
        let columnar = s.columnar.get(key);
        if (!columnar) {
            columnar = loadColumnar(db, ranks, plan.source, plan.includeAnonymous, options);
            s.columnar.set(key, columnar);
            s.fresh.add(key);
            columnar.catch(() => { if (s.columnar.get(key) === columnar) s.columnar.delete(key); });
        }
        const data = await columnar;
        if (s.fresh.delete(key)) await persist(s, ranks);
        return { data, lookups: await s.lookups };
    };

    /** Saves every cache built so far beside the store, when the database still equals the file. */
    const persist = async (s: StoreState, ranks: EventRanks) => {
        if (!matchesFile() || state !== s) return;
        const built = new Map<string, ColumnarEvents>();
        for (const [key, promise] of s.columnar) {
            try { built.set(key, await promise); } catch { /* a failed build is simply not saved */ }
        }
        let memo;
        try { memo = (await s.lookups).memo; } catch { /* no lookups, nothing more to save */ }
        writePersisted(cachePathOf(storePath!), fileFingerprint!, ranks, built, memo);
    };

    return {
        name: 'sqljs',
        async run(plan, runOptions = {}): Promise<JourneyReport> {
            const started = performance.now();
            const options = monotonicProgress(runOptions);
            const { data, lookups } = await prepare(plan, options);
            const report = await buildReport(plan, data, lookups, matchingPhase(options));
            options.onProgress?.(1, 'Done');
            return { ...report, elapsedMs: Math.round(performance.now() - started) };
        },
        async staticList(plan, stageIndex, mode, limit, runOptions = {}): Promise<StaticList> {
            const options = monotonicProgress(runOptions);
            const { data, lookups } = await prepare(plan, options);
            return buildStaticList(plan, data, lookups, stageIndex, mode, limit, matchingPhase(options));
        },
        async unsummarized(plan, runOptions = {}): Promise<UnsummarizedRow[]> {
            const options = monotonicProgress(runOptions);
            const { data, lookups } = await prepare(plan, options);
            return buildUnsummarized(plan, data, lookups, matchingPhase(options));
        },
        async columnarFor(plan, options = {}) {
            return (await prepare(plan, options)).data;
        },
        invalidate() {
            state = undefined;
        },
        async close() {
            closed = true;
            state = undefined;
        },
    };
}

/** Loading reports fractions in [0, 0.75]; matching's own [0, 1] is mapped after it. */
const LOADING_SHARE = 0.75;

function matchingPhase(options: RunOptions): RunOptions {
    const report = options.onProgress;
    return report ? { ...options, onProgress: (f, message) => report(LOADING_SHARE + (1 - LOADING_SHARE) * f, message) } : options;
}

/** Progress never moves backwards, even when a warm cache skips the loading phase. */
function monotonicProgress(options: RunOptions): RunOptions {
    const report = options.onProgress;
    if (!report) return options;
    let last = 0;
    return {
        ...options,
        onProgress: (f, message) => {
            last = Math.min(1, Math.max(last, f));
            report(last, message);
        },
    };
}
