/**
 * Syntax errors in words a journey author understands: "Expected a stage name
 * in double quotes after `stage`, but found `{`." instead of token type names.
 */
import type { IToken, TokenType } from 'chevrotain';
import { LangiumParserErrorMessageProvider } from 'langium';

const TERMINAL_WORDS: Record<string, string> = {
    STRING: 'a text in double quotes',
    ID: 'a name',
    NUMBER: 'a number',
    DATE: 'a date (YYYY-MM-DD)',
};

/** What an expected token stands for, from the grammar rule the parser was in. */
const RULE_CONTEXT: Record<string, string> = {
    JourneyFile: 'at the top of the file (a file holds `journey "Name" { ... }` blocks)',
    Journey: 'in a journey',
    Stage: 'in a stage',
    EventItem: 'in an `event` item',
    Breakdown: 'in `breakdown by`',
    TopEventsItem: 'in `top events`',
    PathsItem: 'in `paths`',
    DatesSetting: 'in `dates`',
    WithinSetting: 'in `within`',
    SourceSetting: 'in `source`',
    AnonymousSetting: 'in `include anonymous visitors`',
    WhereSetting: 'in a `where` condition',
    Comparison: 'in a condition',
    PrimaryCondition: 'in a condition',
    Value: 'for a value',
};

export function describeToken(type: TokenType): string {
    if (type.name === 'EOF') return 'the end of the file';
    if (TERMINAL_WORDS[type.name]) return TERMINAL_WORDS[type.name];
    const keyword = type.name.endsWith(':KW') ? type.name.slice(0, -3) : type.name;
    return `\`${keyword}\``;
}

export function describeFound(token: IToken | undefined): string {
    if (!token || token.tokenType?.name === 'EOF' || token.image === undefined || token.image === '') return 'the end of the file';
    const image = token.image.length > 30 ? `${token.image.slice(0, 30)}…` : token.image;
    return `\`${image}\``;
}

/** Keywords that may also stand as a name (the grammar's `Name` rule); listed as choices they are noise. */
const SOFT_KEYWORDS = new Set([
    'source', 'contacts', 'deals', 'tickets', 'from', 'to', 'last', 'days', 'weeks', 'months', 'years', 'all', 'anonymous',
    'visitors', 'minutes', 'hours', 'events', 'before', 'after', 'depth', 'by', 'with', 'known', 'unknown', 'dates',
    'include', 'within',
].map(k => `\`${k}\``));

/** "a, b or c" with duplicates removed, at most twelve choices (more only says "…"). */
export function listChoices(choices: string[]): string {
    // Where a name is expected, the soft keywords are just names too.
    const named = choices.includes(TERMINAL_WORDS.ID) ? choices.filter(c => !SOFT_KEYWORDS.has(c)) : choices;
    const unique = [...new Set(named)];
    const shown = unique.length > 12 ? [...unique.slice(0, 12), '…'] : unique;
    if (shown.length <= 1) return shown[0] ?? 'something else';
    return `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}`;
}

/** Langium marks rule names with invisible characters; keep the name itself. */
function ruleOf(ruleName: string): string {
    return ruleName.replace(/[^\w]/g, '');
}

function where(ruleName: string, previous: IToken | undefined, actual: IToken | undefined): string {
    const context = RULE_CONTEXT[ruleOf(ruleName)];
    // After error recovery chevrotain's "previous" token may lie after the offending one; then it would mislead.
    const usable = previous && previous.image && !Number.isNaN(previous.startOffset)
        && (!actual || Number.isNaN(actual.startOffset) || previous.startOffset < actual.startOffset);
    const after = usable ? ` after ${describeFound(previous)}` : '';
    return `${after}${context ? ` ${context}` : ''}`;
}

/** What may come where a block is expected to close. */
const BLOCK_CONTENT: Record<string, string> = {
    Journey: 'a setting (`source`, `dates`, `include`, `within`, `where`), `stage`, `optional stage` or `}` to close the journey',
    Stage: 'an item (`event`, `top events`, `paths`) or `}` to close the stage',
};

export class JourneyParserErrorMessageProvider extends LangiumParserErrorMessageProvider {
    override buildMismatchTokenMessage(options: { expected: TokenType; actual: IToken; previous: IToken; ruleName: string }): string {
        const rule = ruleOf(options.ruleName);
        const found = describeFound(options.actual);
        if (options.expected.name === '}' && BLOCK_CONTENT[rule]) return `Expected ${BLOCK_CONTENT[rule]}, but found ${found}.`;
        if (options.expected.name === 'EOF') return `Expected \`journey "Name" { ... }\` or the end of the file, but found ${found}.`;
        return `Expected ${describeToken(options.expected)}${where(options.ruleName, options.previous, options.actual)}, but found ${found}.`;
    }

    override buildNotAllInputParsedMessage(options: { firstRedundant: IToken; ruleName: string }): string {
        return `Expected \`journey "Name" { ... }\` or the end of the file, but found ${describeFound(options.firstRedundant)}.`;
    }

    override buildNoViableAltMessage(options: { expectedPathsPerAlt: TokenType[][][]; actual: IToken[]; previous: IToken; customUserDescription: string; ruleName: string }): string {
        const firsts = options.expectedPathsPerAlt.flatMap(paths => paths.map(path => path[0])).filter(Boolean).map(describeToken);
        return `Expected ${listChoices(firsts)}${where(options.ruleName, options.previous, options.actual[0])}, but found ${describeFound(options.actual[0])}.`;
    }

    override buildEarlyExitMessage(options: { expectedIterationPaths: TokenType[][]; actual: IToken[]; previous: IToken; customUserDescription: string; ruleName: string }): string {
        const firsts = options.expectedIterationPaths.map(path => path[0]).filter(Boolean).map(describeToken);
        return `Expected at least one ${listChoices(firsts)}${where(options.ruleName, options.previous, options.actual[0])}, but found ${describeFound(options.actual[0])}.`;
    }
}
