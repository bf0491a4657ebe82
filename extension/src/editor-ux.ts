/**
 * The editor's review and first-five-minutes features, wired in one place:
 * compare with a previous version (command and diff-editor lens), new journey
 * from a sample, guided new journey. extension.ts calls this once.
 */
import * as vscode from 'vscode';
import type { JourneyClient } from './journey-client.js';
import type { ReportPanels } from './report-panels.js';
import type { StoreAccess } from './store-access.js';
import { ComparePanels } from './compare/compare-panel.js';
import { compareWithPrevious, DiffCompareLenses } from './compare/compare-command.js';
import { newFromSample, newGuided } from './create/create-commands.js';
import { registerSafeCommand } from './commands.js';

export interface EditorUxDeps {
    client: JourneyClient;
    panels: ReportPanels;
    access: StoreAccess;
}

export function registerEditorUx(context: vscode.ExtensionContext, deps: EditorUxDeps): void {
    const comparePanels = new ComparePanels(context.extensionUri);
    const lenses = new DiffCompareLenses();
    const register = (id: string, run: (...args: unknown[]) => unknown) => registerSafeCommand(context, id, run);
    context.subscriptions.push(comparePanels, lenses, vscode.languages.registerCodeLensProvider({ language: 'journey' }, lenses));
    register('journey.compareWithPrevious', (uri, before) => compareWithPrevious({ client: deps.client, access: deps.access, panels: comparePanels }, uri, before));
    register('journey.newFromSample', () => newFromSample());
    register('journey.newJourney', () => newGuided({ client: deps.client, access: deps.access }));
}
