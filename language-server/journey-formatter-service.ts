/**
 * The editor's "Format Document": one whole-document edit to the canonical
 * layout of journey-formatter.ts. A range request formats the whole document
 * too, since the layout of a stage depends on its neighbours (blank lines).
 */
import type { LangiumDocument } from 'langium';
import type { Formatter } from 'langium/lsp';
import type { DocumentOnTypeFormattingOptions, TextEdit } from 'vscode-languageserver';
import { tryFormatJourneyText } from './journey-formatter.js';

export class JourneyFormatter implements Formatter {
    formatDocument(document: LangiumDocument): TextEdit[] {
        return wholeDocumentEdit(document);
    }

    formatDocumentRange(document: LangiumDocument): TextEdit[] {
        return wholeDocumentEdit(document);
    }

    formatDocumentOnType(): TextEdit[] {
        return [];
    }

    get formatOnTypeOptions(): DocumentOnTypeFormattingOptions | undefined {
        return undefined;
    }
}

export function wholeDocumentEdit(document: LangiumDocument): TextEdit[] {
    const text = document.textDocument.getText();
    const result = tryFormatJourneyText(text);
    if (!result.ok || result.text === text) return [];
    const end = document.textDocument.positionAt(text.length);
    return [{ range: { start: { line: 0, character: 0 }, end }, newText: result.text }];
}
