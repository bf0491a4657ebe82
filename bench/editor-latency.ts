/**
 * Editor latency with a big store open: the store's catalog read as the
 * language server reads it, then the language services timed with it loaded.
 */
import { readCatalog } from '../engine/stores/sqljs/catalog-reader.js';
import { measureLanguageLatency } from './language-latency.js';

export async function measureEditorLatency(store: string, runs: number) {
    const t = performance.now();
    const catalog = await readCatalog(store);
    const catalogLoadMs = performance.now() - t;
    const latency = await measureLanguageLatency(catalog, runs);
    if (latency.items === 0) throw new Error('completion returned nothing at the event position');
    if (!latency.hoverText.includes('meeting_booked')) throw new Error(`hover did not describe the event: ${latency.hoverText}`);
    return {
        catalogLoadMs, events: catalog.totalEvents,
        validation: latency.validation, completion: latency.completion, hover: latency.hover,
    };
}
