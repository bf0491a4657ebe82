import { describe, expect, test } from 'vitest';
import { EmptyFileSystem } from 'langium';
import { createJourneyServices } from '../../language-server/journey-module.js';
import { loadJourneyText } from '../../language-server/journey-document-loader.js';
import { formatJourneyText } from '../../language-server/journey-formatter.js';
import { Codes } from '../../language-server/journey-validation-codes.js';
import { MAX_NESTING } from '../../language-server/journey-parser-guard.js';

const journey = createJourneyServices(EmptyFileSystem).Journey;

const EXAMPLE = `// Which pages?
journey "Pages to deals" {
    source contacts
    dates from 2025-01-01 to 2025-12-31
    where lifecyclestage in ("lead", "mql")
    stage "Visited a page" {
        event page_viewed
            where url_path starts with "/pricing"
            breakdown by url_path top 5
    }
    optional stage "Submitted a form" { event form_submitted where form_id = "demo-request" }
    stage "Engaged" { top events 5 among page_viewed, email_opened }
    stage "Deal created" { event deal_created paths before depth 3 }
}
`;

async function check(text: string) {
    const loaded = await loadJourneyText(journey, text);
    for (const d of loaded.diagnostics) {
        expect(typeof d.message).toBe('string');
        expect(d.code).toBeDefined();
        expect(d.range.start.line).toBeGreaterThanOrEqual(0);
    }
    expect(() => formatJourneyText(text)).not.toThrow();
    return loaded;
}

describe('bad input gets diagnostics, never an exception', () => {
    test('every truncation of a journey file', async () => {
        for (let end = 0; end < EXAMPLE.length; end += 3) {
            const loaded = await check(EXAMPLE.slice(0, end));
            if (end > 20 && end < EXAMPLE.length - 2) expect(loaded.hasErrors).toBe(true);
        }
    });

    test('binary garbage', async () => {
        let seed = 42;
        const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
        for (let i = 0; i < 20; i++) {
            const bytes = Array.from({ length: 2000 }, () => Math.floor(random() * 256));
            const loaded = await check(new TextDecoder().decode(new Uint8Array(bytes)));
            expect(loaded.hasErrors).toBe(true);
            expect(loaded.diagnostics.some(d => d.code === Codes.syntax)).toBe(true);
        }
    });

    test('a 10 MB file', async () => {
        const stage = (i: number) => `    stage "S${i}" { event page_viewed where url_path = "/p${i}" }\n`;
        let body = '';
        let i = 0;
        while (body.length < 10 * 1024 * 1024) body += stage(i++);
        const loaded = await check(`journey "big" {\n${body}}\n`);
        expect(loaded.diagnostics.map(d => d.code)).toEqual([Codes.tooLarge]);
        expect(loaded.diagnostics[0].message).toMatch(/^This file is 10\.0 MB; journey files over 256 KB are not checked/);
    }, 120_000);

    test('a file just under the size limit is checked fully', async () => {
        let body = '';
        let i = 0;
        while (body.length < 200 * 1024) body += `    stage "S${i++}" { event page_viewed }\n`;
        const loaded = await check(`journey "big" {\n${body}}\n`);
        expect(loaded.diagnostics.map(d => d.code)).toEqual([Codes.stageLimit]);
    }, 120_000);

    test('nesting up to the limit parses; deeper nesting is one clear error', async () => {
        const ok = await check(`journey "n" { stage "A" { event a where ${'('.repeat(MAX_NESTING - 2)}x = 1${')'.repeat(MAX_NESTING - 2)} } }`);
        expect(ok.diagnostics).toEqual([]);
        const depth = 20_000;
        const text = `journey "deep" { stage "A" { event a where ${'('.repeat(depth)}x = 1${')'.repeat(depth)} } }`;
        const loaded = await check(text);
        expect(loaded.diagnostics.map(d => [d.code, d.range.start.line, d.message])).toEqual([[Codes.syntax, 0, 'Brackets nest 201 or more levels deep here; at most 200 levels are allowed.']]);
        const unclosed = `journey "deep" { stage "A" { event a where ${'('.repeat(depth)}`;
        expect((await check(unclosed)).hasErrors).toBe(true);
    }, 120_000);
});

describe('syntax errors in words a user understands', () => {
    test('a missing stage name', async () => {
        const loaded = await check('journey "j" {\n    stage { event a }\n}');
        expect(loaded.diagnostics[0]).toMatchObject({ code: Codes.syntax, message: 'Expected a text in double quotes after `stage` in a stage, but found `{`.' });
        expect(loaded.diagnostics[0].range.start).toEqual({ line: 1, character: 10 });
    });

    test('an unknown setting and stray characters', async () => {
        const loaded = await check('journey "j" {\n    colour blue\n    stage "A" { event a }\n}');
        expect(loaded.diagnostics[0].message).toMatch(/^Expected .*`source`.*`stage`.*, but found `colour`\.$/);
        const stray = await check('journey "j" { stage "A" { event a # } }');
        expect(stray.diagnostics[0].message).toMatch(/^Unexpected character "#"/);
    });

    test('a truncated file says the end came too early', async () => {
        const loaded = await check('journey "j" { stage "A" { event a ');
        expect(loaded.diagnostics[0].message).toMatch(/but found the end of the file\.$/);
    });
});

describe('after a syntax error, no rule repeats it', () => {
    test('half-written dates, a journey without a quoted name, an unclosed string', async () => {
        const dates = await check('journey "a" {\n    dates from 2025-01-01 to 2025-1-31\n    stage "A" { event x }\n}\n');
        expect(dates.diagnostics.map(d => d.code)).toEqual([Codes.syntax]);
        const unnamed = await check('journey a {\n    stage "A" { event x }\n}\n');
        expect(unnamed.diagnostics.map(d => d.code)).toEqual([Codes.syntax]);
        const unclosed = await check('journey "a" {\n    stage "A" { event x where a = "open }\n}\n');
        expect(unclosed.diagnostics[0].message).toBe('This string is not closed: add the closing " on the same line.');
        const noEvent = await check('journey "a" {\n    stage "A" {\n        event\n    }\n}\n');
        expect(noEvent.diagnostics.map(d => d.message)).toEqual(['Expected a name or a text in double quotes after `event` in an `event` item, but found `}`.']);
    });
});
