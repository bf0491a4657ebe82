import { beforeAll, describe, expect, test } from 'vitest';
import type { StoreCatalog } from '../../engine/catalog.js';
import { Codes } from '../../language-server/journey-validation-codes.js';
import { codes, diagnose } from './helpers.js';
import { testCatalog } from './test-store.js';

let catalog: StoreCatalog;
beforeAll(async () => {
    catalog = await testCatalog();
});

/** The test catalog scaled so the store seems to hold 30M events, spread as the real rows are. */
function scaled(factor: number): StoreCatalog {
    const events = new Map([...catalog.events].map(([name, e]) => [name, { ...e, count: e.count * factor, dayCounts: e.dayCounts.map(n => n * factor) }]));
    return { ...catalog, events, totalEvents: catalog.totalEvents * factor };
}

describe('rules that need the store', () => {
    test('are skipped silently without a catalog', async () => {
        const found = await diagnose(`journey "j" {
    include anonymous visitors
    stage "A" { event nope where zzz = 1 }
    stage "B" { event meeting_booked campaign "x" }
}`);
        expect(found).toEqual([]);
    });

    test('unknown-event on the name, with the closest names in the message and data', async () => {
        const found = await diagnose(`journey "j" {
    stage "A" { event page_veiwed }
    stage "B" { top events 3 among form_submitted, "Webinar joined", emial_opened }
}`, { catalog });
        expect(found.map(f => [f.code, f.line, f.text])).toEqual([
            [Codes.unknownEvent, 2, 'page_veiwed'],
            [Codes.unknownEvent, 3, 'emial_opened'],
        ]);
        expect(found[0].message).toContain('"page_viewed"');
        expect(found[0].severity).toBe(2);
    });

    test('unknown-property for event where, breakdown and journey-level where; quiet on known ones', async () => {
        const found = await diagnose(`journey "j" {
    where lifecyclestage = "lead" and created_at > 2025-01-01 and shoe_size = 3
    stage "A" { event page_viewed where url_path = "/" and colour = "red" breakdown by utm_source }
    stage "B" { event form_submitted breakdown by nothing_here }
    stage "C" { event "Webinar joined" where live = true }
}`, { catalog });
        expect(found.map(f => [f.code, f.line, f.text])).toEqual([
            [Codes.unknownProperty, 2, 'shoe_size'],
            [Codes.unknownProperty, 3, 'colour'],
            [Codes.unknownProperty, 4, 'nothing_here'],
        ]);
    });

    test('campaign-category on events outside the six campaign categories', async () => {
        const found = await diagnose(`journey "j" {
    stage "A" { event page_viewed campaign "Spring launch" }
    stage "B" { event meeting_booked campaign "Spring launch" }
    stage "C" { event "Webinar joined" campaign "Summer webinar" }
}`, { catalog });
        expect(found.map(f => [f.code, f.line, f.text])).toEqual([
            [Codes.campaignCategory, 3, 'campaign'],
            [Codes.campaignCategory, 4, 'campaign'],
        ]);
    });

    test('anonymous-unsupported on stages none of whose events support anonymous visitors', async () => {
        const text = (anonymous: string) => `journey "j" {
    ${anonymous}
    stage "A" { event page_viewed event form_submitted }
    stage "B" { event form_submitted event meeting_booked }
    stage "C" { top events 3 }
    stage "D" { event cta_clicked }
}`;
        const found = await diagnose(text('include anonymous visitors'), { catalog });
        expect(found.map(f => [f.code, f.line, f.text])).toEqual([[Codes.anonymousUnsupported, 4, '"B"']]);
        expect(await diagnose(text(''), { catalog })).toEqual([]);
    });

    test('large-report on the dates line when the range holds more than 20M events', async () => {
        const big = scaled(2_500_000); // 12 rows → 30M events, 6M of them on 2025-01-01..2025-01-02
        const found = await diagnose('journey "j" {\n    dates from 2025-01-01 to 2025-12-31\n    stage "A" { event page_viewed }\n}', { catalog: big });
        expect(found.map(f => [f.code, f.line, f.severity])).toEqual([[Codes.largeReport, 2, 3]]);
        const small = await diagnose('journey "j" {\n    dates from 2025-01-01 to 2025-01-02\n    stage "A" { event page_viewed }\n}', { catalog: big });
        expect(small).toEqual([]);
        expect(codes(await diagnose('journey "j" {\n    stage "A" { event page_viewed }\n}', { catalog: big }))).toEqual(['large-report@1']);
        expect(await diagnose('journey "j" {\n    stage "A" { event page_viewed }\n}', { catalog })).toEqual([]);
    });
});
