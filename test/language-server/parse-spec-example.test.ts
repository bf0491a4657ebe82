import { describe, expect, test } from 'vitest';
import { EmptyFileSystem } from 'langium';
import { parseHelper } from 'langium/test';
import { createJourneyServices } from '../../language-server/journey-module.js';
import type { JourneyFile } from '../../language-server/generated/ast.js';

const services = createJourneyServices(EmptyFileSystem).Journey;
const parse = parseHelper<JourneyFile>(services);

const specExample = `
// Which pages generate meetings and then deals?
journey "Pages to deals" {
    source contacts
    dates from 2025-01-01 to 2025-12-31
    include anonymous visitors
    within 90 days
    where lifecyclestage in ("lead", "mql")

    stage "Visited a page" {
        event page_viewed
            where url_path starts with "/pricing"
            breakdown by url_path top 5
    }

    optional stage "Submitted a form" {
        event form_submitted where form_id = "demo-request"
        event cta_clicked campaign "Spring launch"
    }

    stage "Booked a meeting" {
        event meeting_booked
        paths before depth 3 top 5
    }

    stage "Engaged" {
        top events 5 among page_viewed, email_opened, ad_clicked
    }

    stage "Deal created" {
        event deal_created
    }
}
`;

describe('the language.md example', () => {
    test('parses without errors', async () => {
        const doc = await parse(specExample);
        expect(doc.parseResult.lexerErrors).toEqual([]);
        expect(doc.parseResult.parserErrors).toEqual([]);
        const journey = doc.parseResult.value.journeys[0];
        expect(journey.name).toBe('Pages to deals');
        expect(journey.stages.map(s => s.name)).toEqual([
            'Visited a page', 'Submitted a form', 'Booked a meeting', 'Engaged', 'Deal created',
        ]);
        expect(journey.stages[1].optional).toBe(true);
    });

    test('strings decode JSON escapes', async () => {
        const doc = await parse('journey "a\\"b\\u00e9\\n" { stage "s" { event "Page viewed" } }');
        expect(doc.parseResult.parserErrors).toEqual([]);
        expect(doc.parseResult.value.journeys[0].name).toBe('a"bé\n');
    });
});
