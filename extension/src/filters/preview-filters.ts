/**
 * The host side of the preview's filters: a `setFilters` message re-runs the
 * panel narrowed (the file is not touched); `writeDates` writes the chosen
 * range into the file as its `dates` line and saves it, after which the
 * panel runs the file as written (the date filter is no longer needed).
 */
import * as vscode from 'vscode';
import type { WebviewToHostMessage } from '../../../protocol/journey-protocol.js';
import type { ReportPanel } from '../report-panels.js';
import { writeDatesLine } from './dates-line.js';
import { effectiveFilters } from './effective-filters.js';

export async function handleFilterMessage(panel: ReportPanel, message: Extract<WebviewToHostMessage, { type: 'setFilters' | 'writeDates' }>): Promise<void> {
    if (message.type === 'setFilters') {
        panel.filters = effectiveFilters(message.filters);
        await panel.refresh();
        return;
    }
    const document = await vscode.workspace.openTextDocument(panel.uri);
    const edit = writeDatesLine(document.getText(), message.journey, message.from, message.to);
    if (!edit.ok) {
        void vscode.window.showErrorMessage(edit.message);
        return;
    }
    if (panel.filters) panel.filters = effectiveFilters({ ...panel.filters, from: undefined, to: undefined });
    const whole = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
    const workspaceEdit = new vscode.WorkspaceEdit();
    workspaceEdit.replace(document.uri, whole, edit.text);
    if (!await vscode.workspace.applyEdit(workspaceEdit)) throw new Error(`Could not edit ${document.fileName}.`);
    // Saving re-runs the panel (extension.ts refreshes a file's panel on save).
    await document.save();
    void vscode.window.showInformationMessage(`Wrote "dates from ${message.from} to ${message.to}" into ${vscode.workspace.asRelativePath(document.uri)}.`);
}
