/**
 * The palette / context-menu commands. Each resolves its inputs (arguments
 * from a code lens or the page, else the active editor, else quick picks),
 * checks that the store may be opened, and hands heavy work to the server.
 */
import * as vscode from 'vscode';
import path from 'node:path';
import type { ImportTable, ListMode } from '../../protocol/journey-protocol.js';
import { findJourneyHeaders, findStageHeaders } from './code-lenses.js';
import type { JourneyClient } from './journey-client.js';
import type { ReportPanels } from './report-panels.js';
import { currentSettings, RESTRICTED_MESSAGE, type StoreAccess } from './store-access.js';
import { storeSettingFor } from './settings.js';
import { formatCount } from '../../report-view/numbers.js';
import { listWrittenMessage, slug } from './command-messages.js';

export interface CommandDeps {
    client: JourneyClient;
    panels: ReportPanels;
    access: StoreAccess;
    /** Re-reads the store for the status bar and re-runs open reports. */
    storeChanged: () => void;
}

function journeyUri(arg: unknown): vscode.Uri | undefined {
    if (arg instanceof vscode.Uri) return arg;
    if (typeof arg === 'string') return vscode.Uri.parse(arg);
    const editor = vscode.window.activeTextEditor;
    if (editor?.document.languageId === 'journey') return editor.document.uri;
    return undefined;
}

async function journeyText(uri: vscode.Uri): Promise<string> {
    return (await vscode.workspace.openTextDocument(uri)).getText();
}

function folderUri(): vscode.Uri | undefined {
    return vscode.workspace.workspaceFolders?.[0]?.uri;
}

async function pickJourney(uri: vscode.Uri, given: unknown): Promise<string | undefined> {
    if (typeof given === 'string') return given;
    const names = findJourneyHeaders(await journeyText(uri)).map(h => h.name);
    if (names.length <= 1) return names[0];
    return vscode.window.showQuickPick(names, { placeHolder: 'Which journey?' });
}

function noJourneyFile(): void {
    void vscode.window.showErrorMessage('Open a .journey file first (the command works on the active journey file).');
}

/** Registers a command whose failure is shown as one error message instead of an unhandled rejection. */
export function registerSafeCommand(context: vscode.ExtensionContext, id: string, run: (...args: unknown[]) => unknown): void {
    context.subscriptions.push(vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
            return await run(...args);
        } catch (error) {
            void vscode.window.showErrorMessage((error as Error).message);
            return undefined;
        }
    }));
}

