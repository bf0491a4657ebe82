/**
 * "Journey: Compare with Previous Version": the file's editor text against
 * git HEAD or a revision picked from the file's history, or (from the diff
 * editor's code lens) the diff's two sides. The server diffs and runs both;
 * the compare panel shows the reports side by side with the deltas.
 */
import * as vscode from 'vscode';
import path from 'node:path';
import {
    JourneyMethods, type CompareBefore, type CompareParams, type CompareResult, type RevisionsResult,
} from '../../../protocol/journey-protocol.js';
import type { JourneyClient } from '../journey-client.js';
import { currentSettings, RESTRICTED_MESSAGE, type StoreAccess } from '../store-access.js';
import type { ComparePanels } from './compare-panel.js';
import { diffPairsOf, versionLabel, type DiffPair } from './diff-sides.js';

export interface CompareDeps {
    client: JourneyClient;
    access: StoreAccess;
    panels: ComparePanels;
}

/** Arguments from the diff lens: the diff's older side. */
interface DiffArg { original: string }

async function pickRevision(client: JourneyClient, uri: vscode.Uri): Promise<CompareBefore | undefined> {
    const { revisions } = await client.client.sendRequest<RevisionsResult>(JourneyMethods.revisions, { uri: uri.toString() });
    const items = [
        { label: '$(git-commit) HEAD', description: 'the last committed version', rev: 'HEAD' },
        ...revisions.map(r => ({ label: `${r.short} ${r.subject}`, description: r.date, rev: r.rev })),
    ];
    const picked = await vscode.window.showQuickPick(items, { placeHolder: `Compare ${path.basename(uri.fsPath)} with which version?`, matchOnDescription: true });
    return picked && { rev: picked.rev };
}

export async function compareWithPrevious(deps: CompareDeps, uriArg: unknown, beforeArg: unknown): Promise<CompareResult | undefined> {
    const editor = vscode.window.activeTextEditor;
    const uri = uriArg instanceof vscode.Uri ? uriArg : typeof uriArg === 'string' ? vscode.Uri.parse(uriArg)
        : editor?.document.languageId === 'journey' ? editor.document.uri : undefined;
    if (!uri) throw new Error('Open a .journey file first (the comparison is of the active journey file).');
    let before: CompareBefore | undefined;
    if (beforeArg && typeof (beforeArg as DiffArg).original === 'string') {
        const original = vscode.Uri.parse((beforeArg as DiffArg).original);
        const text = (await vscode.workspace.openTextDocument(original)).getText();
        before = { text, label: versionLabel(original.toString(), path.basename(uri.fsPath)) };
    } else if (typeof beforeArg === 'string') {
        before = { rev: beforeArg };
    } else if (activeDiffOriginal(uri)) {
        // Run from a diff editor (its title button or the palette): compare the diff's two sides.
        return compareWithPrevious(deps, uri, { original: activeDiffOriginal(uri) });
    } else {
        before = await pickRevision(deps.client, uri);
    }
    if (!before) return undefined;
    const store = await deps.access.storeToOpen();
    if (!store) throw new Error(vscode.workspace.isTrusted ? 'No store to run on: pick one with "Journey: Select Store".' : RESTRICTED_MESSAGE);
    const settings = currentSettings();
    const document = await vscode.workspace.openTextDocument(uri);
    const post = deps.panels.show(uri);
    post({ type: 'running', message: 'Running both versions…' });
    const params: CompareParams = {
        uri: uri.toString(), text: document.getText(), before, store, engine: settings.engine, today: settings.today, progressToken: `compare-${Date.now()}`,
    };
    try {
        const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Comparing ${path.basename(uri.fsPath)}…`, cancellable: true },
            (_progress, token) => deps.client.client.sendRequest<CompareResult>(JourneyMethods.compare, params, token));
        post({ type: 'compare', payload: { ...result, fileName: path.basename(uri.fsPath), store } });
        return result;
    } catch (error) {
        post({ type: 'error', message: (error as Error).message });
        throw error;
    }
}

/** The older side of the active diff tab when `uri` is its newer side. */
function activeDiffOriginal(uri: vscode.Uri): string | undefined {
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    return input instanceof vscode.TabInputTextDiff && input.modified.toString() === uri.toString() ? input.original.toString() : undefined;
}

/** The open diff tabs as plain pairs. */
function openDiffPairs(): DiffPair[] {
    return vscode.window.tabGroups.all.flatMap(group => group.tabs)
        .map(tab => tab.input)
        .filter((input): input is vscode.TabInputTextDiff => input instanceof vscode.TabInputTextDiff)
        .map(input => ({ original: input.original.toString(), modified: input.modified.toString() }));
}

/** In a diff editor of a journey file, a lens on each side offers the same comparison of the two sides. */
export class DiffCompareLenses implements vscode.CodeLensProvider, vscode.Disposable {
    private readonly changed = new vscode.EventEmitter<void>();
    readonly onDidChangeCodeLenses = this.changed.event;
    private readonly subscription = vscode.window.tabGroups.onDidChangeTabs(() => this.changed.fire());

    provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
        const range = new vscode.Range(0, 0, 0, 0);
        return diffPairsOf(document.uri.toString(), openDiffPairs()).map(pair => new vscode.CodeLens(range, {
            title: '$(diff) Compare reports of both sides',
            tooltip: 'Run both versions on the store and show the reports side by side with the differences',
            command: 'journey.compareWithPrevious',
            arguments: [vscode.Uri.parse(pair.modified), { original: pair.original }],
        }));
    }

    dispose(): void {
        this.subscription.dispose();
        this.changed.dispose();
    }
}
