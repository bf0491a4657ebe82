/**
 * Parses and validates journey text outside an editor (CLI, engine tests):
 * the same services and checks the language server runs.
 */
import { URI, type LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { JourneyFile } from './generated/ast.js';
import type { JourneyServices } from './journey-module.js';

let counter = 0;

export interface LoadedJourneyDocument {
    document: LangiumDocument<JourneyFile>;
    file: JourneyFile;
    /** Lexer, parser and validation diagnostics. */
    diagnostics: Diagnostic[];
    hasErrors: boolean;
}

export async function loadJourneyText(services: JourneyServices, text: string, filePath?: string): Promise<LoadedJourneyDocument> {
    const uri = filePath ? URI.file(filePath) : URI.parse(`memory:///journey-${++counter}.journey`);
    const shared = services.shared;
    const existing = shared.workspace.LangiumDocuments.hasDocument(uri);
    if (existing) await shared.workspace.DocumentBuilder.update([], [uri]);
    const document = shared.workspace.LangiumDocumentFactory.fromString<JourneyFile>(text, uri);
    shared.workspace.LangiumDocuments.addDocument(document);
    try {
        await shared.workspace.DocumentBuilder.build([document], { validation: true });
    } finally {
        shared.workspace.LangiumDocuments.deleteDocument(uri);
        // The build also indexed the document; without this every load (each CLI check, each server run)
        // left its exported symbols in the index and the heap grew by ~14 KB a call.
        shared.workspace.IndexManager.remove(uri);
        // Langium keeps each built document's build state by URI (protected; only update() clears it, which would
        // take the workspace lock the server's editor builds use): drop ours, or a long-lived server grows on every run.
        (shared.workspace.DocumentBuilder as unknown as { buildState?: Map<string, unknown> }).buildState?.delete(uri.toString());
    }
    const diagnostics = document.diagnostics ?? [];
    return {
        document,
        file: document.parseResult.value,
        diagnostics,
        hasErrors: diagnostics.some(d => d.severity === 1),
    };
}
