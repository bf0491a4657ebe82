/**
 * The sample store's data: one story per contact (anonymous visits that later
 * identify, sessions of Zipf-distributed page views with UTM campaigns, ads,
 * CTAs, forms, marketing emails, events, lifecycle changes, meetings, calls,
 * deals with stage changes and wins, support tickets), plus visitors who never
 * identify. Deterministic for a seed; produced in batches so that 20M events
 * never sit in JavaScript memory at once.
 */
import type { SqlCell } from '../import/import-sink.js';
import type { StoreTable } from '../import/table-specs.js';
import { cumulative, Random, zipfWeights } from './random.js';
import {
    AD_NETWORKS, CALL_OUTCOMES, CAMPAIGNS, COUNTRIES, CTAS, DEAL_STAGES, EMAIL_DOMAINS, FORMS, INDUSTRIES,
    MARKETING_EVENTS, MEETING_TYPES, OWNERS, PIPELINES, REFERRERS, SAMPLE_END, SAMPLE_EVENT_TYPES, SAMPLE_START,
    TICKET_CATEGORIES, TICKET_PRIORITIES, TICKET_RESOLUTIONS, URL_PATHS, UTM_SOURCES,
} from './sample-catalog.js';

export interface SampleOptions {
    /** Contacts to create (about 40 events each, anonymous visitors included). */
    contacts: number;
    seed: number;
}

/** Rows of each table produced since the previous batch, and how far along we are. */
export interface SampleBatch {
    rows: Record<StoreTable, SqlCell[][]>;
    /** Contacts done so far. */
    contactsDone: number;
}

const MINUTE = 60_000;
const DAY = 86_400_000;
const PAGE_CUMULATIVE = cumulative(zipfWeights(URL_PATHS.length, 1.1));
/** Yield a batch once this many events are buffered. */
const BATCH_EVENTS = 20_000;

/** The event_types rows exactly as the agreed catalog fixes them. */
export function sampleEventTypeRows(): SqlCell[][] {
    return SAMPLE_EVENT_TYPES.map(t => [t.name, t.category, t.objectType, t.supportsAnonymous ? 1 : 0, t.description]);
}

export function* generateSample(options: SampleOptions): Generator<SampleBatch> {
    if (!Number.isInteger(options.contacts) || options.contacts < 1) throw new Error(`contacts must be a whole number of at least 1 (got ${options.contacts})`);
    const story = new StoryWriter(new Random(options.seed));
    story.rows.event_types.push(...sampleEventTypeRows());
    for (let i = 0; i < options.contacts; i++) {
        story.contact(i);
        if (story.rng.chance(0.5)) story.strangerVisits();
        if (story.rows.events.length >= BATCH_EVENTS || i === options.contacts - 1) {
            yield { rows: story.takeRows(), contactsDone: i + 1 };
        }
    }
}

class StoryWriter {
    rows = emptyRows();
    private eventCounter = 0;
    private anonymousCounter = 0;
    private dealCounter = 0;
    private ticketCounter = 0;

    constructor(readonly rng: Random) {}

    takeRows(): Record<StoreTable, SqlCell[][]> {
        const rows = this.rows;
        this.rows = emptyRows();
        return rows;
    }

