/**
 * The sample store's event catalog (agreed by every engineer; docs and tests
 * rely on it) and the vocabularies the generator draws from.
 */
import type { EventCategory } from '../catalog.js';

export interface SampleEventType {
    name: string;
    category: EventCategory;
    objectType: 'contact' | 'deal' | 'ticket';
    supportsAnonymous: boolean;
    properties: string[];
    description: string;
}

export const SAMPLE_EVENT_TYPES: readonly SampleEventType[] = [
    { name: 'page_viewed', category: 'web_pages', objectType: 'contact', supportsAnonymous: true, properties: ['url_path', 'utm_source', 'utm_campaign', 'campaign', 'referrer'], description: 'A visitor viewed a page of the website.' },
    { name: 'form_submitted', category: 'forms', objectType: 'contact', supportsAnonymous: false, properties: ['form_id', 'url_path', 'campaign'], description: 'A contact submitted a website form.' },
    { name: 'cta_clicked', category: 'ctas', objectType: 'contact', supportsAnonymous: true, properties: ['cta_id', 'url_path', 'campaign'], description: 'A visitor clicked a call-to-action button.' },
    { name: 'email_opened', category: 'marketing_emails', objectType: 'contact', supportsAnonymous: false, properties: ['email_id', 'campaign'], description: 'A contact opened a marketing email.' },
    { name: 'email_clicked', category: 'marketing_emails', objectType: 'contact', supportsAnonymous: false, properties: ['email_id', 'campaign', 'url'], description: 'A contact clicked a link in a marketing email.' },
    { name: 'ad_clicked', category: 'ads', objectType: 'contact', supportsAnonymous: true, properties: ['ad_network', 'campaign'], description: 'A visitor clicked an ad.' },
    { name: 'marketing_event_attended', category: 'marketing_events', objectType: 'contact', supportsAnonymous: false, properties: ['event_title', 'campaign'], description: 'A contact attended a webinar or marketing event.' },
    { name: 'meeting_booked', category: 'meetings', objectType: 'contact', supportsAnonymous: false, properties: ['meeting_type', 'owner'], description: 'A contact booked a meeting with the team.' },
    { name: 'call_logged', category: 'sales', objectType: 'contact', supportsAnonymous: false, properties: ['outcome', 'owner'], description: 'A sales call with a contact was logged.' },
    { name: 'lifecycle_stage_changed', category: 'lifecycle', objectType: 'contact', supportsAnonymous: false, properties: ['lifecyclestage'], description: "A contact's lifecycle stage changed." },
    { name: 'deal_created', category: 'deals', objectType: 'deal', supportsAnonymous: false, properties: ['pipeline', 'amount', 'dealstage'], description: 'A deal was created.' },
    { name: 'deal_stage_changed', category: 'deals', objectType: 'deal', supportsAnonymous: false, properties: ['pipeline', 'dealstage'], description: "A deal moved to another stage of its pipeline." },
    { name: 'deal_won', category: 'deals', objectType: 'deal', supportsAnonymous: false, properties: ['pipeline', 'amount'], description: 'A deal was closed and won.' },
    { name: 'ticket_created', category: 'tickets', objectType: 'ticket', supportsAnonymous: false, properties: ['priority', 'ticket_category'], description: 'A support ticket was opened.' },
    { name: 'ticket_closed', category: 'tickets', objectType: 'ticket', supportsAnonymous: false, properties: ['priority', 'resolution'], description: 'A support ticket was closed.' },
];

/** The sample spans 2025-01-01 to 2026-06-30 UTC, fixed so that examples and tests reproduce. */
export const SAMPLE_START = Date.UTC(2025, 0, 1);
export const SAMPLE_END = Date.UTC(2026, 6, 1); // exclusive: the last event is on 2026-06-30

/** Pages by popularity rank (Zipf-like traffic: the home page first, a long tail of blog posts). */
export const URL_PATHS: readonly string[] = [
    '/', '/pricing', '/features', '/blog/customer-journeys-explained', '/demo', '/contact',
    '/blog/funnel-metrics-that-matter', '/integrations', '/customers', '/blog/attribution-101',
    '/features/reports', '/about', '/blog/b2b-marketing-playbook', '/features/integrations', '/blog/webinar-recap',
    '/docs/getting-started', '/blog/lead-scoring', '/careers', '/blog/black-friday-checklist', '/security',
    '/blog/email-benchmarks', '/partners', '/blog/sales-handoff', '/legal/privacy', '/blog/churn-signals',
];

