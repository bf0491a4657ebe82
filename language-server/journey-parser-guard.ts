/**
 * Keeps pathological text from crashing the parser. Chevrotain parses
 * recursively, so parentheses nested thousands deep overflow the stack (and a
 * parser that threw is left unusable). Nesting is measured first with a cheap
 * scan; text nested deeper than MAX_NESTING, or any text the parser throws
 * on, gets an empty file and one syntax error instead.
 */
import type { IRecognitionException, IToken, TokenType } from 'chevrotain';
import { createLangiumParser, type AstNode, type LangiumCoreServices, type LangiumParser, type ParseResult } from 'langium';
import type { JourneyFile } from './generated/ast.js';

/** Far beyond any real condition, far below what the recursive parser survives. */
export const MAX_NESTING = 200;

/**
 * Real journey files are a few KB; parsing and checking a megabyte takes
 * several seconds, which would freeze an editor on every keystroke.
 */
export const MAX_TEXT_CHARS = 256 * 1024;

export const TOO_LARGE_PREFIX = 'This file is';

export interface NestingProblem {
    offset: number;
    line: number;
    column: number;
    depth: number;
}

/** The first place where `(`/`{` nest deeper than `max`, skipping strings and comments. */
export function findExcessiveNesting(text: string, max = MAX_NESTING): NestingProblem | undefined {
    let depth = 0;
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (c === '\n') { line++; lineStart = i + 1; continue; }
        if (c === '"') {
            for (i++; i < text.length && text[i] !== '"' && text[i] !== '\n'; i++) if (text[i] === '\\') i++;
            if (text[i] === '\n') { line++; lineStart = i + 1; }
            continue;
        }
        if (c === '/' && text[i + 1] === '/') {
            while (i < text.length && text[i] !== '\n') i++;
            i--;
            continue;
        }
        if (c === '/' && text[i + 1] === '*') {
            const end = text.indexOf('*/', i + 2);
            const stop = end < 0 ? text.length : end + 2;
            for (let j = i; j < stop; j++) if (text[j] === '\n') { line++; lineStart = j + 1; }
            i = stop - 1;
            continue;
        }
        if (c === '(' || c === '{') {
            depth++;
            if (depth > max) return { offset: i, line, column: i - lineStart + 1, depth };
        } else if ((c === ')' || c === '}') && depth > 0) {
            depth--;
        }
    }
    return undefined;
}

export function createGuardedParser(services: LangiumCoreServices): LangiumParser {
    let parser = createLangiumParser(services);
    const guarded = Object.create(parser) as LangiumParser;
    guarded.parse = (<T extends AstNode>(input: string, options?: Parameters<LangiumParser['parse']>[1]): ParseResult<T> => {
        if (input.length > MAX_TEXT_CHARS) {
            const size = input.length >= 1024 * 1024 ? `${(input.length / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(input.length / 1024)} KB`;
            return failed(0, 1, 1, `${TOO_LARGE_PREFIX} ${size}; journey files over ${MAX_TEXT_CHARS / 1024} KB are not checked (split it into smaller files).`) as unknown as ParseResult<T>;
        }
        const problem = findExcessiveNesting(input);
        if (problem) {
            return failed(problem.offset, problem.line, problem.column,
                `Brackets nest ${MAX_NESTING + 1} or more levels deep here; at most ${MAX_NESTING} levels are allowed.`) as unknown as ParseResult<T>;
        }
        try {
            return parser.parse<T>(input, options as never);
        } catch (error) {
            // A parser that threw keeps a half-built stack: start the next parse with a fresh one.
            parser = createLangiumParser(services);
            return failed(0, 1, 1, `This text could not be parsed (${(error as Error)?.message ?? String(error)}).`) as unknown as ParseResult<T>;
        }
    }) as LangiumParser['parse'];
    return guarded;
}

function failed(offset: number, line: number, column: number, message: string): ParseResult<JourneyFile> {
    const token = {
        image: '', startOffset: offset, endOffset: offset, startLine: line, endLine: line,
        startColumn: column, endColumn: column, tokenTypeIdx: 0, tokenType: { name: 'EOF' } as TokenType,
    } as IToken;
    const error = { name: 'NestingTooDeep', message, token, resyncedTokens: [], context: { ruleStack: [], ruleOccurrenceStack: [] } } as IRecognitionException;
    return { value: { $type: 'JourneyFile', journeys: [] } as unknown as JourneyFile, lexerErrors: [], parserErrors: [error] };
}
