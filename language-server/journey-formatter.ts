/**
 * The canonical layout of journey text (language.md's example): 4 spaces per
 * level, one setting and one stage item per line, an event's `where` /
 * `campaign` / `breakdown` clauses kept on the item's line or on their own
 * indented continuation lines as the author chose, one blank line between
 * stages and between journeys, comments kept. Idempotent.
 *
 * Works on the parser's CST so soft keywords used as names (`where source =
 * ...`) are never mistaken for settings. Text with syntax errors is returned
 * unchanged: reformatting a half-parsed file could move text the author still
 * needs.
 */
import { CstUtils, EmptyFileSystem, isLeafCstNode, type AstNode, type LangiumParser, type LeafCstNode } from 'langium';
import type { JourneyFile } from './generated/ast.js';
import { createJourneyServices } from './journey-module.js';

const INDENT = '    ';

let defaultParser: LangiumParser | undefined;
function parser(): LangiumParser {
    defaultParser ??= createJourneyServices(EmptyFileSystem).Journey.parser.LangiumParser;
    return defaultParser;
}

export type FormatResult = { ok: true; text: string } | { ok: false; line: number; column: number; message: string };

/** The canonical text, or the text unchanged when it does not parse. */
export function formatJourneyText(text: string): string {
    const result = tryFormatJourneyText(text);
    return result.ok ? result.text : text;
}

/** The canonical text, or the first syntax error (lines and columns from 1) that prevents formatting. */
export function tryFormatJourneyText(text: string, langiumParser: LangiumParser = parser()): FormatResult {
    const parsed = langiumParser.parse<JourneyFile>(text);
    const lexerError = parsed.lexerErrors[0];
    if (lexerError) {
        return { ok: false, line: lexerError.line ?? 1, column: lexerError.column ?? 1, message: lexerError.message };
    }
    const parserError = parsed.parserErrors[0];
    if (parserError) {
        const token = Number.isNaN(parserError.token.startOffset) ? undefined : parserError.token;
        return { ok: false, line: token?.startLine ?? 1, column: token?.startColumn ?? 1, message: parserError.message };
    }
    const root = parsed.value.$cstNode;
    const leaves = root ? CstUtils.streamCst(root).filter(isLeafCstNode).toArray() : [];
    return { ok: true, text: layout(text, leaves) };
}

interface Placement {
    newLine: boolean;
    indent: number;
    blankBefore: boolean;
}

const LINE_STARTERS = new Set(['SourceSetting', 'DatesSetting', 'AnonymousSetting', 'WithinSetting', 'WhereSetting']);
const ITEMS = new Set(['EventItem', 'TopEventsItem', 'PathsItem']);

function startsNode(leaf: LeafCstNode, node: AstNode | undefined): boolean {
    return node?.$cstNode?.offset === leaf.offset;
}

/** Where a (non-comment) token goes, from the AST node it starts or belongs to. */
function place(leaf: LeafCstNode, depth: number, wrappedInSource: boolean): Placement | undefined {
    const node = leaf.astNode;
    const text = leaf.text;
    if (node.$type === 'Journey' && startsNode(leaf, node)) {
        const journeys = (node.$container as JourneyFile).journeys;
        return { newLine: true, indent: 0, blankBefore: journeys.indexOf(node as never) > 0 };
    }
    if (node.$type === 'Stage' && startsNode(leaf, node)) {
        return { newLine: true, indent: 1, blankBefore: precededInJourney(node) };
    }
    if (LINE_STARTERS.has(node.$type) && startsNode(leaf, node)) {
        return { newLine: true, indent: 1, blankBefore: follows(node, 'Stage') };
    }
    if (ITEMS.has(node.$type) && startsNode(leaf, node)) return { newLine: true, indent: 2, blankBefore: false };
    const clause = (node.$type === 'EventItem' && (text === 'where' || text === 'campaign'))
        || (node.$type === 'Breakdown' && startsNode(leaf, node));
    if (clause && wrappedInSource) return { newLine: true, indent: 3, blankBefore: false };
    if (text === '}' && leaf.tokenType.name !== 'STRING') return { newLine: true, indent: Math.max(depth - 1, 0), blankBefore: false };
    return undefined;
}

/** The journey member (setting or stage) written just before each member, computed once per journey. */
const previousMembers = new WeakMap<AstNode, Map<AstNode, AstNode | undefined>>();

