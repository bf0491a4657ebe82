/**
 * The parts of the `vscode` API the extension's guards touch, as a fake the
 * tests script: trust, folders, settings, dialogs (with recorded calls),
 * commands, webview panels and file writes.
 */
import path from 'node:path';

export class Uri {
    private constructor(readonly scheme: string, readonly fsPath: string) {}
    static file(p: string): Uri { return new Uri('file', path.resolve(p)); }
    static parse(text: string): Uri { return text.startsWith('file://') ? new Uri('file', decodeURIComponent(text.slice(7))) : new Uri(text.split(':')[0], text); }
    static joinPath(base: Uri, ...parts: string[]): Uri { return new Uri(base.scheme, path.join(base.fsPath, ...parts)); }
    toString(): string { return this.scheme === 'file' ? `file://${this.fsPath}` : this.fsPath; }
}

export class CancellationTokenSource {
    token = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) };
    cancel(): void { this.token.isCancellationRequested = true; }
    dispose(): void {}
}

export const ProgressLocation = { Notification: 15, Window: 10 };
export const ConfigurationTarget = { Global: 1, Workspace: 2 };

type Answer = string | Uri | undefined;
/** What the fake records and how it answers; reset by each test. */
export const fake = {
    trusted: true,
    folders: [] as string[],
    settings: {} as Record<string, unknown>,
    /** Answers to showWarningMessage (modal questions), in order. */
    warningAnswers: [] as Answer[],
    saveDialogAnswer: undefined as Uri | undefined,
    calls: [] as { api: string; args: unknown[] }[],
    commands: new Map<string, (...args: unknown[]) => unknown>(),
    written: [] as { path: string; bytes: Uint8Array }[],
    reset(): void {
        this.trusted = true;
        this.folders = [];
        this.settings = {};
        this.warningAnswers = [];
        this.saveDialogAnswer = undefined;
        this.calls = [];
        this.commands.clear();
        this.written = [];
    },
    called(api: string): unknown[][] { return this.calls.filter(c => c.api === api).map(c => c.args); },
};

const record = (api: string, args: unknown[]) => { fake.calls.push({ api, args }); };

export const workspace = {
    get isTrusted() { return fake.trusted; },
    get workspaceFolders() { return fake.folders.map(f => ({ uri: Uri.file(f) })); },
    getConfiguration: () => ({ get: (key: string) => fake.settings[key], update: async (...args: unknown[]) => record('config.update', args) }),
    openTextDocument: async (uri: Uri) => ({ uri, version: 1, languageId: 'journey', getText: () => 'journey "J" {\n    stage "S" { event page_viewed }\n}\n' }),
    fs: { writeFile: async (uri: Uri, bytes: Uint8Array) => { fake.written.push({ path: uri.fsPath, bytes }); } },
    asRelativePath: (uri: Uri) => uri.fsPath,
};

export const window = {
    activeTextEditor: undefined,
    showWarningMessage: async (...args: unknown[]) => { record('showWarningMessage', args); return fake.warningAnswers.shift(); },
    showErrorMessage: async (...args: unknown[]) => { record('showErrorMessage', args); return undefined; },
    showInformationMessage: async (...args: unknown[]) => { record('showInformationMessage', args); return undefined; },
    showSaveDialog: async (...args: unknown[]) => { record('showSaveDialog', args); return fake.saveDialogAnswer; },
    showOpenDialog: async (...args: unknown[]) => { record('showOpenDialog', args); return undefined; },
    showQuickPick: async (items: unknown[]) => { record('showQuickPick', [items]); return Array.isArray(items) ? items[0] : undefined; },
    withProgress: async (_options: unknown, task: (progress: unknown, token: unknown) => Promise<unknown>) =>
        task({ report() {} }, new CancellationTokenSource().token),
};

export const commands = {
    registerCommand: (id: string, run: (...args: unknown[]) => unknown) => { fake.commands.set(id, run); return { dispose() {} }; },
    executeCommand: async (id: string, ...args: unknown[]) => { record('executeCommand', [id, ...args]); return fake.commands.get(id)?.(...args); },
};

/** A webview panel whose page the test plays: `receive` delivers a message as if the page sent it. */
export function fakePanel() {
    let listener: ((raw: unknown) => void) | undefined;
    const posted: unknown[] = [];
    const panel = {
        webview: {
            options: {} as unknown,
            html: '',
            cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
            asWebviewUri: (uri: Uri) => ({ toString: () => `https://file+.vscode-resource.vscode-cdn.net${uri.fsPath}` }),
            onDidReceiveMessage: (fn: (raw: unknown) => void) => { listener = fn; return { dispose() {} }; },
            postMessage: async (message: unknown) => { posted.push(message); return true; },
        },
        iconPath: undefined as unknown,
        onDidDispose: () => ({ dispose() {} }),
        reveal() {},
    };
    return { panel, posted, receive: (raw: unknown) => listener?.(raw) };
}
