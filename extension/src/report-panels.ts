/**
 * One report panel per journey file. Panels keep their state when hidden
 * (the page stores its last report with setState), are restored after a
 * reload by the serializer, and re-run on save of their file or a change of
 * the store. The host only relays: runs happen in the language server.
 */
import * as vscode from 'vscode';
import path from 'node:path';
import {
    parseWebviewMessage, parseWebviewState, type HostToWebviewMessage, type ReportPayload, type RunJourneyResult,
    type WebviewToHostMessage,
} from '../../protocol/journey-protocol.js';
import { buildWebviewHtml, makeNonce } from './webview-html.js';
import type { ReportFilters } from '../../engine/report-filters.js';

export const REPORT_VIEW_TYPE = 'journey.report';

export interface PanelHost {
    /** Runs the file's journeys with a progress callback; rejects with a one-sentence error. */
    runFile(uri: vscode.Uri, token: vscode.CancellationToken, onProgress: (fraction: number, message: string) => void,
        filters?: ReportFilters): Promise<{ result: RunJourneyResult; store: string }>;
    /** Handles page requests that need the host (lists, exports, reveal). */
    onPageMessage(panel: ReportPanel, message: WebviewToHostMessage): void;
}

export class ReportPanel {
    private runCancel?: vscode.CancellationTokenSource;
    private readonly imageWaiters = new Map<string, { resolve: (data: string) => void; reject: (e: Error) => void }>();
    lastPayload?: ReportPayload;
    /** The journey the page should show first after the next run. */
    focus?: string;
    /** The preview's filters (extension/src/filters): every run of this panel uses them until cleared. */
    filters?: ReportFilters;

    constructor(readonly uri: vscode.Uri, readonly panel: vscode.WebviewPanel, private readonly extensionUri: vscode.Uri,
        private readonly host: PanelHost, private readonly onDispose: () => void) {
        panel.webview.options = webviewOptions(extensionUri);
        panel.webview.html = this.html();
        panel.iconPath = vscode.Uri.joinPath(extensionUri, 'extension', 'media', 'icon.png');
        panel.webview.onDidReceiveMessage(raw => {
            const message = parseWebviewMessage(raw);
            if (!message) return; // unknown or malformed: ignored
            if (message.type === 'image') this.imageWaiters.get(message.requestId)?.resolve(message.data);
            else if (message.type === 'imageFailed') this.imageWaiters.get(message.requestId)?.reject(new Error(message.message));
            else if (message.type === 'ready') this.replay();
            else if (message.type === 'refresh') void this.refresh();
            else if (message.type === 'cancel') this.runCancel?.cancel();
            else this.host.onPageMessage(this, message);
        });
        panel.onDidDispose(() => {
            this.runCancel?.cancel();
            this.onDispose();
        });
    }

