import { beforeAll, describe, expect, test } from 'vitest';
import { EmptyFileSystem } from 'langium';
import { parseHelper, expectHover } from 'langium/test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import type { StoreCatalog } from '../../engine/catalog.js';
import { createJourneyServices, type JourneyServices } from '../../language-server/journey-module.js';
import { testCatalog } from './test-store.js';

let journey: JourneyServices;
let catalog: StoreCatalog;

beforeAll(async () => {
    catalog = await testCatalog();
    journey = createJourneyServices(EmptyFileSystem).Journey;
    await journey.catalog.CatalogProvider.setCatalog(catalog);
    journey.catalog.CatalogProvider.setToday('2026-06-30');
});

/** Completion labels at the `|` in the text. */
async function complete(textWithCursor: string): Promise<string[]> {
    const offset = textWithCursor.indexOf('|');
    const text = textWithCursor.replace('|', '');
    const doc = await parseHelper(journey)(text);
    const list = await journey.lsp.CompletionProvider!.getCompletion(doc, {
        textDocument: { uri: doc.uri.toString() }, position: doc.textDocument.positionAt(offset),
    });
    return list?.items.map(i => i.label) ?? [];
}

const EVENTS_BY_COUNT = ['page_viewed', '"Webinar joined"', 'form_submitted', 'deal_created', 'meeting_booked', 'cta_clicked', 'email_opened'];

describe('completion', () => {
    test('event names from the catalog (by count) after `event` and after `among`, with category and count', async () => {
        expect(await complete('journey "j" { stage "A" { event | } }')).toEqual(EVENTS_BY_COUNT);
        expect(await complete('journey "j" { stage "A" { event page_viewed } stage "B" { top events 3 among | } }')).toEqual(EVENTS_BY_COUNT);
        expect(await complete('journey "j" { stage "A" { event page_viewed paths before among form_submitted, | } }')).toEqual(EVENTS_BY_COUNT);
        const doc = await parseHelper(journey)('journey "j" { stage "A" { event  } }');
        const list = await journey.lsp.CompletionProvider!.getCompletion(doc, { textDocument: { uri: doc.uri.toString() }, position: doc.textDocument.positionAt(32) });
        expect(list!.items.find(i => i.label === 'page_viewed')!.detail).toBe('web_pages · 6 events');
    });

    test("the event's properties in its where and breakdown; object properties in a journey-level where", async () => {
        expect(await complete('journey "j" { stage "A" { event page_viewed where | } }')).toEqual(['url_path', 'utm_source']);
        expect(await complete('journey "j" { stage "A" { event page_viewed where url_path = "/" and | } }')).toEqual(['url_path', 'utm_source']);
        expect(await complete('journey "j" { stage "A" { event form_submitted breakdown by | } }')).toEqual(['"campaign"', 'form_id']);
        expect(await complete('journey "j" { where | }')).toEqual(['country', 'lifecyclestage', 'created_at']);
        expect(await complete('journey "j" { source deals where | }')).toEqual(['amount', 'pipeline', 'created_at']);
    });

    test('common values after an operator and inside in (...)', async () => {
        const values = await complete('journey "j" { stage "A" { event page_viewed where url_path = | } }');
        expect(values.slice(0, 2)).toEqual(['"/pricing"', '"/blog/3"']);
        expect(values).toContain('true');
        expect((await complete('journey "j" { stage "A" { event page_viewed where url_path in ("/x", | } }'))[0]).toBe('"/pricing"');
    });

    test('operators after a property, multi-word ones whole', async () => {
        expect(await complete('journey "j" { stage "A" { event page_viewed where url_path | } }'))
            .toEqual(['=', '!=', '>', '>=', '<', '<=', 'contains', 'starts with', 'in', 'not in', 'is known', 'is unknown']);
    });

    test('campaign names of the event after `campaign`', async () => {
        expect(await complete('journey "j" { stage "A" { event form_submitted campaign | } }')).toEqual(['"Spring launch"']);
    });

    test('sources after `source`, keywords valid at the cursor, a snippet for a new stage', async () => {
        expect(await complete('journey "j" { source | }')).toEqual(['contacts', 'deals', 'tickets']);
        const inJourney = await complete('journey "j" { source deals | }');
        expect(inJourney).toEqual(['source', 'dates', 'include', 'within', 'where', 'optional', 'stage (new stage)', 'stage']);
        expect(await complete('journey "j" { stage "A" { event page_viewed | } }')).toEqual(['where', 'campaign', 'breakdown', 'event', 'top', 'paths']);
        expect(await complete('journey "j" { dates | }')).toEqual(['from', 'last', 'all']);
    });

    test('without a store, no names are invented but keywords still come', async () => {
        const bare = createJourneyServices(EmptyFileSystem).Journey;
        const doc = await parseHelper(bare)('journey "j" { stage "A" { event  } }');
        const list = await bare.lsp.CompletionProvider!.getCompletion(doc, { textDocument: { uri: doc.uri.toString() }, position: doc.textDocument.positionAt(32) });
        expect(list!.items).toEqual([]);
    });
});

