import { describe, expect, test } from 'vitest';
import { Codes } from '../../language-server/journey-validation-codes.js';
import { DEFAULT_LIMITS } from '../../language-server/journey-limits.js';
import { codes, diagnose } from './helpers.js';

const stages = (n: number, body = (i: number) => `event e${i}`) =>
    Array.from({ length: n }, (_, i) => `    stage "S${i + 1}" { ${body(i)} }`).join('\n');

describe('structural rules', () => {
    test('a valid journey has no diagnostics', async () => {
        const found = await diagnose(`journey "ok" {
    source contacts
    dates last 30 days
    within 2 weeks
    where lifecyclestage = "lead"
    where created_at >= 2025-01-01
    stage "A" { event page_viewed where url_path starts with "/p" or (x in (1, 2) and y is known) breakdown by url_path top 50 }
    optional stage "B" { event "Form submitted" campaign "Spring" }
    stage "C" { top events 50 among a, b }
    stage "D" { event d paths after depth 10 top 1 among a }
}`);
        expect(found).toEqual([]);
    });

    test('stage-limit fires on the first stage past the limit and stays quiet at the limit', async () => {
        const over = await diagnose(`journey "j" {\n${stages(16, () => 'event same')}\n}`);
        expect(codes(over)).toEqual(['stage-limit@17']);
        expect(over[0].text).toBe('"S16"');
        expect(await diagnose(`journey "j" {\n${stages(15, () => 'event same')}\n}`)).toEqual([]);
    });

    test('limits can be raised', async () => {
        const found = await diagnose(`journey "j" {\n${stages(16)}\n}`, { limits: { ...DEFAULT_LIMITS, stages: 20, events: 20 } });
        expect(found).toEqual([]);
    });

    test('unique-event-limit fires at the 16th distinct name, counting among lists', async () => {
        const text = `journey "j" {\n${stages(14)}\n    stage "T" { top events 3 among e0, x1, x2 }\n}`;
        const found = await diagnose(text);
        expect(codes(found)).toEqual(['unique-event-limit@16']);
        expect(found[0].text).toBe('x2');
        expect(await diagnose(`journey "j" {\n${stages(14)}\n    stage "T" { top events 3 among e0, x1 }\n}`)).toEqual([]);
    });

    test('optional-edge marks the optional keyword of the first and last stage only', async () => {
        const found = await diagnose(`journey "j" {
    optional stage "A" { event a }
    optional stage "B" { event b }
    optional stage "C" { event c }
}`);
        expect(found.map(f => [f.code, f.line, f.text])).toEqual([
            [Codes.optionalEdge, 2, 'optional'],
            [Codes.optionalEdge, 4, 'optional'],
        ]);
    });

    test('breakdown-limit: two in one stage (at the second) and an 11th stage with one', async () => {
        const two = await diagnose(`journey "j" {
    stage "A" { event a breakdown by x event b breakdown by y }
}`);
        expect(two.map(f => [f.code, f.text])).toEqual([[Codes.breakdownLimit, 'breakdown']]);
        const eleven = await diagnose(`journey "j" {\n${stages(11, i => `event e breakdown by p${i}`)}\n}`);
        expect(codes(eleven)).toEqual(['breakdown-limit@12']);
        expect(await diagnose(`journey "j" {\n${stages(10, i => `event e breakdown by p${i}`)}\n}`)).toEqual([]);
    });

    test('date-range on the dates line: reversed, longer than 5 years, relative too long', async () => {
        const reversed = await diagnose('journey "j" {\n    dates from 2025-02-01 to 2025-01-31\n    stage "A" { event a }\n}');
        expect(reversed.map(f => [f.code, f.line, f.text])).toEqual([[Codes.dateRange, 2, 'dates from 2025-02-01 to 2025-01-31']]);
        expect(codes(await diagnose('journey "j" {\n    dates from 2020-01-01 to 2025-01-01\n    stage "A" { event a }\n}'))).toEqual(['date-range@2']);
        expect(await diagnose('journey "j" {\n    dates from 2020-01-01 to 2024-12-31\n    stage "A" { event a }\n}')).toEqual([]);
        expect(await diagnose('journey "j" {\n    dates from 2025-01-01 to 2025-01-01\n    stage "A" { event a }\n}')).toEqual([]);
        expect(codes(await diagnose('journey "j" {\n    dates last 6 years\n    stage "A" { event a }\n}'))).toEqual(['date-range@2']);
        expect(await diagnose('journey "j" {\n    dates last 5 years\n    stage "A" { event a }\n}')).toEqual([]);
        expect(await diagnose('journey "j" {\n    dates last 60 months\n    stage "A" { event a }\n}')).toEqual([]);
        expect(codes(await diagnose('journey "j" {\n    dates last 1827 days\n    stage "A" { event a }\n}'))).toEqual(['date-range@2']);
        const raised = await diagnose('journey "j" {\n    dates last 6 years\n    stage "A" { event a }\n}', { limits: { ...DEFAULT_LIMITS, years: 10 } });
        expect(raised).toEqual([]);
    });

    test('duplicate-stage marks the second name; duplicate-setting the second setting, never where', async () => {
        const found = await diagnose(`journey "j" {
    source contacts
    where a = 1
    where b = 2
    source contacts
    stage "A" { event a }
    stage "A" { event b }
}`);
        expect(found.map(f => [f.code, f.line, f.text])).toEqual([
            [Codes.duplicateSetting, 5, 'source contacts'],
            [Codes.duplicateStage, 7, '"A"'],
        ]);
    });

    test('pathfinder-source and anonymous-source outside contacts journeys', async () => {
        const deals = await diagnose(`journey "j" {
    source deals
    include anonymous visitors
    stage "A" { event a paths before }
}`);
        expect(deals.map(f => [f.code, f.line, f.text])).toEqual([
            [Codes.anonymousSource, 3, 'include anonymous visitors'],
            [Codes.pathfinderSource, 4, 'paths'],
        ]);
        expect(await diagnose('journey "j" {\n    include anonymous visitors\n    stage "A" { event a paths before }\n}')).toEqual([]);
    });

    test('top-events-place: first stage, beside other items, right after another top events stage', async () => {
        const found = await diagnose(`journey "j" {
    stage "A" { top events 3 }
    stage "B" { event b top events 3 }
    stage "C" { event c }
    stage "D" { top events 3 }
    stage "E" { top events 3 }
    stage "F" { event f }
    stage "G" { top events 3 }
}`);
        expect(found.map(f => [f.code, f.line, f.text])).toEqual([
            [Codes.topEventsPlace, 2, 'top'],
            [Codes.topEventsPlace, 3, 'top'],
            [Codes.topEventsPlace, 6, 'top'],
        ]);
    });

    test('bad-number on the number itself', async () => {
        const found = await diagnose(`journey "j" {
    within 0 days
    stage "A" { event a breakdown by x top 51 }
    stage "B" { event b paths before depth 11 top 2.5 }
    stage "C" { top events -1 }
}`);
        expect(found.map(f => [f.code, f.line, f.text])).toEqual([
            [Codes.badNumber, 2, '0'],
            [Codes.badNumber, 3, '51'],
            [Codes.badNumber, 4, '11'],
            [Codes.badNumber, 4, '2.5'],
            [Codes.badNumber, 5, '-1'],
        ]);
    });

    test('extras: empty stage, empty journey, duplicate journey, duplicate campaign, bad string, bad date', async () => {
        const found = await diagnose(`journey "j" {
    stage "A" { }
    stage "B" { event "a\\q" where d = 2025-02-30 campaign "x" campaign "y" }
}
journey "j" { }`);
        expect(codes(found)).toEqual([
            'empty-stage@2', 'bad-date@3', 'bad-string@3', 'duplicate-clause@3', 'duplicate-journey@5', 'empty-journey@5',
        ]);
        expect(found.find(f => f.code === Codes.badDate)?.text).toBe('2025-02-30');
    });

    test('every diagnostic of the table carries its code', async () => {
        const found = await diagnose('journey "j" {\n    dates from 2025-01-02 to 2025-01-01\n    stage "A" { event a }\n}');
        expect(found.every(f => f.code && f.code !== 'undefined')).toBe(true);
    });
});
