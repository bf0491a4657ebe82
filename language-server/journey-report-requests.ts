/**
 * The custom requests of protocol/journey-protocol.ts, served in the language
 * server process so that heavy work (parsing a store, running a journey) never
 * blocks the VS Code extension host. Runs stream `journey/progress`
 * notifications and stop promptly when the client cancels.
 */
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { EmptyFileSystem, URI } from 'langium';
import type { Connection, CancellationToken } from 'vscode-languageserver';
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import type { Journey } from './generated/ast.js';
import { createJourneyServices, type JourneyServices } from './journey-module.js';
import { loadJourneyText } from './journey-document-loader.js';
import { buildPlan } from '../engine/plan-builder.js';
import type { Engine, EngineName } from '../engine/engine.js';
import { STATIC_LIST_LIMIT, type JourneyReport } from '../engine/report.js';
import type { StoreCatalog } from '../engine/catalog.js';
import { openEngine } from '../engine/open-engine.js';
import { loadSqlJs } from '../engine/stores/sqljs/sqljs-loader.js';
import { COMMANDS } from '../cli/commands/index.js';
import { formatReports } from '../engine/format/index.js';
import { applyReportFilters } from '../engine/report-filters.js';
import { lastReports } from './journey-last-reports.js';
import { writeFileAtomically } from '../engine/write-file-atomically.js';
import { staticListCsv, unsummarizedCsv } from '../engine/format/export-csv.js';
import {
    JourneyMethods, type CommandResult, type CreateSampleParams, type ExportListParams, type ExportListResult,
    type ExportUnsummarizedParams, type ExportUnsummarizedResult, type FormatReportParams, type ImportParams, type JourneyLocation,
    type JourneySource, type ProgressParams, type RunJourneyParams, type RunJourneyResult, type StoreInfoResult,
    type StoreParams,
} from '../protocol/journey-protocol.js';

/** Engines stay open between runs (sql.js parses the whole file once); reopened when the file changes. */
class EngineCache {
    private readonly open = new Map<string, { engine: Promise<Engine>; mtimeMs: number }>();

    async get({ store, engine }: StoreParams): Promise<Engine> {
        const key = `${engine}\u0000${store}`;
        const mtimeMs = fileMtime(store);
        const cached = this.open.get(key);
        if (cached && cached.mtimeMs === mtimeMs) return cached.engine;
        if (cached) await this.drop(key);
        if (!store.includes('://') && !existsSync(store)) {
            throw new Error(`The store ${store} does not exist; create it with "Journey: Create Sample Store" or import events into it.`);
        }
        const opening = openEngine(store, engine);
        this.open.set(key, { engine: opening, mtimeMs });
        opening.catch(() => this.open.delete(key));
        return opening;
    }

    /** Forgets a store after it was written (import, sample), so the next run reads it afresh. */
    async invalidate(store: string): Promise<void> {
        for (const key of [...this.open.keys()]) if (key.endsWith(`\u0000${store}`)) await this.drop(key);
    }

    private async drop(key: string): Promise<void> {
        const cached = this.open.get(key);
        this.open.delete(key);
        await cached?.engine.then(e => e.close()).catch(() => undefined);
    }
}

/** Above this size a store's own count is not worth a second full load (see storeInfo). */
const BIG_STORE_BYTES = 50_000_000;

function fileMtime(file: string): number {
    try { return statSync(file).mtimeMs; } catch { return -1; }
}

/** An AbortSignal that follows the LSP cancellation token. */
export function signalOf(token: CancellationToken | undefined): AbortSignal {
    const controller = new AbortController();
    if (token?.isCancellationRequested) controller.abort();
    token?.onCancellationRequested(() => controller.abort());
    return controller.signal;
}

export function locationsOf(journeys: Journey[]): JourneyLocation[] {
    return journeys.map(journey => ({
        journey: journey.name,
        line: journey.$cstNode?.range.start.line ?? 0,
        stages: journey.stages.map(stage => ({ name: stage.name, line: stage.$cstNode?.range.start.line ?? 0 })),
    }));
}

export class JourneyReportRequests {
    private readonly engines = new EngineCache();

    /**
     * A second, connection-less set of language services for parsing the text
     * to run: documents built by the server's own services get their
     * diagnostics published to the editor, which would show phantom files in
     * the Problems panel. Its limits, today and catalog follow the server's.
     */
    private offline?: JourneyServices;

    constructor(private readonly services: JourneyServices) {}

    private async offlineServices(): Promise<JourneyServices> {
        this.offline ??= createJourneyServices(EmptyFileSystem).Journey;
        const main = this.services.catalog.CatalogProvider;
        const copy = this.offline.catalog.CatalogProvider;
        copy.setLimits(main.limits);
        copy.setToday(main.today);
        if (copy.catalog !== main.catalog) await copy.setCatalog(main.catalog);
        return this.offline;
    }

