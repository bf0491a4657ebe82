/**
 * The editor's review and creation requests (protocol: journey/compare,
 * journey/revisions, journey/catalogEvents). Compare reads the older version
 * through git (`journey diff`'s REV:path reader), diffs both versions in
 * meaning (engine/diff) and runs both on the store, so the extension host
 * only shows the answer.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { URI } from 'langium';
import type { CancellationToken, Connection } from 'vscode-languageserver';
import type { JourneyServices } from './journey-module.js';
import { guardedHandler, type JourneyReportRequests } from './journey-report-requests.js';
import { parseForDiff, readJourneySource } from '../cli/commands/diff.js';
import { diffJourneyFiles } from '../engine/diff/journey-diff.js';
import { journeyDelta } from '../engine/diff/result-delta.js';
import { utcToday } from '../engine/dates.js';
import { readCatalog } from '../engine/stores/sqljs/catalog-reader.js';
import type { StoreCatalog } from '../engine/catalog.js';
import type { JourneyReport } from '../engine/report.js';
import {
    JourneyMethods, type CatalogEventsResult, type CompareJourney, type CompareParams, type CompareResult, type FileRevision,
    type ProgressParams, type RevisionsParams, type RevisionsResult, type StoreParams,
} from '../protocol/journey-protocol.js';

/** Commits offered in the "compare with" pick list, newest first. */
export const MAX_REVISIONS = 50;

function git(args: string[], cwd: string): Promise<string> {
    return new Promise((resolve, reject) => {
        execFile('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
            if (error) reject(new Error(stderr.trim() || error.message)); else resolve(stdout);
        });
    });
}

/** `git log` lines `hash \t short \t date \t subject` → revisions. Pure, for tests. */
export function parseRevisions(log: string): FileRevision[] {
    return log.split('\n').filter(line => line.includes('\t')).map(line => {
        const [rev, short, date, ...subject] = line.split('\t');
        return { rev, short, date, subject: subject.join('\t') };
    });
}

/** The catalog's events, most events first, as the guided creation lists them. */
export function catalogEventList(catalog: StoreCatalog): CatalogEventsResult['events'] {
    return [...catalog.events.values()]
        .map(e => ({ name: e.name, category: e.category, objectType: e.objectType, count: e.count }))
        .sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export class JourneyEditorRequests {
    constructor(private readonly services: JourneyServices, private readonly reports: JourneyReportRequests) {}

    async revisions(params: RevisionsParams): Promise<RevisionsResult> {
        const file = URI.parse(params.uri).fsPath;
        const log = await git(['log', `-n${MAX_REVISIONS}`, '--format=%H%x09%h%x09%ad%x09%s', '--date=short', '--', path.basename(file)], path.dirname(file))
            .catch(error => { throw new Error(`${path.basename(file)} is not in a git repository with history (${(error as Error).message.split('\n')[0]}).`); });
        const revisions = parseRevisions(log);
        if (revisions.length === 0) throw new Error(`${path.basename(file)} has no committed version to compare with.`);
        return { revisions };
    }

    async compare(params: CompareParams, token: CancellationToken | undefined, progress: (p: ProgressParams) => void): Promise<CompareResult> {
        const file = URI.parse(params.uri).fsPath;
        const name = path.basename(file);
        const today = params.today || utcToday();
        const before = 'rev' in params.before
            ? await readJourneySource(`${params.before.rev}:${name}`, { cwd: path.dirname(file), stderr: () => undefined })
            : { label: params.before.label, displayPath: params.before.label, text: params.before.text };
        const oldLabel = 'rev' in params.before ? `${params.before.rev.slice(0, 12)}:${name}` : params.before.label;
        const after = { label: name, displayPath: name, text: params.text };
        const [oldJourneys, newJourneys] = [await parseForDiff(before, today), await parseForDiff(after, today)];
        const diff = diffJourneyFiles(oldJourneys, newJourneys);
        // Both versions run through the normal run request: same validation, engine cache and cancellation.
        const run = async (text: string, share: number): Promise<JourneyReport[]> => {
            if (!text.trim()) return [];
            const result = await this.reports.run({ ...params, text, progressToken: params.progressToken }, token,
                p => progress({ ...p, fraction: share * 0.5 + p.fraction * 0.5, message: `${share ? 'after' : 'before'}: ${p.message}` }));
            if (result.error) throw new Error(`${share ? name : oldLabel}: ${result.error}`);
            return result.reports;
        };
        const [oldReports, newReports] = [await run(before.text, 0), await run(after.text, 1)];
        const journeys: CompareJourney[] = diff.journeys.map(j => {
            const a = j.oldIndex === undefined ? undefined : oldReports[j.oldIndex];
            const b = j.newIndex === undefined ? undefined : newReports[j.newIndex];
            return {
                ...(j.oldName === undefined ? {} : { oldName: j.oldName }),
                ...(j.newName === undefined ? {} : { newName: j.newName }),
                status: j.status, changes: j.changes.map(c => c.message), delta: journeyDelta(j, a, b),
                ...(a ? { before: a } : {}), ...(b ? { after: b } : {}),
            };
        });
        return { oldLabel, newLabel: name, meaningChanged: diff.meaningChanged, journeys };
    }

    /** The settings store's catalog is already in memory; another store is read on demand. */
    async catalogEvents(params: StoreParams): Promise<CatalogEventsResult> {
        const provider = this.services.catalog.CatalogProvider;
        const loaded = provider.catalog;
        const catalog = loaded && path.resolve(loaded.store) === path.resolve(params.store) ? loaded : await readCatalog(params.store);
        return { events: catalogEventList(catalog) };
    }
}

export function registerJourneyEditorRequests(connection: Connection, services: JourneyServices, reports: JourneyReportRequests): JourneyEditorRequests {
    const requests = new JourneyEditorRequests(services, reports);
    const guard = guardedHandler(connection);
    connection.onRequest(JourneyMethods.revisions, guard((p: RevisionsParams) => requests.revisions(p)));
    connection.onRequest(JourneyMethods.catalogEvents, guard((p: StoreParams) => requests.catalogEvents(p)));
    connection.onRequest(JourneyMethods.compare, guard((p: CompareParams, t) =>
        requests.compare(p, t, progress => void connection.sendNotification(JourneyMethods.progress, progress))));
    return requests;
}
