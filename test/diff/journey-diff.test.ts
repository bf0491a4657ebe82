import { describe, expect, it } from 'vitest';
import { changeMessages, diffTexts, journey } from './diff-helpers.js';
import { SPEC_EXAMPLE } from '../fixtures/spec-example.js';

const BASE = SPEC_EXAMPLE;

/** BASE with one exact piece of text replaced (the piece must be there). */
function edit(from: string, to: string, text = BASE): string {
    expect(text).toContain(from);
    return text.replace(from, to);
}

describe('no change in meaning', () => {
    it('ignores whitespace, comments and line breaks', async () => {
        const reformatted = `journey "Pages to deals" { /* one line */ source contacts dates from 2025-01-01 to 2025-12-31
include anonymous visitors within 90 days where lifecyclestage in ("lead", "mql")
stage "Visited a page" { event page_viewed where url_path starts with "/pricing" breakdown by url_path top 5 }
// the optional one
optional stage "Submitted a form" { event form_submitted where form_id = "demo-request"
  event cta_clicked campaign "Spring launch" }
stage "Booked a meeting" { event meeting_booked paths before depth 3 top 5 }
stage "Engaged" { top events 5 among page_viewed, email_opened, ad_clicked }
stage "Deal created" { event deal_created } }`;
        const diff = await diffTexts(BASE, reformatted);
        expect(diff.meaningChanged).toBe(false);
        expect(diff.journeys.map(j => j.status)).toEqual(['unchanged']);
        expect(diff.journeys[0].stages.map(s => [s.oldIndex, s.newIndex])).toEqual([[0, 0], [1, 1], [2, 2], [3, 3], [4, 4]]);
    });

    it('treats equivalent spellings as the same: defaults, quoted names, setting order, condition order', async () => {
        const equivalent = BASE
            .replace('    source contacts\n', '')
            .replace('where lifecyclestage in ("lead", "mql")', 'where lifecyclestage = "mql" or "lifecyclestage" = "lead"')
            .replace('event page_viewed', 'event "page_viewed"')
            .replace('breakdown by url_path top 5', 'breakdown by url_path top 5.0')
            .replace('paths before depth 3 top 5', 'paths before')
            .replace('among page_viewed, email_opened, ad_clicked', 'among ad_clicked, page_viewed, email_opened')
            .replace('within 90 days', 'within 2160 hours');
        expect(await changeMessages(BASE, equivalent)).toEqual([]);
    });

    it('normalises conditions structurally: grouping, operand order, duplicates, split where lines', async () => {
        const a = journey('where country = "US" and (industry = "Retail" or industry = "Tech")\nstage "A" { event page_viewed where a = 1 and (b = 2 and c = 3) }');
        const b = journey('where industry in ("Tech", "Retail", "Tech")\nwhere "country" = "US"\nstage "A" { event page_viewed where c = 3 where b = 2 and a = 1.0 }');
        expect(await changeMessages(a, b)).toEqual([]);
    });

    it('treats `dates all` as no dates, and `last 2 weeks` as `last 14 days`, `last 1 years` as `last 12 months`', async () => {
        expect(await changeMessages(journey('stage "A" { event x }'), journey('dates all\nstage "A" { event x }'))).toEqual([]);
        expect(await changeMessages(journey('dates last 2 weeks\nstage "A" { event x }'), journey('dates last 14 days\nstage "A" { event x }'))).toEqual([]);
        expect(await changeMessages(journey('dates last 1 years\nstage "A" { event x }'), journey('dates last 12 months\nstage "A" { event x }'))).toEqual([]);
    });
});

