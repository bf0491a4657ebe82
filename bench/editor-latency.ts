/**
 * Editor latency with a big store open: the language services of the server
 * (validation, completion at an event position, hover on an event) timed
 * over many runs with the store's catalog loaded.
 */
import { EmptyFileSystem, URI } from 'langium';
import type { CompletionParams, HoverParams } from 'vscode-languageserver';
import { createJourneyServices } from '../language-server/journey-module.js';
import { readCatalog } from '../engine/stores/sqljs/catalog-reader.js';

export const FIFTEEN_STAGES = `journey "Fifteen stages" {
    source contacts
    dates from 2025-01-01 to 2026-06-30
    include anonymous visitors
    within 90 days
    where lifecyclestage in ("lead", "mql")
${Array.from({ length: 15 }, (_, i) => {
        const events = ['page_viewed', 'form_submitted', 'cta_clicked', 'email_opened', 'email_clicked', 'ad_clicked',
            'marketing_event_attended', 'meeting_booked', 'call_logged', 'lifecycle_stage_changed', 'deal_created',
            'deal_stage_changed', 'deal_won', 'ticket_created', 'ticket_closed'];
        const where = i === 0 ? ' where url_path starts with "/pricing"' : '';
        return `
    ${i > 0 && i < 14 && i % 4 === 0 ? 'optional ' : ''}stage "Stage ${i + 1}" {
        event ${events[i]}${where}
    }`;
    }).join('\n')}
}
`;

function percentile(values: number[], p: number): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

function summarize(values: number[]) {
    return { p50: percentile(values, 0.5), p95: percentile(values, 0.95) };
}

export async function measureEditorLatency(store: string, runs: number) {
    const services = createJourneyServices(EmptyFileSystem).Journey;
    let t = performance.now();
    const catalog = await readCatalog(store);
    const catalogLoadMs = performance.now() - t;
    await services.catalog.CatalogProvider.setCatalog(catalog);

    const workspace = services.shared.workspace;
    const uri = URI.parse('memory:///bench.journey');
    const document = workspace.LangiumDocumentFactory.fromString(FIFTEEN_STAGES, uri);
    workspace.LangiumDocuments.addDocument(document);
    await workspace.DocumentBuilder.build([document], { validation: true });

    const lines = FIFTEEN_STAGES.split('\n');
    const eventLine = lines.findIndex(l => l.includes('event meeting_booked'));
    const eventColumn = lines[eventLine].indexOf('meeting_booked') + 3;
    const completionAt: CompletionParams = {
        textDocument: { uri: uri.toString() },
        position: { line: eventLine, character: lines[eventLine].indexOf('meeting_booked') + 'meeting'.length },
    };
    const hoverAt: HoverParams = { textDocument: { uri: uri.toString() }, position: { line: eventLine, character: eventColumn } };

    const validation: number[] = [];
    const completion: number[] = [];
    const hover: number[] = [];
    let completionItems = 0;
    let hoverText = '';
    for (let i = 0; i < runs; i++) {
        t = performance.now();
        await services.validation.DocumentValidator.validateDocument(document);
        validation.push(performance.now() - t);

        t = performance.now();
        const list = await services.lsp.CompletionProvider!.getCompletion(document, completionAt);
        completion.push(performance.now() - t);
        completionItems = list?.items.length ?? 0;

        t = performance.now();
        const result = await services.lsp.HoverProvider!.getHoverContent(document, hoverAt);
        hover.push(performance.now() - t);
        hoverText = JSON.stringify(result?.contents ?? '');
    }
    if (completionItems === 0) throw new Error('completion returned nothing at the event position');
    if (!hoverText.includes('meeting')) throw new Error(`hover did not describe the event: ${hoverText}`);
    return {
        catalogLoadMs, events: catalog.totalEvents,
        validation: summarize(validation), completion: summarize(completion), hover: summarize(hover),
    };
}
