/**
 * Holds what the language services know about the workspace's store and
 * settings: the current StoreCatalog, the limits and "today".
 *
 * The catalog is read off the typing path (asynchronously, when the
 * `journey.store` setting or the CLI's `--db` names a store, and again when the
 * file changes); validation, completion and hover only read the cached value.
 * A store that is missing, not SQLite or without an events table gives one
 * warning per store path and problem, and everything keeps working without it.
 */
import { unwatchFile, watchFile, type Stats } from 'node:fs';
import path from 'node:path';
import { DocumentState, URI, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { StoreCatalog } from '../engine/catalog.js';
import { utcToday, isRealDay } from '../engine/dates.js';
import { readCatalog } from '../engine/stores/sqljs/catalog-reader.js';
import { DEFAULT_LIMITS, limitsFromSetting, type JourneyLimits } from './journey-limits.js';

/** How often a watched store's mtime is polled; polling survives the file being replaced atomically. */
const WATCH_INTERVAL_MS = 2000;

export class JourneyCatalogProvider {
    private currentCatalog: StoreCatalog | undefined;
    private currentLimits: JourneyLimits = { ...DEFAULT_LIMITS };
    private todaySetting: string | undefined;
    private storePath: string | undefined;
    private watchedPath: string | undefined;
    private loadGeneration = 0;
    private readonly warned = new Set<string>();
    /** Where the one warning about an unusable store goes; the CLI and tests replace it. */
    onWarning: (message: string) => void;

    constructor(private readonly shared: LangiumSharedServices) {
        const connection = shared.lsp.Connection;
        this.onWarning = message => {
            if (connection) void connection.window.showWarningMessage(message);
        };
        const configuration = shared.workspace.ConfigurationProvider;
        configuration.onConfigurationSectionUpdate(update => {
            if (update.section === 'journey') void this.applySettings(update.configuration);
        });
        // The settings fetched when the client connects arrive without an update event. `ready` resolves only
        // in a language server, so the CLI and tests (which set everything directly) never get here.
        void configuration.ready.then(async () => {
            const settings = {
                store: await configuration.getConfiguration('journey', 'store'),
                limits: await configuration.getConfiguration('journey', 'limits'),
                today: await configuration.getConfiguration('journey', 'today'),
            };
            if (settings.store !== undefined || settings.limits !== undefined || settings.today !== undefined) await this.applySettings(settings);
        }).catch(() => undefined);
    }

    get catalog(): StoreCatalog | undefined {
        return this.currentCatalog;
    }

    get limits(): JourneyLimits {
        return this.currentLimits;
    }

    /** The run's date for relative ranges: the `journey.today` setting, else the current UTC day. */
    get today(): string {
        return this.todaySetting ?? utcToday();
    }

    setLimits(limits: JourneyLimits): void {
        this.currentLimits = { ...limits };
    }

    setToday(today: string | undefined): void {
        this.todaySetting = today && isRealDay(today) ? today : undefined;
    }

    /** Installs a catalog directly (tests, or a caller that already read one) and revalidates. */
    async setCatalog(catalog: StoreCatalog | undefined): Promise<void> {
        this.loadGeneration++;
        this.currentCatalog = catalog;
        await this.revalidate();
    }

    /** Applies the `journey` settings section: `store` (workspace-relative), `limits`, `today`. */
    async applySettings(configuration: unknown): Promise<void> {
        const settings = (configuration && typeof configuration === 'object' ? configuration : {}) as Record<string, unknown>;
        this.currentLimits = limitsFromSetting(settings.limits);
        this.setToday(typeof settings.today === 'string' ? settings.today : undefined);
        const store = typeof settings.store === 'string' && settings.store.trim() ? this.resolveStorePath(settings.store.trim()) : undefined;
        if (store !== this.storePath) {
            await this.useStore(store, { watch: true });
        } else {
            await this.revalidate();
        }
    }

    /**
     * Reads the store's catalog (undefined: forget the store) and revalidates open
     * documents. Returns the problem message when the store is unusable.
     */
    async useStore(storePath: string | undefined, options: { watch?: boolean } = {}): Promise<string | undefined> {
        this.storePath = storePath;
        this.stopWatching();
        if (!storePath) {
            await this.setCatalog(undefined);
            return undefined;
        }
        if (options.watch && !storePath.includes('://')) this.startWatching(storePath);
        return this.reload();
    }

    /** Re-reads the current store (after it changed on disk). */
    async reload(): Promise<string | undefined> {
        const storePath = this.storePath;
        if (!storePath) return undefined;
        const generation = ++this.loadGeneration;
        let catalog: StoreCatalog | undefined;
        let problem: string | undefined;
        if (storePath.includes('://')) {
            // A ClickHouse address: its catalog is not read by the language server (sql.js reads SQLite files only).
            problem = `Journey: the store ${storePath} is not a SQLite file, so the checks that need the store's catalog are skipped.`;
        } else {
            try {
                catalog = await readCatalog(storePath);
            } catch (error) {
                problem = `Journey: ${(error as Error).message}; the checks that need the store are skipped.`;
            }
        }
        // A newer load (or setCatalog) started meanwhile: its result wins.
        if (generation !== this.loadGeneration) return problem;
        this.currentCatalog = catalog;
        if (problem && !this.warned.has(problem)) {
            this.warned.add(problem);
            this.onWarning(problem);
        }
        if (catalog) this.warned.clear();
        await this.revalidate();
        return problem;
    }

    dispose(): void {
        this.stopWatching();
    }

    private resolveStorePath(store: string): string {
        if (path.isAbsolute(store) || store.includes('://')) return store;
        const folder = this.shared.workspace.WorkspaceManager.workspaceFolders?.[0];
        const root = folder ? URI.parse(folder.uri).fsPath : process.cwd();
        return path.resolve(root, store);
    }

    private startWatching(storePath: string): void {
        this.watchedPath = storePath;
        const listener = (current: Stats, previous: Stats) => {
            if (current.mtimeMs !== previous.mtimeMs || current.size !== previous.size) void this.reload();
        };
        watchFile(storePath, { interval: WATCH_INTERVAL_MS, persistent: false }, listener);
    }

    private stopWatching(): void {
        if (this.watchedPath) unwatchFile(this.watchedPath);
        this.watchedPath = undefined;
    }

    /** Re-checks every loaded journey document so store rules appear or vanish with the catalog. */
    private async revalidate(): Promise<void> {
        const builder = this.shared.workspace.DocumentBuilder;
        const documents = this.shared.workspace.LangiumDocuments.all
            .filter((doc: LangiumDocument) => doc.state >= DocumentState.Validated)
            .toArray();
        if (!documents.length) return;
        // Inside the workspace lock, like the server's own updates: an edit arriving meanwhile cancels this
        // build, and the edit's update then rebuilds these documents too (their build is marked incomplete).
        await this.shared.workspace.WorkspaceLock.write(async token => {
            for (const document of documents) builder.resetToState(document, DocumentState.IndexedReferences);
            await builder.build(documents, { validation: true }, token);
        });
    }
}
