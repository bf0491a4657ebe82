/** Parses inline journey text into what the diff compares, failing loudly on syntax errors. */
import { EmptyFileSystem } from 'langium';
import { createJourneyServices } from '../../language-server/journey-module.js';
import { loadJourneyText } from '../../language-server/journey-document-loader.js';
import { diffJourneysOf } from '../../engine/diff/diff-input.js';
import { diffJourneyFiles } from '../../engine/diff/journey-diff.js';
import type { DiffJourney, FileDiff } from '../../engine/diff/diff-types.js';

const services = createJourneyServices(EmptyFileSystem).Journey;

export async function journeysOf(text: string, today = '2026-06-30'): Promise<DiffJourney[]> {
    const loaded = await loadJourneyText(services, text);
    const syntax = loaded.document.parseResult.parserErrors.concat();
    if (syntax.length || loaded.document.parseResult.lexerErrors.length) {
        throw new Error(`test journey does not parse: ${syntax.map(e => e.message).join('; ')}`);
    }
    return diffJourneysOf(loaded.file, today);
}

export async function diffTexts(before: string, after: string): Promise<FileDiff> {
    return diffJourneyFiles(await journeysOf(before), await journeysOf(after));
}

/** Every change message of the diff, one per line, for readable assertions. */
export async function changeMessages(before: string, after: string): Promise<string[]> {
    return (await diffTexts(before, after)).journeys.flatMap(j => j.changes.map(c => c.message));
}

/** A journey wrapped around stage/setting lines, so that each case shows only what it changes. */
export function journey(body: string, name = 'Pages to deals'): string {
    return `journey "${name}" {\n${body}\n}\n`;
}
