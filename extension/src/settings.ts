/**
 * The extension's settings and how the store path resolves. Pure functions,
 * no `vscode` import, so they are unit-tested directly.
 */
import path from 'node:path';
import type { EngineName } from '../../engine/engine.js';

export const DEFAULT_STORE = 'journey.sqlite';

export interface JourneySettings {
    /** As written in `journey.store`: relative to the workspace folder, absolute, or a clickhouse:// address. */
    store: string;
    engine: EngineName;
    /** `journey.today`, `YYYY-MM-DD`, or undefined for the real date. */
    today?: string;
    limits: Record<string, number>;
}

const ENGINES: readonly EngineName[] = ['sqljs', 'duckdb', 'clickhouse'];

/** Reads raw configuration values, keeping defaults for anything malformed. */
export function readSettings(get: (key: string) => unknown): JourneySettings {
    const store = get('store');
    const engine = get('engine');
    const today = get('today');
    const limits = get('limits');
    return {
        store: typeof store === 'string' && store.trim() ? store.trim() : DEFAULT_STORE,
        engine: ENGINES.includes(engine as EngineName) ? (engine as EngineName) : 'sqljs',
        today: typeof today === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(today) ? today : undefined,
        limits: typeof limits === 'object' && limits !== null
            ? Object.fromEntries(Object.entries(limits).filter(([, v]) => typeof v === 'number' && v > 0)) as Record<string, number>
            : {},
    };
}

/** The store's absolute path (addresses pass through); relative paths resolve against the first workspace folder. */
export function resolveStorePath(store: string, workspaceFolder: string | undefined): string {
    if (store.includes('://')) return store;
    if (path.isAbsolute(store)) return path.normalize(store);
    return path.resolve(workspaceFolder ?? process.cwd(), store);
}

/** True when the path lies inside one of the folders (a store outside asks before it is opened). */
export function isInsideFolders(file: string, folders: readonly string[]): boolean {
    // An address (clickhouse://host/db) from a cloned repository's settings would send queries to a server the
    // user never chose: like a path outside the folders, it is opened only after the user agrees.
    if (file.includes('://')) return false;
    return folders.some(folder => {
        const relative = path.relative(folder, file);
        return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
    });
}

/** The value written back to `journey.store` for a picked file: relative when inside the folder. */
export function storeSettingFor(file: string, workspaceFolder: string | undefined): string {
    if (workspaceFolder && isInsideFolders(file, [workspaceFolder])) return path.relative(workspaceFolder, file).split(path.sep).join('/');
    return file;
}
