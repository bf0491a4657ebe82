/**
 * The store's catalog as the language services see it: event names and their
 * categories, anonymous support, properties with common values, and counts per
 * day. Read from a store by `readCatalog` (engine/stores/sqljs/catalog-reader.ts).
 */

export type EventCategory =
    | 'ads' | 'ctas' | 'forms' | 'marketing_emails' | 'marketing_events' | 'web_pages'
    | 'meetings' | 'sales' | 'deals' | 'tickets' | 'lifecycle' | 'custom';

/** Categories whose events may take a `campaign` filter (store.md). */
export const CAMPAIGN_CATEGORIES: ReadonlySet<string> = new Set([
    'ads', 'ctas', 'forms', 'marketing_emails', 'marketing_events', 'web_pages',
]);

export interface PropertyStats {
    name: string;
    /** Most common values (JSON values), most common first. */
    topValues: { value: string | number | boolean; count: number }[];
}

export interface CatalogEvent {
    name: string;
    category: string;
    objectType: string;
    supportsAnonymous: boolean;
    description?: string;
    /** Events of this name in the store. */
    count: number;
    properties: PropertyStats[];
    /** Per-UTC-day counts: days sorted ascending (`YYYY-MM-DD`) with their counts. */
    days: string[];
    dayCounts: number[];
}

export interface StoreCatalog {
    /** Path or address of the store the catalog was read from. */
    store: string;
    totalEvents: number;
    /** By event name; includes names found in `events` but not in `event_types` (category `custom`). */
    events: Map<string, CatalogEvent>;
    /** Object property names per object type (`contact`, `deal`, `ticket`), with common values; `created_at` included. */
    objectProperties: Map<string, PropertyStats[]>;
}

/** Estimated events of the given names in [startDay, endDay] (both included), or all time. */
export function countEventsInRange(catalog: StoreCatalog, names: Iterable<string> | undefined, startDay?: string, endDay?: string): number {
    const selected = names ? [...names].map(n => catalog.events.get(n)).filter(e => e !== undefined) : [...catalog.events.values()];
    let total = 0;
    for (const event of selected) {
        if (!startDay && !endDay) { total += event.count; continue; }
        for (let i = 0; i < event.days.length; i++) {
            const day = event.days[i];
            if ((startDay && day < startDay) || (endDay && day > endDay)) continue;
            total += event.dayCounts[i];
        }
    }
    return total;
}
