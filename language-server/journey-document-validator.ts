/**
 * Attaches the `syntax` code to lexer and parser errors (so `journey check`
 * and tests can name them like every other rule), and turns any exception
 * while validating into a diagnostic: bad input never crashes the server.
 */
import { DefaultDocumentValidator, isOperationCancelled, type LangiumDocument, type ParseResult, type ValidationOptions } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import type { Diagnostic } from 'vscode-languageserver-types';
import { Codes } from './journey-validation-codes.js';
import { TOO_LARGE_PREFIX } from './journey-parser-guard.js';

export class JourneyDocumentValidator extends DefaultDocumentValidator {
    override async validateDocument(document: LangiumDocument, options?: ValidationOptions, cancelToken?: CancellationToken): Promise<Diagnostic[]> {
        try {
            return await super.validateDocument(document, options, cancelToken);
        } catch (error) {
            if (isOperationCancelled(error)) throw error;
            return [{
                severity: 1,
                range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
                message: `This file could not be checked: ${(error as Error)?.message ?? String(error)}.`,
                code: Codes.syntax,
                source: this.getSource(),
            }];
        }
    }

    protected override processLexingErrors(parseResult: ParseResult, diagnostics: Diagnostic[], options: ValidationOptions): void {
        const before = diagnostics.length;
        super.processLexingErrors(parseResult, diagnostics, options);
        for (const diagnostic of diagnostics.slice(before)) {
            diagnostic.code = Codes.syntax;
            diagnostic.message = friendlyLexerMessage(diagnostic.message);
        }
    }

    protected override processParsingErrors(parseResult: ParseResult, diagnostics: Diagnostic[], options: ValidationOptions): void {
        const before = diagnostics.length;
        super.processParsingErrors(parseResult, diagnostics, options);
        for (const diagnostic of diagnostics.slice(before)) {
            diagnostic.code = diagnostic.message.startsWith(TOO_LARGE_PREFIX) ? Codes.tooLarge : Codes.syntax;
        }
    }
}

/** Chevrotain says "unexpected character: ->x<- at offset: 3, skipped 1 characters."; users need less. */
export function friendlyLexerMessage(message: string): string {
    const match = /unexpected character: ->([\s\S]*?)<- at offset: \d+, skipped (\d+) characters?/.exec(message);
    if (!match) return message;
    if (match[1] === '"') return 'This string is not closed: add the closing " on the same line.';
    const shown = JSON.stringify(match[1].length > 20 ? `${match[1].slice(0, 20)}…` : match[1]);
    return `Unexpected character${Number(match[2]) > 1 ? 's' : ''} ${shown}: not part of the journey language (strings go in double quotes, comments after //).`;
}
