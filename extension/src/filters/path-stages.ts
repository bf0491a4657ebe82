/**
 * "Add as stages" from a Pathfinder row of the report page: the row's events
 * (read from the panel's own last report, never from the page) become stages
 * before or after the stage, the file is formatted, shown and saved — saving
 * re-runs the report with the new stages.
 */
import * as vscode from 'vscode';
import type { WebviewToHostMessage } from '../../../protocol/journey-protocol.js';
import { insertPathStages } from '../../../language-server/journey-pathfinder-stages.js';
import type { ReportPanel } from '../report-panels.js';

export async function addPathStages(panel: ReportPanel, message: Extract<WebviewToHostMessage, { type: 'pathStages' }>): Promise<void> {
    const paths = panel.lastPayload?.reports.find(r => r.journey === message.journey)?.stages.find(s => s.name === message.stage)?.paths;
    const row = paths?.rows[message.row];
    if (!paths || !row) {
        void vscode.window.showErrorMessage(`The report has no Pathfinder row ${message.row + 1} for "${message.stage}"; run the journey again.`);
        return;
    }
    const document = await vscode.workspace.openTextDocument(panel.uri);
    const limit = vscode.workspace.getConfiguration('journey').get<{ stages?: number }>('limits')?.stages ?? 15;
    const result = insertPathStages(document.getText(), { journey: message.journey, stage: message.stage, direction: paths.direction, events: row.events }, limit);
    if (!result.ok) {
        void vscode.window.showErrorMessage(result.message);
        return;
    }
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), result.text);
    if (!await vscode.workspace.applyEdit(edit)) throw new Error(`Could not edit ${document.fileName}.`);
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, preserveFocus: true });
    await document.save();
    void vscode.window.showInformationMessage(`Added ${result.added.map(n => `"${n}"`).join(', ')} ${paths.direction} "${message.stage}".`);
}