    /** One contact's whole story, from anonymous first visits to tickets as a customer. */
    contact(index: number): void {
        const rng = this.rng;
        const contactId = `c${index + 1}`;
        // Growth: more contacts arrive later in the period (sqrt skews toward the end).
        const createdAt = Math.floor(SAMPLE_START + (SAMPLE_END - SAMPLE_START - DAY) * Math.sqrt(rng.next()));
        const who = { type: 'contact', id: contactId, anonymousId: null as string | null };

        if (rng.chance(0.4)) {
            // Visited anonymously first, identified when the cookie met the form.
            const anonymousId = this.newAnonymousId();
            who.anonymousId = anonymousId;
            this.rows.identities.push([anonymousId, contactId]);
            let t = Math.max(SAMPLE_START, createdAt - Math.floor(rng.exponential(10 * DAY)));
            const visits = 1 + rng.geometric(2, 30);
            for (let v = 0; v < visits && t < createdAt; v++) {
                this.anonymousTouch(anonymousId, t);
                t += Math.floor(rng.exponential(2 * DAY)) + MINUTE;
            }
        }

        // The converting session: a few pages, then a form (or a sales rep creates the contact).
        let t = createdAt - rng.int(2, 15) * MINUTE;
        const campaign = rng.chance(0.45) ? this.campaignAt(t) : undefined;
        const form = rng.pick(FORMS);
        // UTM tags ride on the landing page view only, as trackers record them.
        for (let p = rng.int(1, 4), landing = true; p > 0 && t < createdAt; p--, landing = false) {
            this.pageView(who, t, landing ? campaign : undefined, p === 1 ? form.path : undefined);
            t += rng.int(1, 4) * MINUTE;
        }
        const byForm = rng.chance(0.85);
        if (byForm) this.event(who, 'form_submitted', createdAt, { form_id: form.id, url_path: form.path, ...(campaign ? { campaign: campaign.name } : {}) });
        else this.event(who, 'call_logged', createdAt, { outcome: 'connected', owner: rng.pick(OWNERS) });
        let stage = form.id === 'newsletter-signup' ? 0 : 1;
        this.event(who, 'lifecycle_stage_changed', createdAt + 1000, { lifecyclestage: LIFECYCLE[stage] });

        this.laterSessions(who, createdAt);
        this.emails(who, createdAt);
        if (rng.chance(0.12)) {
            const at = createdAt + Math.floor(rng.exponential(40 * DAY));
            if (at < SAMPLE_END) this.event(who, 'marketing_event_attended', at, { event_title: rng.pick(MARKETING_EVENTS), campaign: this.campaignAt(at).name });
        }

        // Sales funnel: mql → sql → meeting → deal → won → tickets.
        let at = createdAt + DAY;
        const advance = (meanDays: number) => { at += Math.floor(rng.exponential(meanDays * DAY)) + MINUTE; return at < SAMPLE_END; };
        if ((rng.chance(0.45) || form.id === 'demo-request') && advance(10)) {
            stage = Math.max(stage, 2);
            this.event(who, 'lifecycle_stage_changed', at, { lifecyclestage: 'mql' });
            if (rng.chance(0.55) && advance(7)) {
                stage = 3;
                this.event(who, 'lifecycle_stage_changed', at, { lifecyclestage: 'sql' });
                for (let c = rng.int(0, 3); c > 0 && advance(2); c--) this.event(who, 'call_logged', at, { outcome: rng.pick(CALL_OUTCOMES), owner: rng.pick(OWNERS) });
                if (rng.chance(0.75) && advance(4)) {
                    const owner = rng.pick(OWNERS);
                    this.event(who, 'meeting_booked', at, { meeting_type: rng.pick(MEETING_TYPES), owner });
                    if (rng.chance(0.55) && advance(3)) {
                        stage = 4;
                        this.event(who, 'lifecycle_stage_changed', at, { lifecyclestage: 'opportunity' });
                        if (this.deal(contactId, at)) {
                            stage = 5;
                            this.event(who, 'lifecycle_stage_changed', at + DAY, { lifecyclestage: 'customer' });
                            this.tickets(contactId, at + DAY, 1.5);
                        }
                    }
                }
            }
        } else if (rng.chance(0.03)) {
            this.tickets(contactId, createdAt + DAY, 0.5);
        }

        this.rows.objects.push(['contact', contactId, createdAt, JSON.stringify({
            lifecyclestage: LIFECYCLE[stage], country: rng.pick(COUNTRIES), industry: rng.pick(INDUSTRIES),
            email_domain: rng.pick(EMAIL_DOMAINS),
        })]);
    }

    /** A visitor who never identifies: a few anonymous touches. */
    strangerVisits(): void {
        const anonymousId = this.newAnonymousId();
        let t = Math.floor(SAMPLE_START + (SAMPLE_END - SAMPLE_START - DAY) * Math.sqrt(this.rng.next()));
        for (let v = 1 + this.rng.geometric(1.5, 20); v > 0 && t < SAMPLE_END; v--) {
            this.anonymousTouch(anonymousId, t);
            t += Math.floor(this.rng.exponential(3 * DAY)) + MINUTE;
        }
    }

