import { DefaultValueConverter, type CstNode, type GrammarAST, type ValueType } from 'langium';

/**
 * Strings use JSON's escapes (`\"`, `\\`, `\n`, `\t`, `\uXXXX`), so JSON.parse
 * decodes them exactly. A string with an escape JSON does not know keeps its
 * raw text here; the validator reports it (`bad-string`).
 */
export class JourneyValueConverter extends DefaultValueConverter {
    protected override runConverter(rule: GrammarAST.AbstractRule, input: string, cstNode: CstNode): ValueType {
        if (rule.name === 'STRING') {
            return decodeJourneyString(input) ?? input.slice(1, -1);
        }
        if (rule.name === 'NUMBER') {
            return Number(input);
        }
        return super.runConverter(rule, input, cstNode);
    }
}

/** Decodes a quoted journey string literal, or undefined when its escapes are not JSON's. */
export function decodeJourneyString(quoted: string): string | undefined {
    try {
        const value: unknown = JSON.parse(quoted);
        return typeof value === 'string' ? value : undefined;
    } catch {
        return undefined;
    }
}

/** Writes a string as a journey string literal (JSON escapes). */
export function encodeJourneyString(value: string): string {
    return JSON.stringify(value);
}
