import { describe, expect, test } from 'vitest';
import { EmptyFileSystem } from 'langium';
import { parseHelper } from 'langium/test';
import { createJourneyServices } from '../../language-server/journey-module.js';
import type { JourneyFile } from '../../language-server/generated/ast.js';
import { SPEC_EXAMPLE } from '../fixtures/spec-example.js';

const services = createJourneyServices(EmptyFileSystem).Journey;
const parse = parseHelper<JourneyFile>(services);


describe('the language.md example', () => {
    test('parses without errors', async () => {
        const doc = await parse(SPEC_EXAMPLE);
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