    private anonymousTouch(anonymousId: string, t: number): void {
        const who = { type: null, id: null, anonymousId };
        const roll = this.rng.next();
        const campaign = this.rng.chance(0.4) ? this.campaignAt(t) : undefined;
        if (roll < 0.12) {
            const c = campaign ?? this.campaignAt(t);
            this.event(who, 'ad_clicked', t, { ad_network: this.rng.pick(AD_NETWORKS), campaign: c.name });
            this.pageView(who, t + 2000, c);
        } else if (roll < 0.22) {
            const cta = this.rng.pick(CTAS);
            this.pageView(who, t, campaign, cta.path);
            this.event(who, 'cta_clicked', t + 30_000, { cta_id: cta.id, url_path: cta.path, ...(campaign ? { campaign: campaign.name } : {}) });
        } else {
            const pages = this.rng.int(1, 3);
            for (let p = 1; p <= pages; p++) this.pageView(who, t + p * MINUTE, p === 1 ? campaign : undefined);
        }
    }

    /** Return visits after the contact exists: sessions of page views, sometimes via an ad or a CTA. */
    private laterSessions(who: Who, from: number): void {
        const rng = this.rng;
        let t = from;
        for (let s = rng.geometric(7, 80); s > 0; s--) {
            t += Math.floor(rng.exponential(12 * DAY)) + MINUTE;
            if (t >= SAMPLE_END) return;
            const campaign = rng.chance(0.3) ? this.campaignAt(t) : undefined;
            let u = t;
            if (campaign && rng.chance(0.35)) {
                this.event(who, 'ad_clicked', u, { ad_network: rng.pick(AD_NETWORKS), campaign: campaign.name });
                u += 2000;
            }
            for (let p = 1 + rng.geometric(3.2, 40), landing = true; p > 0; p--, landing = false) {
                this.pageView(who, u, landing ? campaign : undefined);
                u += rng.int(20, 240) * 1000;
            }
            if (rng.chance(0.15)) {
                const cta = rng.pick(CTAS);
                this.event(who, 'cta_clicked', u, { cta_id: cta.id, url_path: cta.path, ...(campaign ? { campaign: campaign.name } : {}) });
            }
            if (rng.chance(0.06)) {
                const form = rng.pick(FORMS);
                this.event(who, 'form_submitted', u + MINUTE, { form_id: form.id, url_path: form.path, ...(campaign ? { campaign: campaign.name } : {}) });
            }
        }
    }

    /** A fortnightly newsletter: some opened, a few clicked. */
    private emails(who: Who, from: number): void {
        const rng = this.rng;
        const engagement = rng.next() * 0.6;
        const firstSend = SAMPLE_START + Math.ceil((from - SAMPLE_START) / (14 * DAY)) * 14 * DAY + 9 * 3_600_000;
        for (let sent = firstSend; sent < SAMPLE_END; sent += 14 * DAY) {
            if (!rng.chance(engagement)) continue;
            const campaign = this.campaignAt(sent);
            const emailId = `newsletter-${new Date(sent).toISOString().slice(0, 10)}`;
            const opened = sent + Math.floor(rng.exponential(6 * 3_600_000));
            if (opened >= SAMPLE_END) return;
            this.event(who, 'email_opened', opened, { email_id: emailId, campaign: campaign.name });
            if (rng.chance(0.25)) {
                const path = URL_PATHS[rng.weighted(PAGE_CUMULATIVE)];
                this.event(who, 'email_clicked', opened + 20_000, { email_id: emailId, campaign: campaign.name, url: `https://example.com${path}` });
                this.pageView(who, opened + 25_000, campaign, path, 'newsletter');
            }
        }
    }

