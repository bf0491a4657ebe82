/** Shared test helpers: services with an optional catalog, and diagnostics as `code@line:text`. */
import { EmptyFileSystem } from 'langium';
import { validationHelper } from 'langium/test';
import type { StoreCatalog } from '../../engine/catalog.js';
import type { JourneyFile } from '../../language-server/generated/ast.js';
import { createJourneyServices, type JourneyServices } from '../../language-server/journey-module.js';
import type { JourneyLimits } from '../../language-server/journey-limits.js';

export function services(): JourneyServices {
    return createJourneyServices(EmptyFileSystem).Journey;
}

export interface Found {
    code: string;
    line: number;
    /** The text the diagnostic's range covers. */
    text: string;
    severity: number;
    message: string;
}

/** Validates inline text and returns its diagnostics (1-based lines), in document order. */
export async function diagnose(text: string, options: { catalog?: StoreCatalog; limits?: JourneyLimits; today?: string; journey?: JourneyServices } = {}): Promise<Found[]> {
    const journey = options.journey ?? services();
    const provider = journey.catalog.CatalogProvider;
    if (options.catalog) await provider.setCatalog(options.catalog);
    if (options.limits) provider.setLimits(options.limits);
    provider.setToday(options.today ?? '2026-06-30');
    const result = await validationHelper<JourneyFile>(journey)(text);
    return result.diagnostics
        .map(d => ({
            code: String(d.code),
            line: d.range.start.line + 1,
            text: result.document.textDocument.getText(d.range),
            severity: d.severity ?? 1,
            message: d.message,
        }))
        .sort((a, b) => a.line - b.line || a.code.localeCompare(b.code));
}

/** `code@line` for each diagnostic, for compact assertions. */
export function codes(found: Found[]): string[] {
    return found.map(f => `${f.code}@${f.line}`);
}
