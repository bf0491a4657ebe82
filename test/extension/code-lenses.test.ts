import { describe, expect, it } from 'vitest';
import { findJourneyHeaders, findStageHeaders } from '../../extension/src/code-lenses.js';

const text = `// journey "Commented out" {
journey "Pages to deals" {
    stage "Viewed" { event page_viewed where url_path = "journey \\"x\\"" }
    /* stage "Hidden" {
    } */
    optional stage "Form" {
        event form_submitted
    }
}

journey "Tab\\tname" {
  stage "Only" { event deal_created }
}
`;

describe('code lens placement', () => {
    it('finds each journey header with its line, skipping comments and strings', () => {
        expect(findJourneyHeaders(text)).toEqual([
            { name: 'Pages to deals', line: 1 },
            { name: 'Tab\tname', line: 10 },
        ]);
    });

    it('finds stages with their journey', () => {
        expect(findStageHeaders(text)).toEqual([
            { journey: 'Pages to deals', name: 'Viewed', line: 2 },
            { journey: 'Pages to deals', name: 'Form', line: 5 },
            { journey: 'Tab\tname', name: 'Only', line: 11 },
        ]);
    });

    it('finds nothing in an empty file', () => {
        expect(findJourneyHeaders('')).toEqual([]);
    });
});