describe('journey settings', () => {
    it('reports the source', async () => {
        const before = journey('stage "A" { event deal_created }\nstage "B" { event deal_won }');
        expect(await changeMessages(before, edit('{\n', '{\nsource deals\n', before))).toEqual(['source: contacts → deals']);
    });

    it('reports dates, absolute and relative, as written', async () => {
        expect(await changeMessages(BASE, edit('dates from 2025-01-01 to 2025-12-31', 'dates from 2025-03-01 to 2025-12-31')))
            .toEqual(['dates: from 2025-01-01 to 2025-12-31 → from 2025-03-01 to 2025-12-31']);
        expect(await changeMessages(BASE, edit('dates from 2025-01-01 to 2025-12-31', 'dates last 90 days')))
            .toEqual(['dates: from 2025-01-01 to 2025-12-31 → last 90 days']);
        expect(await changeMessages(BASE, edit('    dates from 2025-01-01 to 2025-12-31\n', '')))
            .toEqual(['dates: from 2025-01-01 to 2025-12-31 → all dates']);
    });

    it('reports anonymous visitors on and off', async () => {
        const off = edit('    include anonymous visitors\n', '');
        expect(await changeMessages(BASE, off)).toEqual(['anonymous visitors no longer included']);
        expect(await changeMessages(off, BASE)).toEqual(['anonymous visitors now included']);
    });

    it('reports the conversion window in words', async () => {
        expect(await changeMessages(BASE, edit('within 90 days', 'within 2 weeks'))).toEqual(['conversion window: within 90 days → within 2 weeks']);
        expect(await changeMessages(BASE, edit('    within 90 days\n', ''))).toEqual(['conversion window: within 90 days → no conversion window']);
    });

    it('reports the object filter added, changed and removed', async () => {
        expect(await changeMessages(BASE, edit('("lead", "mql")', '("lead", "mql", "sql")')))
            .toEqual(['object filter changed: where lifecyclestage in ("lead", "mql") → where lifecyclestage in ("lead", "mql", "sql")']);
        expect(await changeMessages(BASE, edit('where lifecyclestage in ("lead", "mql")', 'where lifecyclestage in ("lead", "mql")\n    where country = "US"')))
            .toEqual(['object filter changed: where lifecyclestage in ("lead", "mql") → where lifecyclestage in ("lead", "mql") and country = "US"']);
        const none = edit('    where lifecyclestage in ("lead", "mql")\n', '');
        expect(await changeMessages(none, BASE)).toEqual(['object filter added: where lifecyclestage in ("lead", "mql")']);
        expect(await changeMessages(BASE, none)).toEqual(['object filter removed (was: where lifecyclestage in ("lead", "mql"))']);
    });

    it('tells a string from a date literal and `!=` from `not in` of two values', async () => {
        const a = journey('where created_at >= 2025-01-01\nstage "A" { event x }');
        const b = journey('where created_at >= "2025-01-01"\nstage "A" { event x }');
        expect(await changeMessages(a, b)).toHaveLength(1);
        const c = journey('where country not in ("US", "DE")\nstage "A" { event x }');
        const d = journey('where country != "US" and country != "DE"\nstage "A" { event x }');
        const e = journey('where country != "US" or country != "DE"\nstage "A" { event x }');
        expect(await changeMessages(c, d)).toEqual([]);
        expect(await changeMessages(c, e)).toEqual(['object filter changed: where country not in ("US", "DE") → where country != "US" or country != "DE"']);
    });
});

