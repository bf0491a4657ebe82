/**
 * Language fuzzing (issue 7): at least 10,000 generated texts per run go
 * through parse, validation, completion, hover and formatting. Nothing may
 * throw; formatting is idempotent and keeps the meaning (every journey of the
 * formatted text builds the same plan as the original, so gives the same
 * report). The seed is fixed (JOURNEY_FUZZ_SEED overrides it) and fast-check
 * prints it with the counterexample on failure.
 */
import fc from 'fast-check';
import { EmptyFileSystem } from 'langium';
import { describe, expect, test } from 'vitest';
import { buildPlan } from '../../engine/plan-builder.js';
import type { JourneyFile } from '../../language-server/generated/ast.js';
import { createJourneyServices } from '../../language-server/journey-module.js';
import { loadJourneyText } from '../../language-server/journey-document-loader.js';
import { tryFormatJourneyText } from '../../language-server/journey-formatter.js';
import { Codes } from '../../language-server/journey-validation-codes.js';
import { testCatalog } from '../language-server/test-store.js';
import { grammarText, mutatedText, rawText } from './journey-text-arbitraries.js';

const SEED = Number(process.env.JOURNEY_FUZZ_SEED ?? 7_2026);
/** Texts per family; the three families together make the 10,000 the issue asks for. */
const RUNS = { grammar: 1500, mutated: 2000, raw: 6500 };
const TODAY = '2026-06-30';

const journey = createJourneyServices(EmptyFileSystem).Journey;
const parser = journey.parser.LangiumParser;
let catalogReady: Promise<void> | undefined;
function withCatalog(): Promise<void> {
    catalogReady ??= testCatalog().then(async catalog => {
        await journey.catalog.CatalogProvider.setCatalog(catalog);
        journey.catalog.CatalogProvider.setToday(TODAY);
    });
    return catalogReady;
}

/** Each journey's plan, or the error building it gave (compared as text). */
function plansOf(file: JourneyFile): unknown[] {
    return file.journeys.map(j => {
        try {
            return buildPlan(j, { today: TODAY });
        } catch (error) {
            return `buildPlan threw: ${(error as Error).message}`;
        }
    });
}

/** Runs one text through every language service at a position picked from `pick`; throws on any escape. */
async function exercise(text: string, pick: number): Promise<void> {
    const loaded = await loadJourneyText(journey, text);
    for (const d of loaded.diagnostics) {
        expect(typeof d.message === 'string' && d.message.length > 0, 'diagnostic without a message').toBe(true);
        expect(d.range.start.line).toBeGreaterThanOrEqual(0);
        // Langium turns a validator that threw into this diagnostic: a crash, not a finding about the text.
        expect(d.message).not.toMatch(/^An error occurred during/);
    }
    const doc = loaded.document;
    const position = doc.textDocument.positionAt(text.length === 0 ? 0 : pick % (text.length + 1));
    const params = { textDocument: { uri: doc.uri.toString() }, position };
    // The document was removed from the workspace after the build; completion and hover work on the document itself.
    await journey.lsp.CompletionProvider!.getCompletion(doc, params);
    await journey.lsp.HoverProvider!.getHoverContent(doc, params);

    const formatted = tryFormatJourneyText(text, parser);
    const parsed = parser.parse<JourneyFile>(text);
    const clean = parsed.lexerErrors.length === 0 && parsed.parserErrors.length === 0;
    expect(formatted.ok, 'formatting succeeds exactly when the text parses').toBe(clean);
    if (!formatted.ok) return;
    const again = tryFormatJourneyText(formatted.text, parser);
    expect(again, 'the formatted text parses and formats to itself').toEqual({ ok: true, text: formatted.text });
    const reparsed = parser.parse<JourneyFile>(formatted.text);
    expect(plansOf(reparsed.value), 'the formatted text builds the same plans').toEqual(plansOf(parsed.value));
}

function property(arbitrary: fc.Arbitrary<string>) {
    return fc.asyncProperty(arbitrary, fc.nat(), async (text, pick) => exercise(text, pick));
}

describe('language fuzzing: no exception escapes, formatting is idempotent and keeps the meaning', () => {
    test(`${RUNS.grammar} grammar-aware journeys`, async () => {
        await withCatalog();
        await fc.assert(property(grammarText), { seed: SEED, numRuns: RUNS.grammar, endOnFailure: true });
    }, 300_000);

    test(`${RUNS.mutated} mutated examples and templates`, async () => {
        await withCatalog();
        await fc.assert(property(mutatedText), { seed: SEED + 1, numRuns: RUNS.mutated, endOnFailure: true });
    }, 300_000);

    test(`${RUNS.raw} raw byte and token soups`, async () => {
        await withCatalog();
        await fc.assert(property(rawText), { seed: SEED + 2, numRuns: RUNS.raw, endOnFailure: true });
    }, 300_000);

    test('the generated journeys mostly parse, so formatting and plans are really compared', () => {
        const sample = fc.sample(grammarText, { seed: SEED, numRuns: 300 });
        const clean = sample.filter(t => {
            const p = parser.parse(t);
            return p.lexerErrors.length === 0 && p.parserErrors.length === 0;
        });
        expect(clean.length).toBeGreaterThan(sample.length * 0.8);
    });

    test('regression: a relative range longer than a Date can hold is a date-range error, not a crash in validation or hover', async () => {
        await withCatalog();
        for (const amount of ['99999999999999999999', '5000']) {
            const text = `journey "x" {\n    dates last ${amount} years\n    stage "A" { event page_viewed }\n}\n`;
            const loaded = await loadJourneyText(journey, text);
            expect(loaded.diagnostics.map(d => d.code)).toEqual([Codes.dateRange]);
            await exercise(text, text.indexOf('page_viewed') + 2);
        }
    });
});
