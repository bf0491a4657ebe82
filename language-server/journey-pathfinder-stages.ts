/**
 * Pathfinder to stages: turns one Pathfinder row (the event sequence that led
 * to, or followed, a stage) into stages inserted before or after that stage —
 * the as-code form of "let Pathfinder define the stages". Pure text in, text
 * out: the result is formatted with the canonical formatter, so the file stays
 * in the layout `journey fmt` writes.
 */
import { EmptyFileSystem, type LangiumParser } from 'langium';
import type { JourneyFile, Stage } from './generated/ast.js';
import { createJourneyServices } from './journey-module.js';
import { formatJourneyText } from './journey-formatter.js';
import { nameLiteral } from './journey-names.js';

export interface PathStagesRequest {
    journey: string;
    /** The stage whose `paths` produced the row. */
    stage: string;
    direction: 'before' | 'after';
    /** The row's events in time order (as the report lists them). */
    events: string[];
}

export type PathStagesResult = { ok: true; text: string; added: string[] } | { ok: false; message: string };

let cachedParser: LangiumParser | undefined;
function parser(): LangiumParser {
    cachedParser ??= createJourneyServices(EmptyFileSystem).Journey.parser.LangiumParser;
    return cachedParser;
}

/** `page_viewed` → `Page viewed`: a readable default stage name the user can rename. */
export function stageNameForEvent(event: string): string {
    const words = event.replace(/[_\s]+/g, ' ').trim();
    return words ? words[0].toUpperCase() + words.slice(1) : event;
}

/** A name not yet used in the journey: `Viewed a page`, else `Viewed a page (2)`, … */
export function uniqueStageName(base: string, taken: Set<string>): string {
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base} (${n})`;
    taken.add(name);
    return name;
}

export function insertPathStages(text: string, request: PathStagesRequest, maxStages = 15): PathStagesResult {
    if (request.events.length === 0) return { ok: false, message: 'The Pathfinder row holds no events to turn into stages.' };
    const parsed = parser().parse<JourneyFile>(text);
    if (parsed.lexerErrors.length || parsed.parserErrors.length) {
        return { ok: false, message: 'The file has a syntax error; fix it before adding stages from Pathfinder.' };
    }
    const journey = parsed.value.journeys.find(j => j.name === request.journey);
    if (!journey) return { ok: false, message: `The file has no journey named "${request.journey}".` };
    const stage: Stage | undefined = journey.stages.find(s => s.name === request.stage);
    if (!stage?.$cstNode) return { ok: false, message: `The journey "${request.journey}" has no stage named "${request.stage}".` };
    const total = journey.stages.length + request.events.length;
    if (total > maxStages) {
        return { ok: false, message: `Adding ${request.events.length} stages would make ${total}, over the limit of ${maxStages} stages.` };
    }
    const taken = new Set(journey.stages.map(s => s.name));
    const added = request.events.map(event => uniqueStageName(stageNameForEvent(event), taken));
    const blocks = request.events.map((event, i) => `stage ${JSON.stringify(added[i])} {\nevent ${nameLiteral(event)}\n}\n`).join('\n');
    const { offset, end } = stage.$cstNode;
    // The formatter re-indents and spaces the blocks; only their order and content matter here.
    const next = request.direction === 'before'
        ? `${text.slice(0, offset)}${blocks}\n${text.slice(offset)}`
        : `${text.slice(0, end)}\n\n${blocks}${text.slice(end)}`;
    return { ok: true, text: formatJourneyText(next), added };
}