describe('stages', () => {
    it('reports a stage added, with its place and content', async () => {
        const after = edit('    stage "Deal created" {', '    stage "Called" {\n        event call_logged where outcome = "connected"\n    }\n\n    stage "Deal created" {');
        const diff = await diffTexts(BASE, after);
        expect(diff.journeys[0].changes.map(c => c.message))
            .toEqual(['stage "Called" added as the 5th stage (event call_logged where outcome = "connected")']);
        expect(diff.journeys[0].stages.map(s => s.name)).toEqual(['Visited a page', 'Submitted a form', 'Booked a meeting', 'Engaged', 'Called', 'Deal created']);
        expect(diff.journeys[0].stages[4]).toEqual({ name: 'Called', newIndex: 4 });
    });

    it('reports a stage removed, and keeps it in place among the stage pairs', async () => {
        const after = edit('    optional stage "Submitted a form" {\n        event form_submitted where form_id = "demo-request"\n        event cta_clicked campaign "Spring launch"\n    }\n', '');
        const diff = await diffTexts(BASE, after);
        expect(diff.journeys[0].changes.map(c => c.message)).toEqual([
            'stage "Submitted a form" removed (was the 2nd stage: event form_submitted where form_id = "demo-request"; event cta_clicked campaign "Spring launch")',
        ]);
        expect(diff.journeys[0].stages).toEqual([
            { name: 'Visited a page', oldIndex: 0, newIndex: 0 },
            { name: 'Submitted a form', oldIndex: 1 },
            { name: 'Booked a meeting', oldIndex: 2, newIndex: 1 },
            { name: 'Engaged', oldIndex: 3, newIndex: 2 },
            { name: 'Deal created', oldIndex: 4, newIndex: 3 },
        ]);
    });

    it('reports a renamed stage as a rename, also when its content changed a little', async () => {
        expect(await changeMessages(BASE, edit('stage "Booked a meeting"', 'stage "Meeting booked"')))
            .toEqual(['stage renamed: "Booked a meeting" → "Meeting booked"']);
        const renamedAndEdited = edit('optional stage "Submitted a form" {\n        event form_submitted where form_id = "demo-request"',
            'optional stage "Converted" {\n        event form_submitted');
        expect(await changeMessages(BASE, renamedAndEdited)).toEqual([
            'stage renamed: "Submitted a form" → "Converted"',
            'stage "Converted": event form_submitted filter removed (was: where form_id = "demo-request")',
        ]);
    });

    it('reports a replaced stage (new name, other events) as removed and added', async () => {
        const after = edit('stage "Deal created" {\n        event deal_created', 'stage "Ticket" {\n        event ticket_created');
        expect(await changeMessages(BASE, after)).toEqual([
            'stage "Deal created" removed (was the 5th stage: event deal_created)',
            'stage "Ticket" added as the 5th stage (event ticket_created)',
        ]);
    });

    it('reports reordered stages, naming the one that moved', async () => {
        const before = journey('stage "A" { event a }\nstage "B" { event b }\nstage "C" { event c }\nstage "D" { event d }');
        const after = journey('stage "A" { event a }\nstage "C" { event c }\nstage "D" { event d }\nstage "B" { event b }');
        expect(await changeMessages(before, after)).toEqual(['stages reordered: "A", "B", "C", "D" → "A", "C", "D", "B" (moved: "B")']);
    });

    it('reports a stage made optional or required', async () => {
        const optional = edit('    stage "Booked a meeting"', '    optional stage "Booked a meeting"');
        expect(await changeMessages(BASE, optional)).toEqual(['stage "Booked a meeting" made optional']);
        expect(await changeMessages(optional, BASE)).toEqual(['stage "Booked a meeting" made required']);
    });
});