    /** A deal for the contact: created, moved through stages, won or lost. True when won. */
    private deal(contactId: string, at: number): boolean {
        const rng = this.rng;
        const dealId = `d${++this.dealCounter}`;
        const deal = { type: 'deal', id: dealId, anonymousId: null };
        const pipeline = rng.pick(PIPELINES);
        const amount = rng.int(5, 200) * 500;
        this.rows.associations.push(['deal', dealId, 'contact', contactId]);
        this.event(deal, 'deal_created', at, { pipeline, amount, dealstage: DEAL_STAGES[0] });
        let stage = DEAL_STAGES[0];
        let t = at;
        let won = false;
        for (let s = 1; s < DEAL_STAGES.length; s++) {
            t += Math.floor(rng.exponential(6 * DAY)) + MINUTE;
            if (t >= SAMPLE_END || rng.chance(0.2)) break;
            stage = DEAL_STAGES[s];
            this.event(deal, 'deal_stage_changed', t, { pipeline, dealstage: stage });
            if (s === DEAL_STAGES.length - 1) {
                t += Math.floor(rng.exponential(5 * DAY)) + MINUTE;
                if (t < SAMPLE_END) {
                    won = rng.chance(0.6);
                    stage = won ? 'closedwon' : 'closedlost';
                    this.event(deal, 'deal_stage_changed', t, { pipeline, dealstage: stage });
                    if (won) this.event(deal, 'deal_won', t, { pipeline, amount });
                }
            }
        }
        this.rows.objects.push(['deal', dealId, at, JSON.stringify({ pipeline, amount, dealstage: stage })]);
        return won;
    }

    private tickets(contactId: string, from: number, mean: number): void {
        const rng = this.rng;
        let t = from;
        for (let n = rng.geometric(mean, 20); n > 0; n--) {
            t += Math.floor(rng.exponential(30 * DAY)) + MINUTE;
            if (t >= SAMPLE_END) return;
            const ticketId = `t${++this.ticketCounter}`;
            const ticket = { type: 'ticket', id: ticketId, anonymousId: null };
            const priority = rng.pick(TICKET_PRIORITIES);
            this.rows.associations.push(['ticket', ticketId, 'contact', contactId]);
            this.rows.objects.push(['ticket', ticketId, t, JSON.stringify({ priority })]);
            this.event(ticket, 'ticket_created', t, { priority, ticket_category: rng.pick(TICKET_CATEGORIES) });
            const closed = t + Math.floor(rng.exponential(3 * DAY)) + MINUTE;
            if (closed < SAMPLE_END && rng.chance(0.85)) this.event(ticket, 'ticket_closed', closed, { priority, resolution: rng.pick(TICKET_RESOLUTIONS) });
        }
    }

    private pageView(who: Who, t: number, campaign: Campaign | undefined, path?: string, utmSource?: string): void {
        const props: Record<string, string> = { url_path: path ?? URL_PATHS[this.rng.weighted(PAGE_CUMULATIVE)] };
        if (campaign) {
            props.utm_source = utmSource ?? this.rng.pick(UTM_SOURCES);
            props.utm_campaign = campaign.slug;
            props.campaign = campaign.name;
        } else if (this.rng.chance(0.3)) {
            props.referrer = this.rng.pick(REFERRERS);
        }
        this.event(who, 'page_viewed', t, props);
    }

    /** One of the campaigns running that month (always-on search included), chosen at random. */
    private campaignAt(t: number): Campaign {
        const running = RUNNING_BY_MONTH[new Date(t).getUTCMonth()];
        return running[Math.floor(this.rng.next() * running.length)];
    }

    private event(who: Who, name: string, t: number, props: Record<string, string | number>): void {
        if (t >= SAMPLE_END) return;
        this.rows.events.push([`e${(++this.eventCounter).toString(36)}`, name, Math.floor(t), who.type, who.id, who.anonymousId, JSON.stringify(props)]);
    }

    private newAnonymousId(): string {
        return `anon-${(++this.anonymousCounter).toString(36)}`;
    }
}

type Who = { type: string | null; id: string | null; anonymousId: string | null };
type Campaign = (typeof CAMPAIGNS)[number];

const LIFECYCLE = ['subscriber', 'lead', 'mql', 'sql', 'opportunity', 'customer'];
const RUNNING_BY_MONTH: Campaign[][] = Array.from({ length: 12 }, (_, month) =>
    CAMPAIGNS.filter(c => c.months.length === 0 || c.months.includes(month)));

function emptyRows(): Record<StoreTable, SqlCell[][]> {
    return { events: [], objects: [], identities: [], associations: [], event_types: [] };
}
