/**
 * Activation: the language client (server in its own process), code lenses,
 * stage annotations, the status bar, report panels and the commands. The
 * host stays light: it reads settings and relays; runs happen in the server.
 */
import * as vscode from 'vscode';
import { findJourneyHeaders, findStageHeaders } from './code-lenses.js';
import { registerCommands } from './commands.js';
import { JourneyClient } from './journey-client.js';
import { REPORT_VIEW_TYPE, ReportPanels, type PanelHost } from './report-panels.js';
import { annotationsFor, StageDecorations } from './stage-annotations.js';
import { StoreStatus } from './status-bar.js';
import { currentSettings, currentStorePath, RESTRICTED_MESSAGE, StoreAccess } from './store-access.js';
import { handleFilterMessage } from './filters/preview-filters.js';
import { addPathStages } from './filters/path-stages.js';
import { registerEditorUx } from './editor-ux.js';

let journeyClient: JourneyClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    const access = new StoreAccess(context.workspaceState);
    // In Restricted Mode (or for a store outside the workspace not yet allowed) the server gets
    // no store, so it never opens one; diagnostics, completion and hover still work without it.
    journeyClient = new JourneyClient(context, async () => {
        const settings = currentSettings();
        const store = await access.storeToOpen(false);
        return { ...(store ? { store } : {}), engine: settings.engine, limits: settings.limits, today: settings.today ?? '' };
    });
    const client = journeyClient;
    access.onAllowed = () => void client.pushSettings();
    const decorations = new StageDecorations(vscode);
    const status = new StoreStatus();
    context.subscriptions.push(decorations, status, client);

    const host: PanelHost = {
        async runFile(uri, token, onProgress, filters) {
            const store = await access.storeToOpen();
            if (!store) throw new Error(vscode.workspace.isTrusted ? 'No store to run on: pick one with "Journey: Select Store".' : RESTRICTED_MESSAGE);
            const settings = currentSettings();
            const document = await vscode.workspace.openTextDocument(uri);
            const version = document.version;
            const result = await vscode.window.withProgress(
                { location: vscode.ProgressLocation.Window, title: 'Journey' },
                progress => client.run({ uri: uri.toString(), text: document.getText(), store, engine: settings.engine, today: settings.today, ...(filters ? { filters } : {}) },
                    token, p => { onProgress(p.fraction, p.message); progress.report({ message: p.message }); }));
            // Filtered numbers are not the file's: the inline annotations keep showing the file as written.
            if (!result.error && !filters && document.version === version) decorations.set(document, annotationsFor(result.reports, result.locations));
            return { result, store };
        },
        onPageMessage(panel, message) {
            switch (message.type) {
                case 'createList':
                    void vscode.commands.executeCommand('journey.createStaticList', panel.uri, message.journey, message.stage, message.mode);
                    break;
                case 'exportUnsummarized':
                    void vscode.commands.executeCommand('journey.exportUnsummarized', panel.uri, message.journey);
                    break;
                case 'exportReport':
                    void vscode.commands.executeCommand('journey.exportReport', panel.uri);
                    break;
                case 'revealStage':
                    void revealStage(panel.uri, message.journey, message.stage);
                    break;
                case 'setFilters':
                case 'writeDates':
                    void handleFilterMessage(panel, message);
                    break;
                case 'pathStages':
                    void addPathStages(panel, message);
                    break;
            }
        },
    };
    const panels = new ReportPanels(context.extensionUri, host);
    context.subscriptions.push(panels, vscode.window.registerWebviewPanelSerializer(REPORT_VIEW_TYPE, panels));

    const refreshStatus = async () => {
        if (!vscode.workspace.isTrusted) return status.show(undefined, true);
        const store = await access.storeToOpen(false);
        if (!store) return status.show(undefined, false, `journey.store (${currentStorePath()}) is outside the workspace; run a journey to be asked before it is opened.`);
        try {
            status.show(await client.storeInfo({ store, engine: currentSettings().engine }), false);
        } catch (error) {
            status.show({ store, exists: true, totalEvents: -1, eventTypes: -1 }, false, (error as Error).message);
        }
    };
    let storeWatcher: vscode.FileSystemWatcher | undefined;
    const watchStore = () => {
        storeWatcher?.dispose();
        const store = currentStorePath();
        if (store.includes('://')) return;
        // The folder of the store with the file's name as the pattern: exactly this file is watched.
        storeWatcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.joinPath(vscode.Uri.file(store), '..'), vscode.Uri.file(store).path.split('/').pop()!));
        let timer: NodeJS.Timeout | undefined;
        const changed = () => { clearTimeout(timer); timer = setTimeout(storeChanged, 500); };
        storeWatcher.onDidChange(changed);
        storeWatcher.onDidCreate(changed);
        storeWatcher.onDidDelete(changed);
    };
    const storeChanged = () => {
        void client.pushSettings();
        void refreshStatus();
        if (vscode.workspace.isTrusted) panels.refreshAll();
    };
    context.subscriptions.push({ dispose: () => storeWatcher?.dispose() });

    registerCommands(context, { client, panels, access, storeChanged });
    // Compare with a previous version, new journey from a sample or guided, the walkthrough's steps.
    registerEditorUx(context, { client, panels, access });

    context.subscriptions.push(
        vscode.languages.registerCodeLensProvider({ language: 'journey' }, {
            provideCodeLenses(document) {
                return findJourneyHeaders(document.getText()).flatMap(header => {
                    const range = new vscode.Range(header.line, 0, header.line, 0);
                    return [
                        new vscode.CodeLens(range, { title: '▶ Run', command: 'journey.run', arguments: [document.uri, header.name], tooltip: `Run "${header.name}" and show its report` }),
                        new vscode.CodeLens(range, { title: 'Open preview to the side', command: 'journey.openPreview', arguments: [document.uri] }),
                    ];
                });
            },
        }),
        vscode.workspace.onDidSaveTextDocument(document => {
            const panel = panels.get(document.uri);
            if (panel && vscode.workspace.isTrusted) void panel.refresh();
        }),
        vscode.workspace.onDidChangeTextDocument(event => decorations.documentChanged(event.document)),
        vscode.window.onDidChangeVisibleTextEditors(() => decorations.paintAll()),
        vscode.workspace.onDidChangeConfiguration(event => {
            if (event.affectsConfiguration('journey.store')) watchStore();
            if (event.affectsConfiguration('journey.store') || event.affectsConfiguration('journey.engine') || event.affectsConfiguration('journey.today')) storeChanged();
            else if (event.affectsConfiguration('journey')) void client.pushSettings();
        }),
        vscode.workspace.onDidGrantWorkspaceTrust(() => {
            watchStore();
            storeChanged();
        }),
    );

    await client.start();
    if (vscode.workspace.isTrusted) watchStore();
    void refreshStatus();
}

async function revealStage(uri: vscode.Uri, journey: string, stage: string): Promise<void> {
    const document = await vscode.workspace.openTextDocument(uri);
    const header = findStageHeaders(document.getText()).find(s => s.journey === journey && s.name === stage);
    const editor = await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One });
    if (header) {
        const position = new vscode.Position(header.line, 0);
        editor.selection = new vscode.Selection(position, position);
        editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }
}

export async function deactivate(): Promise<void> {
    await journeyClient?.dispose();
}
