/**
 * Quick fixes: remove `optional` from a first/last stage (`optional-edge`),
 * and replace an unknown event with one of the closest catalog names
 * (`unknown-event`, top 3 by edit distance).
 */
import type { LangiumDocument, MaybePromise } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Command, type Diagnostic } from 'vscode-languageserver';
import type { JourneyCatalogProvider } from './journey-catalog-provider.js';
import type { JourneyServices } from './journey-module.js';
import { closestNames, nameLiteral } from './journey-names.js';
import { decodeJourneyString } from './journey-value-converter.js';
import { Codes } from './journey-validation-codes.js';
import { pathfinderCodeActions } from './journey-pathfinder-actions.js';
import { lastReports } from './journey-last-reports.js';

export class JourneyCodeActionProvider implements CodeActionProvider {
    private readonly catalogs: JourneyCatalogProvider;

    constructor(services: JourneyServices) {
        this.catalogs = services.catalog.CatalogProvider;
    }

    getCodeActions(document: LangiumDocument, params: CodeActionParams): MaybePromise<Array<Command | CodeAction>> {
        const actions: CodeAction[] = [];
        for (const diagnostic of params.context.diagnostics) {
            if (diagnostic.code === Codes.optionalEdge) actions.push(...this.removeOptional(document, diagnostic));
            if (diagnostic.code === Codes.unknownEvent) actions.push(...this.replaceEvent(document, diagnostic));
        }
        // Not tied to a diagnostic: offered on a `paths` line once a run produced its rows.
        actions.push(...pathfinderCodeActions(document, params, lastReports.get(document.uri.toString()), this.catalogs.limits.stages));
        return actions;
    }

    private removeOptional(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const text = document.textDocument.getText();
        const start = document.textDocument.offsetAt(diagnostic.range.start);
        if (text.slice(start, start + 'optional'.length) !== 'optional') return [];
        let end = start + 'optional'.length;
        while (end < text.length && /[ \t]/.test(text[end])) end++;
        return [{
            title: 'Remove `optional`',
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred: true,
            edit: {
                changes: {
                    [document.uri.toString()]: [{
                        range: { start: diagnostic.range.start, end: document.textDocument.positionAt(end) },
                        newText: '',
                    }],
                },
            },
        }];
    }

    private replaceEvent(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const catalog = this.catalogs.catalog;
        if (!catalog) return [];
        const written = document.textDocument.getText(diagnostic.range);
        const name = written.startsWith('"') ? decodeJourneyString(written) ?? written.slice(1, -1) : written;
        return closestNames(name, catalog.events.keys()).map((candidate, index) => ({
            title: `Replace with ${nameLiteral(candidate)}`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred: index === 0,
            edit: { changes: { [document.uri.toString()]: [{ range: diagnostic.range, newText: nameLiteral(candidate) }] } },
        }));
    }
}