export function registerCommands(context: vscode.ExtensionContext, deps: CommandDeps): void {
    const { client, panels, access } = deps;
    const register = (id: string, run: (...args: unknown[]) => unknown) => registerSafeCommand(context, id, run);

    const openAndRun = async (uriArg: unknown, journey: unknown, preserveFocus: boolean) => {
        const uri = journeyUri(uriArg);
        if (!uri) return noJourneyFile();
        const panel = await panels.open(uri, preserveFocus);
        panel.focus = typeof journey === 'string' ? journey : undefined;
        if (!vscode.workspace.isTrusted) {
            panel.post({ type: 'error', message: RESTRICTED_MESSAGE });
            return;
        }
        return panel.refresh();
    };
    register('journey.run', (uri, journey) => openAndRun(uri, journey, true));
    register('journey.openPreview', uri => openAndRun(uri, undefined, true));

    register('journey.createStaticList', async (uriArg, journeyArg, stageArg, modeArg) => {
        const uri = journeyUri(uriArg);
        if (!uri) return noJourneyFile();
        const journey = await pickJourney(uri, journeyArg);
        if (!journey) return;
        let stage = typeof stageArg === 'string' ? stageArg : undefined;
        if (!stage) {
            const stages = findStageHeaders(await journeyText(uri)).filter(s => s.journey === journey).map(s => s.name);
            stage = await vscode.window.showQuickPick(stages, { placeHolder: 'Create a list from which stage?' });
        }
        if (!stage) return;
        let mode = modeArg === 'reached' || modeArg === 'dropped' ? modeArg as ListMode : undefined;
        if (!mode) {
            const picked = await vscode.window.showQuickPick([
                { label: 'Reached', description: `objects counted at "${stage}"`, mode: 'reached' as const },
                { label: 'Dropped', description: `objects counted at "${stage}" but not at the next required stage`, mode: 'dropped' as const },
            ], { placeHolder: 'Which objects?' });
            mode = picked?.mode;
        }
        if (!mode) return;
        const store = await access.storeToOpen();
        if (!store) return;
        const out = await vscode.window.showSaveDialog({
            defaultUri: folderUri() && vscode.Uri.joinPath(folderUri()!, `${slug(journey)}-${slug(stage)}-${mode}.csv`),
            filters: { CSV: ['csv'] }, title: `Static list: ${stage} (${mode})`,
        });
        if (!out) return;
        const settings = currentSettings();
        const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Creating the list "${stage}" (${mode})…`, cancellable: true },
            (_progress, token) => client.exportList({
                uri: uri.toString(), text: undefined, journey, stage: stage!, mode: mode!, store, engine: settings.engine, today: settings.today, out: out.fsPath,
            }, token));
        const message = listWrittenMessage(result.rows, result.cut, result.out);
        if (message.warn) void vscode.window.showWarningMessage(message.text);
        else void vscode.window.showInformationMessage(message.text);
        return result;
    });

    register('journey.exportUnsummarized', async (uriArg, journeyArg) => {
        const uri = journeyUri(uriArg);
        if (!uri) return noJourneyFile();
        const journey = await pickJourney(uri, journeyArg);
        if (!journey) return;
        const store = await access.storeToOpen();
        if (!store) return;
        const out = await vscode.window.showSaveDialog({
            defaultUri: folderUri() && vscode.Uri.joinPath(folderUri()!, `${slug(journey)}-unsummarized.csv`), filters: { CSV: ['csv'] },
        });
        if (!out) return;
        const settings = currentSettings();
        const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Exporting "${journey}"…`, cancellable: true },
            (_progress, token) => client.exportUnsummarized({ uri: uri.toString(), journey, store, engine: settings.engine, today: settings.today, out: out.fsPath }, token));
        void vscode.window.showInformationMessage(`Wrote ${formatCount(result.rows)} rows to ${path.basename(result.out)}.`);
        return result;
    });

    register('journey.exportReport', async (uriArg, formatArg) => {
        const uri = journeyUri(uriArg) ?? panels.active()?.uri;
        if (!uri) return noJourneyFile();
        let panel = panels.get(uri);
        if (!panel?.lastPayload) {
            await openAndRun(uri, undefined, true);
            panel = panels.get(uri);
        }
        const payload = panel?.lastPayload;
        if (!panel || !payload) return;
        const format = typeof formatArg === 'string' ? formatArg
            : (await vscode.window.showQuickPick(['HTML', 'CSV', 'PNG', 'SVG'], { placeHolder: 'Export the report as…' }))?.toLowerCase();
        if (!format || !['html', 'csv', 'png', 'svg'].includes(format)) return;
        let journey: string | undefined = payload.reports[0]?.journey;
        if ((format === 'png' || format === 'svg') && payload.reports.length > 1) {
            journey = await vscode.window.showQuickPick(payload.reports.map(r => r.journey), { placeHolder: 'Chart of which journey?' });
        }
        if (!journey) return;
        const base = slug(format === 'png' || format === 'svg' ? journey : path.basename(uri.fsPath, '.journey'));
        const out = await vscode.window.showSaveDialog({
            defaultUri: folderUri() && vscode.Uri.joinPath(folderUri()!, `${base}.${format}`), filters: { [format.toUpperCase()]: [format] },
        });
        if (!out) return;
        let bytes: Uint8Array;
        // HTML and CSV are exactly what `journey run --format html|csv` writes; the images are the page's themed charts.
        if (format === 'csv' || format === 'html') bytes = new TextEncoder().encode(await client.formatReport({ reports: payload.reports, format }));
        else if (format === 'svg') bytes = new TextEncoder().encode(await panel.renderImage('svg', journey));
        else bytes = dataUrlBytes(await panel.renderImage('png', journey));
        await vscode.workspace.fs.writeFile(out, bytes);
        void vscode.window.showInformationMessage(`Exported the report to ${path.basename(out.fsPath)}.`);
        return out.fsPath;
    });

    register('journey.importEvents', async () => {
        const store = await access.storeToOpen();
        if (!store) return;
        const files = await vscode.window.showOpenDialog({
            canSelectMany: true, defaultUri: folderUri(), openLabel: 'Import', filters: { 'CSV or NDJSON': ['csv', 'ndjson', 'jsonl', 'json'] },
        });
        if (!files?.length) return;
        const tables: { label: ImportTable; description: string }[] = [
            { label: 'events', description: 'event rows (event_id, event_name, occurred_at, …)' },
            { label: 'objects', description: 'contacts, deals, tickets and their properties' },
            { label: 'identities', description: 'anonymous visitors identified as contacts' },
            { label: 'associations', description: 'links between objects' },
            { label: 'event-types', description: 'the event catalog' },
        ];
        const table = await vscode.window.showQuickPick(tables, { placeHolder: `Import ${files.length === 1 ? path.basename(files[0].fsPath) : `${files.length} files`} into which table?` });
        if (!table) return;
        const settings = currentSettings();
        const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Importing into ${path.basename(store)}…`, cancellable: true },
            (_progress, token) => client.importData({ store, engine: settings.engine, files: files.map(f => ({ table: table.label, path: f.fsPath })) }, token));
        void vscode.window.showInformationMessage(result.message);
        deps.storeChanged();
    });

    register('journey.createSampleStore', async () => {
        if (!vscode.workspace.isTrusted) return access.storeToOpen();
        const out = await vscode.window.showSaveDialog({
            defaultUri: folderUri() && vscode.Uri.joinPath(folderUri()!, 'journey.sqlite'), filters: { 'SQLite store': ['sqlite', 'db'] },
            title: 'Write the sample store to…',
        });
        if (!out) return;
        const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Writing the sample store…', cancellable: true },
            (_progress, token) => client.createSample({ store: out.fsPath }, token));
        await useStore(out.fsPath);
        void vscode.window.showInformationMessage(result.message);
    });

    const useStore = async (file: string) => {
        await access.allow(file);
        const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
        await vscode.workspace.getConfiguration('journey').update('store', storeSettingFor(file, folderUri()?.fsPath), target);
        deps.storeChanged();
    };

    register('journey.selectStore', async () => {
        if (!vscode.workspace.isTrusted) return access.storeToOpen();
        const found = await vscode.workspace.findFiles('**/*.{sqlite,sqlite3,db,duckdb}', '**/node_modules/**', 50);
        const browse = { label: '$(folder-opened) Browse…', file: '' };
        const picked = await vscode.window.showQuickPick([
            ...found.map(f => ({ label: vscode.workspace.asRelativePath(f), file: f.fsPath })), browse,
        ], { placeHolder: 'Select the journey store' });
        if (!picked) return;
        let file = picked.file;
        if (picked === browse) {
            const chosen = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'Stores': ['sqlite', 'sqlite3', 'db', 'duckdb'] } });
            if (!chosen?.[0]) return;
            file = chosen[0].fsPath;
        }
        await useStore(file);
    });
}

function dataUrlBytes(dataUrl: string): Uint8Array {
    const comma = dataUrl.indexOf(',');
    return Buffer.from(dataUrl.slice(comma + 1), 'base64');
}
