/**
 * The language client: starts out/server.cjs in its own Node process (IPC)
 * and offers the typed custom requests of the protocol. Progress
 * notifications are routed to the run that asked for them by token.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node.js';
import {
    JourneyMethods, type CommandResult, type CreateSampleParams, type ExportListParams, type ExportListResult,
    type ExportUnsummarizedParams, type ExportUnsummarizedResult, type FormatReportParams, type ImportParams, type ProgressParams,
    type RunJourneyParams, type RunJourneyResult, type StoreInfoResult, type StoreParams,
} from '../../protocol/journey-protocol.js';

export class JourneyClient implements vscode.Disposable {
    readonly client: LanguageClient;
    private readonly progress = new Map<string, (p: ProgressParams) => void>();
    private nextToken = 0;

    /**
     * `serverSettings` gives the `journey` settings the server may see: the
     * store only when it may be opened (trusted workspace; outside the
     * workspace only once allowed). They are pushed by `pushSettings` and
     * answered to the server's own configuration requests, instead of VS Code's
     * automatic sync, which would hand the server any store unasked.
     */
    constructor(context: vscode.ExtensionContext, private readonly serverSettings: () => Promise<Record<string, unknown>>) {
        const module = context.asAbsolutePath('out/server.cjs');
        const serverOptions: ServerOptions = {
            run: { module, transport: TransportKind.ipc },
            debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
        };
        const clientOptions: LanguageClientOptions = {
            documentSelector: [{ language: 'journey' }],
            middleware: {
                workspace: {
                    configuration: async (params, token, next) => {
                        const answers = await next(params, token);
                        if (!Array.isArray(answers)) return answers;
                        const settings = await this.serverSettings();
                        return params.items.map((item, i) => (item.section === 'journey' ? settings : answers[i]));
                    },
                },
            },
        };
        this.client = new LanguageClient('journey', 'Journey Language Server', serverOptions, clientOptions);
    }

    async start(): Promise<void> {
        await this.client.start();
        this.client.onNotification(JourneyMethods.progress, (p: ProgressParams) => this.progress.get(p.token)?.(p));
        await this.pushSettings();
    }

    /** Sends the current (sanitized) `journey` settings; the server reloads its catalog when the store changed. */
    async pushSettings(): Promise<void> {
        if (!this.client.isRunning()) return;
        await this.client.sendNotification('workspace/didChangeConfiguration', { settings: { journey: await this.serverSettings() } });
    }

    async run(params: Omit<RunJourneyParams, 'progressToken'>, token: vscode.CancellationToken | undefined,
        onProgress: (p: ProgressParams) => void): Promise<RunJourneyResult> {
        const progressToken = `run-${++this.nextToken}`;
        this.progress.set(progressToken, onProgress);
        try {
            return await this.client.sendRequest<RunJourneyResult>(JourneyMethods.run, { ...params, progressToken }, token);
        } finally {
            this.progress.delete(progressToken);
        }
    }

    storeInfo(params: StoreParams): Promise<StoreInfoResult> {
        return this.client.sendRequest(JourneyMethods.storeInfo, params);
    }

    exportList(params: ExportListParams, token?: vscode.CancellationToken): Promise<ExportListResult> {
        return this.client.sendRequest(JourneyMethods.exportList, params, token);
    }

    exportUnsummarized(params: ExportUnsummarizedParams, token?: vscode.CancellationToken): Promise<ExportUnsummarizedResult> {
        return this.client.sendRequest(JourneyMethods.exportUnsummarized, params, token);
    }

    importData(params: ImportParams, token?: vscode.CancellationToken): Promise<CommandResult> {
        return this.client.sendRequest(JourneyMethods.importData, params, token);
    }

    createSample(params: CreateSampleParams, token?: vscode.CancellationToken): Promise<CommandResult> {
        return this.client.sendRequest(JourneyMethods.createSample, params, token);
    }

    formatReport(params: FormatReportParams): Promise<string> {
        return this.client.sendRequest(JourneyMethods.formatReport, params);
    }

    async dispose(): Promise<void> {
        await this.client.stop();
    }
}