    /** Parses and validates the file's current text; throws a one-sentence error naming file, line and reason. */
    async journeysOf(source: JourneySource): Promise<Journey[]> {
        const filePath = URI.parse(source.uri).fsPath;
        const text = source.text ?? await readFile(filePath, 'utf8');
        // No path: an in-memory copy, so the editor's own document is never replaced or deleted.
        const loaded = await loadJourneyText(await this.offlineServices(), text);
        const firstError = loaded.diagnostics.find(d => d.severity === 1);
        if (firstError) {
            throw new Error(`${path.basename(filePath)}:${firstError.range.start.line + 1}: ${firstError.message}`);
        }
        const journeys = loaded.file.journeys.filter(j => !source.journey || j.name === source.journey);
        if (journeys.length === 0) {
            throw new Error(source.journey
                ? `${path.basename(filePath)} has no journey named "${source.journey}".`
                : `${path.basename(filePath)} holds no journey to run.`);
        }
        return journeys;
    }

    async run(params: RunJourneyParams, token: CancellationToken | undefined, progress: (p: ProgressParams) => void): Promise<RunJourneyResult> {
        const signal = signalOf(token);
        let journeys: Journey[];
        try {
            journeys = await this.journeysOf(params);
        } catch (error) {
            return { reports: [], locations: [], error: (error as Error).message };
        }
        const engine = await this.engines.get(params);
        const reports: JourneyReport[] = [];
        for (const [index, journey] of journeys.entries()) {
            if (signal.aborted) throw cancelled();
            // The preview's filters narrow the plan (engine/report-filters.ts); a bad filter is the run's one-sentence error.
            let plan;
            try {
                plan = applyReportFilters(buildPlan(journey, { today: params.today }), params.filters);
            } catch (error) {
                return { reports: [], locations: [], error: (error as Error).message };
            }
            try {
                reports.push(await engine.run(plan, {
                    signal,
                    onProgress: (fraction, message) => progress({
                        token: params.progressToken,
                        fraction: (index + Math.min(Math.max(fraction, 0), 1)) / journeys.length,
                        message: journeys.length > 1 ? `${journey.name}: ${message}` : message,
                    }),
                }));
            } catch (error) {
                if (signal.aborted) throw cancelled();
                throw error;
            }
        }
        return { reports, locations: locationsOf(journeys) };
    }

    async exportList(params: ExportListParams, token?: CancellationToken): Promise<ExportListResult> {
        const [journey] = await this.journeysOf(params);
        const plan = buildPlan(journey, { today: params.today });
        const stageIndex = plan.stages.findIndex(s => s.name === params.stage);
        if (stageIndex < 0) throw new Error(`The journey "${journey.name}" has no stage named "${params.stage}".`);
        const engine = await this.engines.get(params);
        const list = await engine.staticList(plan, stageIndex, params.mode, STATIC_LIST_LIMIT, { signal: signalOf(token) });
        writeFileAtomically(params.out, staticListCsv(list.objects));
        return { out: params.out, rows: list.objects.length, cut: list.cut };
    }

    async exportUnsummarized(params: ExportUnsummarizedParams, token?: CancellationToken): Promise<ExportUnsummarizedResult> {
        const [journey] = await this.journeysOf(params);
        const plan = buildPlan(journey, { today: params.today });
        const engine = await this.engines.get(params);
        const rows = await engine.unsummarized(plan, { signal: signalOf(token) });
        writeFileAtomically(params.out, unsummarizedCsv(plan.stages.map(s => s.name), rows));
        return { out: params.out, rows: rows.length };
    }

    /**
     * Event and event-type counts for the status bar. A small store is counted
     * directly (it loads in well under a second). A big one is not loaded a
     * second time: the language services read its catalog anyway (completion,
     * hover), so its counts are taken from there once that catalog is newer
     * than the file.
     */
    async storeInfo(params: StoreParams, options: { preferCatalog?: boolean; waitMs?: number } = {}): Promise<StoreInfoResult> {
        if (params.store.includes('://') || !existsSync(params.store)) {
            return { store: params.store, exists: params.store.includes('://'), totalEvents: -1, eventTypes: -1 };
        }
        if (options.preferCatalog ?? statSync(params.store).size > BIG_STORE_BYTES) {
            const catalog = await this.freshCatalogOf(params.store, options.waitMs ?? 120_000);
            if (catalog) return { store: params.store, exists: true, totalEvents: catalog.totalEvents, eventTypes: catalog.events.size };
        }
        const SQL = await loadSqlJs();
        const db = new SQL.Database(await readFile(params.store));
        try {
            const count = (sql: string) => Number(db.exec(sql)[0]?.values[0]?.[0] ?? 0);
            return {
                store: params.store,
                exists: true,
                totalEvents: count('SELECT count(*) FROM events'),
                eventTypes: count('SELECT count(DISTINCT event_name) FROM events'),
            };
        } catch (error) {
            throw new Error(`${params.store} is not a journey store (${(error as Error).message}).`);
        } finally {
            db.close();
        }
    }