function previousMember(node: AstNode): AstNode | undefined {
    const journey = node.$container!;
    let map = previousMembers.get(journey);
    if (!map) {
        const { settings, stages } = journey as unknown as { settings: AstNode[]; stages: AstNode[] };
        const members = [...settings, ...stages].sort((a, b) => (a.$cstNode?.offset ?? 0) - (b.$cstNode?.offset ?? 0));
        map = new Map(members.map((member, i) => [member, members[i - 1]]));
        previousMembers.set(journey, map);
    }
    return map.get(node);
}

/** A stage gets a blank line before it unless it opens the journey's body. */
function precededInJourney(node: AstNode): boolean {
    return previousMember(node) !== undefined;
}

/** Whether the closest earlier member of the journey is of the given type. */
function follows(node: AstNode, type: string): boolean {
    return previousMember(node)?.$type === type;
}

function isComment(leaf: LeafCstNode): boolean {
    return leaf.hidden && (leaf.tokenType.name === 'SL_COMMENT' || leaf.tokenType.name === 'ML_COMMENT');
}

function layout(source: string, leaves: LeafCstNode[]): string {
    const lines: string[] = [];
    let current: string | undefined;
    let depth = 0;
    let forceNewLine = false;
    let previousEnd = 0;
    /** The token before was an own-line comment, which already took any blank line. */
    let afterOwnLineComment = false;

    const startLine = (indent: number, blank: boolean) => {
        if (current !== undefined) lines.push(current.trimEnd());
        if (blank && lines.length > 0 && lines[lines.length - 1] !== '') lines.push('');
        current = INDENT.repeat(indent);
    };
    const append = (text: string, space: boolean) => {
        if (current === undefined) current = '';
        current += (space && current.trim() !== '' ? ' ' : '') + text;
    };

    const tokens = leaves.filter(leaf => !leaf.hidden || isComment(leaf));
    tokens.forEach((leaf, index) => {
        const gap = source.slice(previousEnd, leaf.offset);
        const onNewLineInSource = /[\r\n]/.test(gap) || index === 0;
        previousEnd = leaf.end;
        if (isComment(leaf)) {
            if (onNewLineInSource || forceNewLine || current === undefined) {
                // An own-line comment travels with the token after it: same indent, and that token's blank line goes first.
                let next: LeafCstNode | undefined;
                for (let j = index + 1; j < tokens.length && !next; j++) if (!isComment(tokens[j])) next = tokens[j];
                const nextPlace = next ? place(next, depth, true) : undefined;
                const indent = next?.text === '}' ? depth : nextPlace?.indent ?? depth;
                const blank = (nextPlace?.blankBefore ?? false) && !commentBlockStarted(tokens, index, source);
                startLine(indent, blank);
                append(leaf.text, false);
                afterOwnLineComment = true;
            } else {
                append(leaf.text, true);
                afterOwnLineComment = false;
            }
            forceNewLine = leaf.tokenType.name === 'SL_COMMENT';
            return;
        }
        const placement = place(leaf, depth, onNewLineInSource);
        const afterComment = afterOwnLineComment;
        afterOwnLineComment = false;
        if (placement) {
            startLine(placement.indent, placement.blankBefore && !afterComment);
        } else if (forceNewLine) {
            startLine(depth + 1, false);
        } else {
            const previous = current?.trimEnd() ?? '';
            const space = !(previous.endsWith('(') || leaf.text === ')' || leaf.text === ',');
            append(leaf.text, space);
            forceNewLine = false;
            trackBraces(leaf);
            return;
        }
        append(leaf.text, false);
        forceNewLine = false;
        trackBraces(leaf);
    });

    function trackBraces(leaf: LeafCstNode) {
        if (leaf.tokenType.name === 'STRING') return;
        if (leaf.text === '{') depth++;
        if (leaf.text === '}') depth = Math.max(depth - 1, 0);
    }

    if (current !== undefined) lines.push(current.trimEnd());
    while (lines.length && lines[lines.length - 1] === '') lines.pop();
    return lines.length ? `${lines.join('\n')}\n` : '';
}

/** True when the comment at `index` continues an own-line comment block (so the block's blank line is already placed). */
function commentBlockStarted(tokens: LeafCstNode[], index: number, source: string): boolean {
    if (index === 0) return false;
    const previous = tokens[index - 1];
    if (!isComment(previous) || !/[\r\n]/.test(source.slice(previous.end, tokens[index].offset))) return false;
    // The previous comment must itself stand on its own line, not trail code.
    const before = index > 1 ? tokens[index - 2] : undefined;
    return !before || /[\r\n]/.test(source.slice(before.end, previous.offset));
}
