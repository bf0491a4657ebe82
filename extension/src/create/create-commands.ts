/**
 * "Journey: New Journey from a Sample" (templates/ with a one-line
 * description and their stages) and "Journey: New Journey" (guided: source,
 * first event from the store's catalog with counts, name). Both write a
 * formatted, valid file, open it, and the guided one puts the cursor where
 * the next stage goes.
 */
import * as vscode from 'vscode';
import { JourneyMethods, type CatalogEventsResult } from '../../../protocol/journey-protocol.js';
import { listTemplates } from '../../../cli/commands/new.js';
import { formatJourneyText } from '../../../language-server/journey-formatter.js';
import { formatCount } from '../../../report-view/numbers.js';
import type { JourneyClient } from '../journey-client.js';
import { currentSettings, RESTRICTED_MESSAGE, type StoreAccess } from '../store-access.js';
import { guidedJourneyText, journeyFileName, OBJECT_TYPE_OF, templateItems, type JourneySourceName } from './journey-text.js';

export interface CreateDeps {
    client: JourneyClient;
    access: StoreAccess;
}

async function askTarget(fileName: string): Promise<vscode.Uri | undefined> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    return vscode.window.showSaveDialog({
        defaultUri: folder && vscode.Uri.joinPath(folder, fileName), filters: { Journey: ['journey'] }, title: 'Write the new journey to…',
    });
}

async function writeAndOpen(target: vscode.Uri, text: string): Promise<vscode.TextEditor> {
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    const document = await vscode.workspace.openTextDocument(target);
    return vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One });
}

export async function newFromSample(): Promise<vscode.Uri | undefined> {
    const items = templateItems(listTemplates());
    const picked = await vscode.window.showQuickPick(items, { placeHolder: 'Start from which sample report?', matchOnDescription: true, matchOnDetail: true });
    if (!picked) return undefined;
    const template = listTemplates().find(t => t.name === picked.template)!;
    const target = await askTarget(`${template.name}.journey`);
    if (!target) return undefined;
    await writeAndOpen(target, formatJourneyText(template.text));
    return target;
}

export async function newGuided(deps: CreateDeps): Promise<vscode.Uri | undefined> {
    const sources: { label: JourneySourceName; description: string }[] = [
        { label: 'contacts', description: 'people: page views, forms, emails, meetings…' },
        { label: 'deals', description: 'deals: created, stage changes, won' },
        { label: 'tickets', description: 'support tickets: created, closed' },
    ];
    const source = await vscode.window.showQuickPick(sources, { placeHolder: 'Step 1 of 3: which objects does the journey follow?' });
    if (!source) return undefined;
    const store = await deps.access.storeToOpen();
    if (!store) throw new Error(vscode.workspace.isTrusted ? 'No store to read events from: create one with "Journey: Create Sample Store" or pick one with "Journey: Select Store".' : RESTRICTED_MESSAGE);
    const { events } = await deps.client.client.sendRequest<CatalogEventsResult>(JourneyMethods.catalogEvents, { store, engine: currentSettings().engine });
    const objectType = OBJECT_TYPE_OF[source.label];
    const fitting = events.filter(e => e.objectType === objectType);
    if (fitting.length === 0) throw new Error(`The store has no ${objectType} events to start a ${source.label} journey with.`);
    const event = await vscode.window.showQuickPick(
        fitting.map(e => ({ label: e.name, description: `${formatCount(e.count)} events`, detail: e.category })),
        { placeHolder: 'Step 2 of 3: the first stage\'s event (with its count in the store)', matchOnDetail: true });
    if (!event) return undefined;
    const name = await vscode.window.showInputBox({
        prompt: 'Step 3 of 3: the journey\'s name', value: 'My journey',
        validateInput: value => (value.trim() ? undefined : 'Give the journey a name.'),
    });
    if (!name?.trim()) return undefined;
    const { text, nextStageLine } = guidedJourneyText({ name: name.trim(), source: source.label, event: event.label });
    const target = await askTarget(journeyFileName(name.trim()));
    if (!target) return undefined;
    const editor = await writeAndOpen(target, text);
    // A blank, indented line above the closing brace, cursor on it: type `stage "…" {` there.
    const at = new vscode.Position(nextStageLine, 0);
    await editor.edit(edit => edit.insert(at, '\n    \n'), { undoStopBefore: false, undoStopAfter: true });
    const cursor = new vscode.Position(nextStageLine + 1, 4);
    editor.selection = new vscode.Selection(cursor, cursor);
    editor.revealRange(new vscode.Range(cursor, cursor));
    return target;
}
