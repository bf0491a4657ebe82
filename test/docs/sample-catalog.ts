/**
 * The sample store's catalog (event names, categories, anonymous support,
 * properties — as `journey sample` writes it) as a StoreCatalog, so the docs'
 * examples of store rules are checked without generating a store. Counts are
 * small except with `large`, which puts 25 million page views on 2025-06-01 to
 * trigger `large-report`.
 */
import type { CatalogEvent, PropertyStats, StoreCatalog } from '../../engine/catalog.js';

const EVENTS: [name: string, category: string, objectType: string, anonymous: boolean, properties: string[]][] = [
    ['page_viewed', 'web_pages', 'contact', true, ['url_path', 'utm_source', 'utm_campaign', 'campaign', 'referrer']],
    ['form_submitted', 'forms', 'contact', false, ['form_id', 'url_path', 'campaign']],
    ['cta_clicked', 'ctas', 'contact', true, ['cta_id', 'url_path', 'campaign']],
    ['email_opened', 'marketing_emails', 'contact', false, ['email_id', 'campaign']],
    ['email_clicked', 'marketing_emails', 'contact', false, ['email_id', 'campaign', 'url']],
    ['ad_clicked', 'ads', 'contact', true, ['ad_network', 'campaign']],
    ['marketing_event_attended', 'marketing_events', 'contact', false, ['event_title', 'campaign']],
    ['meeting_booked', 'meetings', 'contact', false, ['meeting_type', 'owner']],
    ['call_logged', 'sales', 'contact', false, ['outcome', 'owner']],
    ['lifecycle_stage_changed', 'lifecycle', 'contact', false, ['lifecyclestage']],
    ['deal_created', 'deals', 'deal', false, ['pipeline', 'amount', 'dealstage']],
    ['deal_stage_changed', 'deals', 'deal', false, ['pipeline', 'dealstage']],
    ['deal_won', 'deals', 'deal', false, ['pipeline', 'amount']],
    ['ticket_created', 'tickets', 'ticket', false, ['priority', 'ticket_category']],
    ['ticket_closed', 'tickets', 'ticket', false, ['priority', 'resolution']],
];

const props = (names: string[]): PropertyStats[] => names.map(name => ({ name, topValues: [] }));

export function sampleCatalog(options: { large?: boolean } = {}): StoreCatalog {
    const events = new Map<string, CatalogEvent>();
    let totalEvents = 0;
    for (const [name, category, objectType, supportsAnonymous, properties] of EVENTS) {
        const perDay = options.large && name === 'page_viewed' ? 25_000_000 : 100;
        events.set(name, {
            name, category, objectType, supportsAnonymous, count: perDay,
            properties: props(properties), days: ['2025-06-01'], dayCounts: [perDay],
        });
        totalEvents += perDay;
    }
    return {
        store: options.large ? 'large-sample.sqlite' : 'sample.sqlite',
        totalEvents,
        events,
        objectProperties: new Map([
            ['contact', props(['lifecyclestage', 'country', 'industry', 'email_domain', 'created_at'])],
            ['deal', props(['pipeline', 'amount', 'dealstage', 'created_at'])],
            ['ticket', props(['priority', 'created_at'])],
        ]),
    };
}
