/**
 * Fixed reports the format and chart tests render (and the golden files were
 * generated from): every optional part of cli.md's JSON appears at least once.
 */
import type { JourneyReport } from '../../engine/report.js';

export const PAGES_TO_DEALS: JourneyReport = {
    journey: 'Pages to deals',
    source: 'contacts',
    dateRange: { from: '2025-01-01', to: '2025-12-31' },
    entered: 1200,
    completed: 150,
    conversionRate: 0.125,
    stages: [
        {
            name: 'Visited a page',
            optional: false,
            count: 1200,
            conversionFromPrevious: null,
            conversionFromFirst: 1,
            events: [{ event: 'page_viewed', count: 1200 }],
            medianSecondsFromPrevious: null,
            breakdown: {
                event: 'page_viewed',
                property: 'url_path',
                rows: [
                    { value: '/pricing', count: 700, continued: 300 },
                    { value: '/features', count: 300, continued: 90 },
                    { value: '/demo', count: 160, continued: 81 },
                ],
                other: { count: 40, continued: 9 },
            },
        },
        {
            name: 'Submitted a form',
            optional: true,
            count: 420,
            conversionFromPrevious: 0.35,
            conversionFromFirst: 0.35,
            events: [{ event: 'form_submitted', count: 380 }, { event: 'cta_clicked', count: 95 }],
            medianSecondsFromPrevious: 187_230,
        },
        {
            name: 'Booked a meeting',
            optional: false,
            count: 480,
            conversionFromPrevious: 0.4,
            conversionFromFirst: 0.4,
            events: [{ event: 'meeting_booked', count: 480 }],
            medianSecondsFromPrevious: 604_800.5,
            paths: {
                direction: 'before',
                depth: 3,
                rows: [
                    { events: ['ad_clicked', 'page_viewed', 'form_submitted'], count: 88 },
                    { events: ['page_viewed', 'form_submitted'], count: 61 },
                    { events: ['email_opened'], count: 12 },
                ],
            },
        },
        {
            name: 'Engaged',
            optional: false,
            count: 300,
            conversionFromPrevious: 0.625,
            conversionFromFirst: 0.25,
            events: [{ event: 'email_opened', count: 210 }, { event: 'page_viewed', count: 150 }],
            medianSecondsFromPrevious: 3_725,
            topEvents: [{ event: 'email_opened', count: 321 }, { event: 'page_viewed', count: 200 }],
        },
        {
            name: 'Deal created',
            optional: false,
            count: 150,
            conversionFromPrevious: 0.5,
            conversionFromFirst: 0.125,
            events: [{ event: 'deal_created', count: 150 }],
            medianSecondsFromPrevious: 42,
        },
    ],
    elapsedMs: 41,
};

/**
 * A deals journey with awkward names (quotes, pipes, markup, a newline), a
 * numeric breakdown on the last stage (no `continued`), no date range and a
 * zero-entry funnel stage.
 */
export const AWKWARD: JourneyReport = {
    journey: 'Deals "won" | <b>Q1</b> & more',
    source: 'deals',
    entered: 3,
    completed: 0,
    conversionRate: 0,
    stages: [
        {
            name: 'Created\nnew',
            optional: false,
            count: 3,
            conversionFromPrevious: null,
            conversionFromFirst: 1,
            events: [{ event: 'deal_created', count: 3 }],
            medianSecondsFromPrevious: null,
        },
        {
            name: 'Won, finally',
            optional: false,
            count: 0,
            conversionFromPrevious: 0,
            conversionFromFirst: 0,
            events: [{ event: 'deal_won', count: 0 }],
            medianSecondsFromPrevious: null,
            breakdown: {
                event: 'deal_won',
                property: 'amount',
                rows: [{ value: 5000, count: 2 }, { value: true, count: 1 }, { value: '=cmd|x', count: 1 }],
                other: { count: 0 },
            },
        },
    ],
    elapsedMs: 3,
};