describe('stage items', () => {
    it('reports events added to and removed from a stage', async () => {
        const added = edit('event meeting_booked\n', 'event meeting_booked\n        event call_logged\n');
        expect(await changeMessages(BASE, added)).toEqual(['stage "Booked a meeting": event call_logged added']);
        expect(await changeMessages(added, BASE)).toEqual(['stage "Booked a meeting": event call_logged removed']);
    });

    it('reports a second item of the same event as one item added', async () => {
        const after = edit('event meeting_booked\n', 'event meeting_booked\n        event meeting_booked where meeting_type = "demo"\n');
        expect(await changeMessages(BASE, after)).toEqual(['stage "Booked a meeting": event meeting_booked where meeting_type = "demo" added']);
    });

    it('reports an event filter added, changed and removed', async () => {
        expect(await changeMessages(BASE, edit('starts with "/pricing"', 'starts with "/features"'))).toEqual([
            'stage "Visited a page": event page_viewed filter changed: where url_path starts with "/pricing" → where url_path starts with "/features"',
        ]);
        expect(await changeMessages(BASE, edit('event deal_created', 'event deal_created where pipeline = "default"'))).toEqual([
            'stage "Deal created": event deal_created filter added: where pipeline = "default"',
        ]);
        expect(await changeMessages(BASE, edit(' where form_id = "demo-request"', ''))).toEqual([
            'stage "Submitted a form": event form_submitted filter removed (was: where form_id = "demo-request")',
        ]);
    });

    it('reports the campaign added, changed and removed', async () => {
        expect(await changeMessages(BASE, edit('campaign "Spring launch"', 'campaign "Black Friday"')))
            .toEqual(['stage "Submitted a form": event cta_clicked campaign "Spring launch" → "Black Friday"']);
        expect(await changeMessages(BASE, edit(' campaign "Spring launch"', '')))
            .toEqual(['stage "Submitted a form": event cta_clicked campaign "Spring launch" removed']);
        expect(await changeMessages(BASE, edit('event form_submitted where', 'event form_submitted campaign "Summer webinar" where')))
            .toEqual(['stage "Submitted a form": event form_submitted campaign "Summer webinar" added']);
    });

    it('reports the breakdown added, changed and removed', async () => {
        expect(await changeMessages(BASE, edit('breakdown by url_path top 5', 'breakdown by utm_source top 5')))
            .toEqual(['stage "Visited a page": event page_viewed breakdown by url_path top 5 → breakdown by utm_source top 5']);
        expect(await changeMessages(BASE, edit('breakdown by url_path top 5', 'breakdown by url_path')))
            .toEqual(['stage "Visited a page": event page_viewed breakdown by url_path top 5 → breakdown by url_path top 10']);
        expect(await changeMessages(BASE, edit('\n            breakdown by url_path top 5', '')))
            .toEqual(['stage "Visited a page": event page_viewed breakdown by url_path top 5 removed']);
        expect(await changeMessages(BASE, edit('event deal_created', 'event deal_created breakdown by pipeline')))
            .toEqual(['stage "Deal created": event deal_created breakdown by pipeline top 10 added']);
    });

    it('reports top events count, candidates, added and removed', async () => {
        expect(await changeMessages(BASE, edit('top events 5 among', 'top events 3 among'))).toEqual(['stage "Engaged": top events 5 → 3']);
        expect(await changeMessages(BASE, edit(' among page_viewed, email_opened, ad_clicked', '')))
            .toEqual(['stage "Engaged": top events among ad_clicked, email_opened, page_viewed → all events']);
        expect(await changeMessages(BASE, edit('top events 5 among page_viewed, email_opened, ad_clicked', 'event email_opened'))).toEqual([
            'stage "Engaged": event email_opened added',
            'stage "Engaged": top events 5 among page_viewed, email_opened, ad_clicked removed',
        ]);
    });

    it('reports paths added, removed and each setting changed', async () => {
        expect(await changeMessages(BASE, edit('paths before depth 3 top 5', 'paths after depth 4 top 10 among page_viewed')))
            .toEqual(['stage "Booked a meeting": paths before → after, depth 3 → 4, top 5 → 10, among all events → page_viewed']);
        expect(await changeMessages(BASE, edit('\n        paths before depth 3 top 5', '')))
            .toEqual(['stage "Booked a meeting": paths before depth 3 top 5 removed']);
        expect(await changeMessages(BASE, edit('event deal_created', 'event deal_created\n        paths after')))
            .toEqual(['stage "Deal created": paths after depth 3 top 5 added']);
    });

    it('reports events listed in a new order as a change of the report order only', async () => {
        const after = edit('        event form_submitted where form_id = "demo-request"\n        event cta_clicked campaign "Spring launch"',
            '        event cta_clicked campaign "Spring launch"\n        event form_submitted where form_id = "demo-request"');
        expect(await changeMessages(BASE, after)).toEqual([
            'stage "Submitted a form": events listed in a new order (form_submitted, cta_clicked → cta_clicked, form_submitted); only the report\'s order changes',
        ]);
    });
});

describe('journeys in a file', () => {
    const other = journey('source tickets\nstage "Opened" { event ticket_created }\nstage "Closed" { event ticket_closed }', 'Tickets');

    it('reports journeys added and removed, matched by name whatever their order', async () => {
        const diff = await diffTexts(BASE, other + BASE);
        expect(diff.journeys.map(j => [j.status, j.oldName, j.newName])).toEqual([
            ['added', undefined, 'Tickets'], ['unchanged', 'Pages to deals', 'Pages to deals'],
        ]);
        expect(diff.journeys[0].changes[0].message).toBe('journey "Tickets" added (2 stages: "Opened" → "Closed")');
        const removed = await diffTexts(BASE + other, BASE);
        expect(removed.journeys.map(j => j.status)).toEqual(['unchanged', 'removed']);
        expect(removed.journeys[1].changes[0].message).toBe('journey "Tickets" removed (2 stages: "Opened" → "Closed")');
    });

    it('reports a renamed journey as a rename, with its other changes', async () => {
        const after = edit('journey "Pages to deals"', 'journey "Pricing pages to deals"', edit('within 90 days', 'within 30 days'));
        const diff = await diffTexts(BASE, after);
        expect(diff.journeys).toHaveLength(1);
        expect(diff.journeys[0].changes.map(c => c.message)).toEqual([
            'journey renamed: "Pages to deals" → "Pricing pages to deals"',
            'conversion window: within 90 days → within 30 days',
        ]);
    });

    it('an empty file against a journey is all added; two empty files are no change', async () => {
        expect((await diffTexts('', BASE)).journeys.map(j => j.status)).toEqual(['added']);
        expect((await diffTexts('// nothing yet', '')).meaningChanged).toBe(false);
    });
});