export const UTM_SOURCES: readonly string[] = ['google', 'linkedin', 'newsletter', 'facebook', 'twitter', 'partner'];
export const REFERRERS: readonly string[] = ['https://www.google.com/', 'https://www.linkedin.com/', 'https://duckduckgo.com/', 'https://news.ycombinator.com/', 'https://www.bing.com/'];
export const AD_NETWORKS: readonly string[] = ['google', 'linkedin', 'facebook'];

export interface SampleCampaign {
    name: string;
    /** Months (0-11) when it runs; empty means all year. */
    months: number[];
    slug: string;
}

export const CAMPAIGNS: readonly SampleCampaign[] = [
    { name: 'Spring launch', months: [2, 3, 4], slug: 'spring-launch' },
    { name: 'Summer webinar', months: [5, 6, 7], slug: 'summer-webinar' },
    { name: 'Back to business', months: [8, 9], slug: 'back-to-business' },
    { name: 'Black Friday', months: [10], slug: 'black-friday' },
    { name: 'Year-end review', months: [11, 0], slug: 'year-end-review' },
    { name: 'Always-on search', months: [], slug: 'always-on-search' },
];

export const FORMS: readonly { id: string; path: string }[] = [
    { id: 'newsletter-signup', path: '/blog/customer-journeys-explained' },
    { id: 'demo-request', path: '/demo' },
    { id: 'contact-us', path: '/contact' },
    { id: 'ebook-download', path: '/blog/b2b-marketing-playbook' },
    { id: 'webinar-registration', path: '/blog/webinar-recap' },
    { id: 'pricing-quote', path: '/pricing' },
];

export const CTAS: readonly { id: string; path: string }[] = [
    { id: 'book-demo', path: '/' },
    { id: 'start-trial', path: '/pricing' },
    { id: 'download-ebook', path: '/blog/b2b-marketing-playbook' },
    { id: 'talk-to-sales', path: '/features' },
    { id: 'see-integrations', path: '/integrations' },
];

export const MARKETING_EVENTS: readonly string[] = ['Journey analytics live', 'Funnel clinic', 'Customer summit', 'Attribution deep dive'];
export const MEETING_TYPES: readonly string[] = ['discovery', 'demo', 'onboarding'];
export const OWNERS: readonly string[] = ['alice@example.com', 'bruno@example.com', 'chen@example.com', 'dana@example.com'];
export const CALL_OUTCOMES: readonly string[] = ['connected', 'voicemail', 'no_answer'];
export const LIFECYCLE_STAGES: readonly string[] = ['subscriber', 'lead', 'mql', 'sql', 'opportunity', 'customer'];
export const COUNTRIES: readonly string[] = ['US', 'GB', 'DE', 'FR', 'CA', 'AU', 'NL', 'ES', 'SE', 'BR'];
export const INDUSTRIES: readonly string[] = ['software', 'retail', 'finance', 'healthcare', 'manufacturing', 'education', 'media'];
export const EMAIL_DOMAINS: readonly string[] = ['gmail.com', 'outlook.com', 'acme.io', 'globex.com', 'initech.com', 'umbrella.co', 'hooli.com', 'yahoo.com'];
export const PIPELINES: readonly string[] = ['sales', 'sales', 'sales', 'renewals'];
export const DEAL_STAGES: readonly string[] = ['appointmentscheduled', 'qualifiedtobuy', 'presentationscheduled', 'decisionmakerboughtin', 'contractsent'];
export const TICKET_PRIORITIES: readonly string[] = ['low', 'medium', 'medium', 'high', 'urgent'];
export const TICKET_CATEGORIES: readonly string[] = ['billing', 'bug', 'how_to', 'feature_request'];
export const TICKET_RESOLUTIONS: readonly string[] = ['solved', 'solved', 'solved', 'duplicate', 'wont_fix'];
