/**
 * The compare view: one webview with both versions' reports side by side and
 * the deltas highlighted (extension/webview/compare/). One panel per journey
 * file; a new comparison of the same file reuses it. Same strict CSP as the
 * report page; the page gets JSON only.
 */
import * as vscode from 'vscode';
import path from 'node:path';
import { parseCompareToHost, type HostToCompareMessage } from '../../../protocol/journey-compare-messages.js';
import { buildWebviewHtml, makeNonce } from '../webview-html.js';
import { webviewOptions } from '../report-panels.js';

export const COMPARE_VIEW_TYPE = 'journey.compare';

export class ComparePanels implements vscode.Disposable {
    private readonly panels = new Map<string, { panel: vscode.WebviewPanel; last?: HostToCompareMessage }>();

    constructor(private readonly extensionUri: vscode.Uri) {}

    /** Shows the file's compare panel (created when needed) and returns a poster for it. */
    show(uri: vscode.Uri): (message: HostToCompareMessage) => void {
        const key = uri.toString();
        let entry = this.panels.get(key);
        if (entry) {
            entry.panel.reveal(vscode.ViewColumn.Beside, true);
        } else {
            const panel = vscode.window.createWebviewPanel(COMPARE_VIEW_TYPE, `Compare: ${path.basename(uri.fsPath)}`,
                { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { ...webviewOptions(this.extensionUri), retainContextWhenHidden: true });
            panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'extension', 'media', 'icon.png');
            panel.webview.html = buildWebviewHtml({
                cspSource: panel.webview.cspSource,
                nonce: makeNonce(),
                scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'out', 'compare.js')).toString(),
                styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'extension', 'media', 'report.css')).toString(),
                title: `Compare: ${path.basename(uri.fsPath)}`,
            });
            const created = { panel, last: undefined as HostToCompareMessage | undefined };
            // Messages sent before the page's script ran are lost: replay the last one when it says it is ready.
            panel.webview.onDidReceiveMessage(raw => {
                if (parseCompareToHost(raw) && created.last) void panel.webview.postMessage(created.last);
            });
            panel.onDidDispose(() => this.panels.delete(key));
            this.panels.set(key, created);
            entry = created;
        }
        const target = entry;
        return message => {
            target.last = message;
            void target.panel.webview.postMessage(message);
        };
    }

    dispose(): void {
        for (const { panel } of this.panels.values()) panel.dispose();
    }
}
