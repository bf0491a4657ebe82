/**
 * Writes a date range into a journey as `dates from FROM to TO`: the
 * journey's `dates` line is replaced (every one, should there be several),
 * or a new line goes after `source` (else first in the journey). Pure text in,
 * formatted text out; no vscode, so it is tested directly.
 */
import { EmptyFileSystem, type LangiumParser } from 'langium';
import type { JourneyFile } from '../../../language-server/generated/ast.js';
import { createJourneyServices } from '../../../language-server/journey-module.js';
import { formatJourneyText } from '../../../language-server/journey-formatter.js';

let cachedParser: LangiumParser | undefined;
function parser(): LangiumParser {
    cachedParser ??= createJourneyServices(EmptyFileSystem).Journey.parser.LangiumParser;
    return cachedParser;
}

export type DatesEdit = { ok: true; text: string } | { ok: false; message: string };

export function writeDatesLine(text: string, journeyName: string, from: string, to: string): DatesEdit {
    const parsed = parser().parse<JourneyFile>(text);
    if (parsed.lexerErrors.length || parsed.parserErrors.length) return { ok: false, message: 'The file has a syntax error; fix it before writing the dates into it.' };
    const journey = parsed.value.journeys.find(j => j.name === journeyName);
    if (!journey?.$cstNode) return { ok: false, message: `The file has no journey named "${journeyName}".` };
    const line = `dates from ${from} to ${to}`;
    const dates = journey.settings.filter(s => s.$type === 'DatesSetting' && s.$cstNode);
    let next: string;
    if (dates.length) {
        // Replace from the last one backwards so earlier offsets stay valid; the first keeps the new line.
        next = text;
        for (const [i, setting] of [...dates.entries()].reverse()) {
            const { offset, end } = setting.$cstNode!;
            next = next.slice(0, offset) + (i === 0 ? line : '') + next.slice(end);
        }
    } else {
        const source = journey.settings.find(s => s.$type === 'SourceSetting')?.$cstNode;
        const at = source ? source.end : text.indexOf('{', journey.$cstNode.offset) + 1;
        next = `${text.slice(0, at)}\n${line}\n${text.slice(at)}`;
    }
    return { ok: true, text: formatJourneyText(next) };
}