describe('hover', () => {
    const text = 'journey "j" {\n    dates from 2025-01-01 to 2025-01-03\n    stage "S<|>een" { event pa<|>ge_viewed event "Web<|>inar joined" }\n    stage "Form" { top events 3 among form_<|>submitted }\n}';

    test('on an event: category, description, anonymous support, events in the date range', async () => {
        await expectHover(journey)({
            text, index: 1,
            hover: '**page_viewed** (event) · category `web_pages`\n\nA visitor viewed a page of the website.\n\nSupports anonymous visitors.\n\nAbout 3 events from 2025-01-01 to 2025-01-03.',
        });
        await expectHover(journey)({ text, index: 2, hover: /category `custom`[\s\S]*Known contacts only[\s\S]*About 0 events from 2025-01-01/ });
        await expectHover(journey)({ text, index: 3, hover: /About 1 event from 2025-01-01 to 2025-01-03/ });
    });

    test('without dates, the whole store; relative dates end on the today setting', async () => {
        await expectHover(journey)({ text: 'journey "j" { stage "A" { event form_sub<|>mitted } }', index: 0, hover: /About 2 events in the whole store/ });
        await expectHover(journey)({ text: 'journey "j" { dates last 1 years stage "A" { event form_sub<|>mitted } }', index: 0, hover: /About 0 events from 2025-07-01 to 2026-06-30/ });
    });

    test('on a property: whose it is and its most common values', async () => {
        await expectHover(journey)({ text: 'journey "j" { stage "A" { event page_viewed where url_pa<|>th = "/" } }', index: 0,
            hover: '**url_path** (property of event `page_viewed`)\n\nMost common values: `"/pricing"` (3), `"/blog/3"` (1), `"/blog/4"` (1), `"/blog/5"` (1).' });
        await expectHover(journey)({ text: 'journey "j" { where coun<|>try = "DE" stage "A" { event page_viewed breakdown by col<|>our } }', index: 0,
            hover: '**country** (property of contact)\n\nMost common values: `"DE"` (1).' });
        await expectHover(journey)({ text: 'journey "j" { where coun<|>try = "DE" stage "A" { event page_viewed breakdown by col<|>our } }', index: 1,
            hover: '**colour** (property of event `page_viewed`)\n\nNot found in the store.' });
    });

    test('on a stage: its events', async () => {
        await expectHover(journey)({ text, index: 0, hover: '**Stage "Seen"**\n- event `page_viewed`\n- event `Webinar joined`' });
    });
});

describe('quick fixes', () => {
    async function fixes(text: string): Promise<{ title: string; newText: string; range: Diagnostic['range'] }[]> {
        const doc = await parseHelper(journey)(text, { validation: true });
        const actions = await journey.lsp.CodeActionProvider!.getCodeActions(doc, {
            textDocument: { uri: doc.uri.toString() },
            range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
            context: { diagnostics: doc.diagnostics ?? [] },
        }) as CodeAction[];
        return actions.map(a => {
            const edit = a.edit!.changes![doc.uri.toString()][0];
            return { title: a.title, newText: edit.newText, range: edit.range };
        });
    }

    test('remove `optional` from the first stage', async () => {
        const found = await fixes('journey "j" { optional stage "A" { event page_viewed } stage "B" { event form_submitted } }');
        expect(found).toEqual([{ title: 'Remove `optional`', newText: '', range: { start: { line: 0, character: 14 }, end: { line: 0, character: 23 } } }]);
    });

    test('replace an unknown event with the closest names, quoting names that need it', async () => {
        const found = await fixes('journey "j" { stage "A" { event page_veiwed } stage "B" { event "webinar joind" } }');
        expect(found.map(f => f.newText)).toEqual(['page_viewed', '"Webinar joined"']);
        expect(found[0].range).toEqual({ start: { line: 0, character: 32 }, end: { line: 0, character: 43 } });
        const several = await fixes('journey "j" { stage "A" { event forms_submited } stage "B" { event deal_create } }');
        expect(several.map(f => f.newText)).toEqual(['form_submitted', 'deal_created']);
    });
});

describe('outline and folding', () => {
    const text = 'journey "Pages" {\n    stage "Seen" {\n        event page_viewed\n    }\n\n    stage "Form" {\n        event form_submitted\n    }\n}\n\njourney "Deals" {\n    stage "Created" {\n        event deal_created\n    }\n}\n';

    test('document symbols: journeys with their stages', async () => {
        const doc = await parseHelper(journey)(text);
        const symbols = await journey.lsp.DocumentSymbolProvider!.getSymbols(doc, { textDocument: { uri: doc.uri.toString() } });
        const names = (list: typeof symbols): unknown[] => list.map(s => (s.children?.length ? [s.name, names(s.children)] : s.name));
        expect(names(symbols)).toEqual([['Pages', ['Seen', 'Form']], ['Deals', ['Created']]]);
    });

    test('folding ranges for journeys and stages', async () => {
        const doc = await parseHelper(journey)(text);
        const ranges = await journey.lsp.FoldingRangeProvider!.getFoldingRanges(doc, { textDocument: { uri: doc.uri.toString() } });
        const spans = ranges.map(r => [r.startLine, r.endLine]);
        expect(spans).toEqual(expect.arrayContaining([[0, 7], [1, 2], [5, 6], [10, 13], [11, 12]]));
    });
});
