/**
 * Where the "▶ Run" / "Open preview to the side" lenses go: one pair above each
 * `journey "Name" {`. A light scan of the text (no parse) keeps the extension
 * host cheap; comments and strings are skipped so a commented-out journey gets
 * no lens.
 */

export interface JourneyHeader {
    name: string;
    /** 0-based line of the `journey` keyword. */
    line: number;
}

/** Decodes a JSON-escaped string body (the language's string syntax). */
function unquote(body: string): string {
    try { return JSON.parse(`"${body}"`) as string; } catch { return body; }
}

export function findJourneyHeaders(text: string): JourneyHeader[] {
    const headers: JourneyHeader[] = [];
    // Tokens: block comment, line comment, string, or the journey header itself.
    const token = /\/\*[\s\S]*?\*\/|\/\/[^\n\r]*|\bjourney\s+"((?:\\.|[^"\\\r\n])*)"|"(?:\\.|[^"\\\r\n])*"/g;
    let match: RegExpExecArray | null;
    while ((match = token.exec(text))) {
        if (match[1] === undefined) continue;
        const line = countLines(text, match.index);
        headers.push({ name: unquote(match[1]), line });
    }
    return headers;
}

export interface StageHeader {
    journey: string;
    name: string;
    line: number;
}

/** Stage headers with the journey they belong to (used before the server has answered with exact lines). */
export function findStageHeaders(text: string): StageHeader[] {
    const stages: StageHeader[] = [];
    const token = /\/\*[\s\S]*?\*\/|\/\/[^\n\r]*|\b(journey|stage)\s+"((?:\\.|[^"\\\r\n])*)"|"(?:\\.|[^"\\\r\n])*"/g;
    let journey = '';
    let match: RegExpExecArray | null;
    while ((match = token.exec(text))) {
        if (!match[1]) continue;
        const name = unquote(match[2]);
        if (match[1] === 'journey') journey = name;
        else stages.push({ journey, name, line: countLines(text, match.index) });
    }
    return stages;
}

function countLines(text: string, end: number): number {
    let lines = 0;
    for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) lines++;
    return lines;
}
