/**
 * The language services' latency with a store's catalog loaded: full
 * validation of a 15-stage journey, completion at an event position and hover
 * on an event, timed over many runs. Shared by `npm run bench:language` and
 * `npm run bench` (which runs it with the 20M-event store's catalog).
 */
import { EmptyFileSystem, URI } from 'langium';
import type { StoreCatalog } from '../engine/catalog.js';
import { SAMPLE_EVENT_TYPES } from '../engine/sample/sample-catalog.js';
import { createJourneyServices } from '../language-server/journey-module.js';
import { percentiles } from './bench-util.js';

/** 15 stages, 15 distinct events (the sample catalog), anonymous visitors, a window, a breakdown, a campaign filter. */
export const FIFTEEN_STAGES = `journey "Fifteen stages" {
    source contacts
    dates from 2025-01-01 to 2026-06-30
    include anonymous visitors
    within 90 days
    where lifecyclestage in ("lead", "mql")
${SAMPLE_EVENT_TYPES.map(({ name }, i) => `
    ${i > 0 && i < 14 && i % 4 === 0 ? 'optional ' : ''}stage "Stage ${i + 1}" {
        event ${name}${i === 0 ? ' where url_path starts with "/pricing" breakdown by utm_source' : ''}${i === 5 ? ' campaign "Spring launch"' : ''}
    }`).join('\n')}
}
`;

export interface LanguageLatency {
    validation: { p50: number; p95: number };
    completion: { p50: number; p95: number };
    hover: { p50: number; p95: number };
    /** Completion items offered at the event position, the last hover's text, the journey's diagnostic codes. */
    items: number;
    hoverText: string;
    diagnostics: unknown[];
}

export async function measureLanguageLatency(catalog: StoreCatalog, runs: number, today = '2026-06-30'): Promise<LanguageLatency> {
    const services = createJourneyServices(EmptyFileSystem).Journey;
    await services.catalog.CatalogProvider.setCatalog(catalog);
    services.catalog.CatalogProvider.setToday(today);
    const workspace = services.shared.workspace;
    const uri = URI.parse('memory:///bench.journey');
    const document = workspace.LangiumDocumentFactory.fromString(FIFTEEN_STAGES, uri);
    workspace.LangiumDocuments.addDocument(document);
    await workspace.DocumentBuilder.build([document], { validation: true });
    const diagnostics = (document.diagnostics ?? []).map(d => d.code);

    const lines = FIFTEEN_STAGES.split('\n');
    const line = lines.findIndex(l => l.includes('event meeting_booked'));
    const nameStart = lines[line].indexOf('meeting_booked');
    // Completion with the cursor at the start of the event name (every event is a candidate), hover inside it.
    const completionAt = { textDocument: { uri: uri.toString() }, position: { line, character: nameStart } };
    const hoverAt = { textDocument: { uri: uri.toString() }, position: { line, character: nameStart + 3 } };

    const validation: number[] = [];
    const completion: number[] = [];
    const hover: number[] = [];
    let items = 0;
    let hoverText = '';
    for (let i = 0; i < runs; i++) {
        let t = performance.now();
        await services.validation.DocumentValidator.validateDocument(document);
        validation.push(performance.now() - t);
        t = performance.now();
        const list = await services.lsp.CompletionProvider!.getCompletion(document, completionAt);
        completion.push(performance.now() - t);
        items = list?.items.length ?? 0;
        t = performance.now();
        const result = await services.lsp.HoverProvider!.getHoverContent(document, hoverAt);
        hover.push(performance.now() - t);
        hoverText = JSON.stringify(result?.contents ?? '');
    }
    return {
        validation: percentiles(validation), completion: percentiles(completion), hover: percentiles(hover),
        items, hoverText, diagnostics,
    };
}