    private html(): string {
        const webview = this.panel.webview;
        return buildWebviewHtml({
            cspSource: webview.cspSource,
            nonce: makeNonce(),
            scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'out', 'webview.js')).toString(),
            styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'extension', 'media', 'report.css')).toString(),
            title: `Journey report: ${path.basename(this.uri.fsPath)}`,
        });
    }

    /** The last report or error shown, replayed when the page (re)loads: messages sent before its script ran are lost. */
    private lastShown?: HostToWebviewMessage;

    post(message: HostToWebviewMessage): void {
        if (message.type === 'report' || message.type === 'error') this.lastShown = message;
        void this.panel.webview.postMessage(message);
    }

    private replay(): void {
        if (this.lastShown?.type === 'error' && this.lastPayload) this.post({ type: 'report', payload: this.lastPayload });
        if (this.lastShown) this.post(this.lastShown);
    }

    /** Runs again; a newer run cancels an older one still in flight. */
    async refresh(): Promise<RunJourneyResult | undefined> {
        this.runCancel?.cancel();
        const cancel = new vscode.CancellationTokenSource();
        this.runCancel = cancel;
        this.post({ type: 'running', fraction: 0, message: 'Running…' });
        try {
            const { result, store } = await this.host.runFile(this.uri, cancel.token,
                (fraction, message) => this.post({ type: 'running', fraction, message }), this.filters);
            if (cancel.token.isCancellationRequested) {
                // Superseded runs stay silent; a run the user stopped says so.
                if (this.runCancel === cancel) this.post({ type: 'error', message: 'The run was cancelled.' });
                return undefined;
            }
            if (result.error) {
                this.post({ type: 'error', message: result.error });
                return result;
            }
            this.lastPayload = {
                uri: this.uri.toString(), fileName: path.basename(this.uri.fsPath), store, ranAt: new Date().toISOString(),
                reports: result.reports, focus: this.focus, ...(this.filters ? { filters: this.filters } : {}),
            };
            this.post({ type: 'report', payload: this.lastPayload });
            return result;
        } catch (error) {
            if (!cancel.token.isCancellationRequested) this.post({ type: 'error', message: (error as Error).message });
            else if (this.runCancel === cancel) this.post({ type: 'error', message: 'The run was cancelled.' });
            return undefined;
        } finally {
            if (this.runCancel === cancel) this.runCancel = undefined;
            cancel.dispose();
        }
    }

    /** The funnel chart of a journey as PNG (data URL) or SVG text, rendered by the page. */
    renderImage(format: 'png' | 'svg', journey: string): Promise<string> {
        const requestId = `img-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
        return new Promise<string>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error('The report page did not answer; open the preview and try again.')), 20_000);
            this.imageWaiters.set(requestId, {
                resolve: data => { clearTimeout(timer); this.imageWaiters.delete(requestId); resolve(data); },
                reject: error => { clearTimeout(timer); this.imageWaiters.delete(requestId); reject(error); },
            });
            this.post({ type: 'renderImage', requestId, format, journey });
        });
    }
}

/** Scripts on; resources only from the extension's out/ and media/ folders. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
    return {
        enableScripts: true,
        enableCommandUris: false,
        localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'out'), vscode.Uri.joinPath(extensionUri, 'extension', 'media')],
    };
}

export class ReportPanels implements vscode.WebviewPanelSerializer {
    private readonly panels = new Map<string, ReportPanel>();

    constructor(private readonly extensionUri: vscode.Uri, private readonly host: PanelHost) {}

    get(uri: vscode.Uri): ReportPanel | undefined {
        return this.panels.get(uri.toString());
    }

    all(): ReportPanel[] {
        return [...this.panels.values()];
    }

    /** The panel that is focused, else the only one. */
    active(): ReportPanel | undefined {
        return this.all().find(p => p.panel.active) ?? (this.panels.size === 1 ? this.all()[0] : undefined);
    }

    /** Shows (creating if needed) the file's panel beside the editor and runs it. */
    async open(uri: vscode.Uri, preserveFocus = true): Promise<ReportPanel> {
        let panel = this.get(uri);
        if (panel) {
            panel.panel.reveal(vscode.ViewColumn.Beside, preserveFocus);
        } else {
            const webviewPanel = vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, title(uri),
                { viewColumn: vscode.ViewColumn.Beside, preserveFocus },
                { ...webviewOptions(this.extensionUri), retainContextWhenHidden: true });
            panel = this.adopt(uri, webviewPanel);
        }
        return panel;
    }

    private adopt(uri: vscode.Uri, webviewPanel: vscode.WebviewPanel): ReportPanel {
        const panel = new ReportPanel(uri, webviewPanel, this.extensionUri, this.host, () => this.panels.delete(uri.toString()));
        this.panels.set(uri.toString(), panel);
        return panel;
    }

    /** Restores a panel after a reload: the page shows its saved report at once, then it re-runs. */
    async deserializeWebviewPanel(webviewPanel: vscode.WebviewPanel, state: unknown): Promise<void> {
        const parsed = parseWebviewState(state);
        if (!parsed) {
            webviewPanel.dispose();
            return;
        }
        const uri = vscode.Uri.parse(parsed.uri);
        webviewPanel.title = title(uri);
        const panel = this.adopt(uri, webviewPanel);
        if (parsed.payload) panel.post({ type: 'report', payload: parsed.payload });
        if (vscode.workspace.isTrusted) void panel.refresh();
    }

    refreshAll(): void {
        for (const panel of this.panels.values()) void panel.refresh();
    }

    dispose(): void {
        for (const panel of this.all()) panel.panel.dispose();
    }
}

function title(uri: vscode.Uri): string {
    return `Report: ${path.basename(uri.fsPath)}`;
}
