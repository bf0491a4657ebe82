/**
 * Which store the workspace uses, and whether it may be opened: never in
 * Restricted Mode, and a store outside the workspace folders only after the
 * user said yes (remembered for the workspace).
 */
import * as vscode from 'vscode';
import { isInsideFolders, readSettings, resolveStorePath, type JourneySettings } from './settings.js';

export const RESTRICTED_MESSAGE =
    'Journey reports are off in Restricted Mode: running a journey opens the store the workspace names. Trust the workspace to run it.';

const ALLOWED_KEY = 'journey.allowedOutsideStores';

export function currentSettings(): JourneySettings {
    const config = vscode.workspace.getConfiguration('journey');
    return readSettings(key => config.get(key));
}

function folders(): string[] {
    return (vscode.workspace.workspaceFolders ?? []).filter(f => f.uri.scheme === 'file').map(f => f.uri.fsPath);
}

export function currentStorePath(): string {
    return resolveStorePath(currentSettings().store, folders()[0]);
}

export class StoreAccess {
    /** Called after the user allowed a store outside the workspace (the server may then read it too). */
    onAllowed: () => void = () => undefined;

    constructor(private readonly state: vscode.Memento) {}

    /** The store path when it may be opened now; undefined (after telling the user why) otherwise. */
    async storeToOpen(interactive = true): Promise<string | undefined> {
        if (!vscode.workspace.isTrusted) {
            if (interactive) void vscode.window.showWarningMessage(RESTRICTED_MESSAGE);
            return undefined;
        }
        const store = currentStorePath();
        if (isInsideFolders(store, folders())) return store;
        const allowed = this.state.get<string[]>(ALLOWED_KEY, []);
        if (allowed.includes(store)) return store;
        if (!interactive) return undefined;
        const open = 'Open it';
        const answer = await vscode.window.showWarningMessage(
            `The setting journey.store points outside the workspace (${store}). Open this store?`, { modal: true }, open);
        if (answer !== open) return undefined;
        await this.state.update(ALLOWED_KEY, [...allowed, store]);
        this.onAllowed();
        return store;
    }

    /** A store the user picked in a dialog counts as allowed. */
    async allow(store: string): Promise<void> {
        const allowed = this.state.get<string[]>(ALLOWED_KEY, []);
        if (!allowed.includes(store)) {
            await this.state.update(ALLOWED_KEY, [...allowed, store]);
            this.onAllowed();
        }
    }
}