    /** When each catalog object was first seen: one seen before the file last changed is stale. */
    private readonly catalogSeen = new WeakMap<StoreCatalog, number>();

    private async freshCatalogOf(store: string, waitMs: number): Promise<StoreCatalog | undefined> {
        const provider = this.services.catalog.CatalogProvider;
        const changed = fileMtime(store);
        const fresh = () => {
            const catalog = provider.catalog;
            if (!catalog || path.resolve(catalog.store) !== path.resolve(store)) return undefined;
            if (!this.catalogSeen.has(catalog)) this.catalogSeen.set(catalog, Date.now());
            return this.catalogSeen.get(catalog)! >= changed ? catalog : undefined;
        };
        const end = Date.now() + waitMs;
        while (!fresh() && Date.now() < end) await new Promise(resolve => setTimeout(resolve, 200));
        return fresh();
    }

    /** Import and sample reuse the CLI's commands in-process, so both behave exactly alike. */
    async importData(params: ImportParams, token?: CancellationToken): Promise<CommandResult> {
        const args = ['--db', params.store];
        for (const file of params.files) args.push(`--${file.table}`, file.path);
        const out = await runCliCommand('import', args, token);
        await this.engines.invalidate(params.store);
        return { message: out.trim() || `Imported ${params.files.map(f => path.basename(f.path)).join(', ')} into ${path.basename(params.store)}.` };
    }

    async createSample(params: CreateSampleParams, token?: CancellationToken): Promise<CommandResult> {
        // The save dialog already asked before replacing an existing file.
        const args = ['--db', params.store, '--force'];
        if (params.contacts) args.push('--contacts', String(params.contacts));
        const out = await runCliCommand('sample', args, token);
        await this.engines.invalidate(params.store);
        return { message: out.trim() || `Wrote the sample store ${params.store}.` };
    }
}

function cancelled(): ResponseError<void> {
    return new ResponseError(LSPErrorCodes.RequestCancelled, 'The run was cancelled.');
}

/** Runs one `journey` command with captured output; its stderr becomes the error message. */
async function runCliCommand(name: string, args: string[], token?: CancellationToken): Promise<string> {
    const entry = COMMANDS[name];
    if (!entry) throw new Error(`The command "${name}" is not available in this build.`);
    const command = await entry.load();
    let out = '';
    let err = '';
    const code = await command.run(args, {
        stdout: text => { out += text; },
        stderr: text => { err += text; },
        cwd: process.cwd(),
        isTTY: false,
        signal: signalOf(token),
    });
    if (code !== 0) throw new Error(err.trim() || `journey ${name} failed (exit ${code}).`);
    return out;
}

/** Wires the handlers to the connection; `main.ts` calls this once. */
/**
 * Wraps a request handler so that a failure reaches the client as one clear
 * sentence (a ResponseError) while the stack stays in the server log.
 */
export function guardedHandler(connection: Connection) {
    return <P, R>(handler: (params: P, token: CancellationToken) => Promise<R>) =>
        async (params: P, token: CancellationToken): Promise<R> => {
            try {
                return await handler(params, token);
            } catch (error) {
                if (error instanceof ResponseError) throw error;
                connection.console.error((error as Error)?.stack ?? String(error));
                throw new ResponseError(1, (error as Error)?.message ?? String(error));
            }
        };
}

export function registerJourneyReportRequests(connection: Connection, services: JourneyServices): JourneyReportRequests {
    const requests = new JourneyReportRequests(services);
    const guard = guardedHandler(connection);
    connection.onRequest(JourneyMethods.run, guard(async (p: RunJourneyParams, t) => {
        const result = await requests.run(p, t, progress => void connection.sendNotification(JourneyMethods.progress, progress));
        // Kept for results-driven quick fixes (Pathfinder to stages, journey-pathfinder-actions.ts).
        if (!result.error) lastReports.remember(p.uri, result.reports);
        return result;
    }));
    connection.onRequest(JourneyMethods.exportList, guard((p: ExportListParams, t) => requests.exportList(p, t)));
    connection.onRequest(JourneyMethods.exportUnsummarized, guard((p: ExportUnsummarizedParams, t) => requests.exportUnsummarized(p, t)));
    connection.onRequest(JourneyMethods.storeInfo, guard((p: StoreParams) => requests.storeInfo(p)));
    connection.onRequest(JourneyMethods.importData, guard((p: ImportParams, t) => requests.importData(p, t)));
    connection.onRequest(JourneyMethods.formatReport, guard(async (p: FormatReportParams) => {
        if (p.format !== 'html' && p.format !== 'csv') throw new Error(`Reports export as html or csv here, not ${String(p.format)}.`);
        return formatReports(p.reports, p.format, p.reports.length === 1);
    }));
    connection.onRequest(JourneyMethods.createSample, guard((p: CreateSampleParams, t) => requests.createSample(p, t)));
    return requests;
}

export type { EngineName };
