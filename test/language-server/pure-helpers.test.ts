import { describe, expect, test } from 'vitest';
import { DEFAULT_LIMITS, limitsFromSetting, parseLimitsOption } from '../../language-server/journey-limits.js';
import { closestNames, editDistance, nameLiteral } from '../../language-server/journey-names.js';
import { findExcessiveNesting } from '../../language-server/journey-parser-guard.js';
import { friendlyLexerMessage } from '../../language-server/journey-document-validator.js';

describe('limits', () => {
    test('the setting overrides known keys with whole numbers ≥ 1 and ignores the rest', () => {
        expect(limitsFromSetting(undefined)).toEqual(DEFAULT_LIMITS);
        expect(limitsFromSetting({ stages: 20, events: 0, breakdowns: 2.5, years: 8, colour: 3 })).toEqual({ stages: 20, events: 15, breakdowns: 10, years: 8 });
    });

    test('--limits takes name=number pairs or JSON and names what is wrong', () => {
        expect(parseLimitsOption('stages=20, years=10')).toEqual({ stages: 20, events: 15, breakdowns: 10, years: 10 });
        expect(parseLimitsOption('{"events": 30}')).toEqual({ ...DEFAULT_LIMITS, events: 30 });
        expect(() => parseLimitsOption('stage=20')).toThrow("--limits: unknown limit 'stage' (known: stages, events, breakdowns, years)");
        expect(() => parseLimitsOption('stages')).toThrow("--limits: 'stages' is not of the form name=number");
        expect(() => parseLimitsOption('years=0')).toThrow("--limits: years must be a whole number ≥ 1, not '0'");
        expect(() => parseLimitsOption('{oops')).toThrow("--limits: '{oops' is not valid JSON");
    });
});

describe('names', () => {
    test('edit distance ignores case', () => {
        expect(editDistance('page_veiwed', 'page_viewed')).toBe(2);
        expect(editDistance('Page_Viewed', 'page_viewed')).toBe(0);
        expect(editDistance('', 'abc')).toBe(3);
    });

    test('closest names: nearest first, ties by name, at most three, far names left out', () => {
        const names = ['page_viewed', 'page_view', 'email_opened', 'deal_won', 'pages_viewed'];
        expect(closestNames('page_viewd', names)).toEqual(['page_view', 'page_viewed', 'pages_viewed']);
        expect(closestNames('zzzzzzzz', names)).toEqual([]);
    });

    test('bare identifiers stay bare; other names and reserved words become strings', () => {
        expect(nameLiteral('page_viewed')).toBe('page_viewed');
        expect(nameLiteral('Page viewed')).toBe('"Page viewed"');
        expect(nameLiteral('campaign')).toBe('"campaign"');
        expect(nameLiteral('source')).toBe('source');
        expect(nameLiteral('1st')).toBe('"1st"');
    });
});

describe('nesting guard', () => {
    test('counts brackets outside strings and comments', () => {
        expect(findExcessiveNesting('((( ))) "((((((" // ((((((\n /* (((((( */', 3)).toBeUndefined();
        expect(findExcessiveNesting('a\n  ((((', 3)).toEqual({ offset: 7, line: 2, column: 6, depth: 4 });
        expect(findExcessiveNesting('{ { ( ) } }', 3)).toBeUndefined();
        expect(findExcessiveNesting('{ { ( ) } }', 2)?.depth).toBe(3);
    });
});

describe('lexer messages', () => {
    test('chevrotain wording becomes a sentence about the character', () => {
        expect(friendlyLexerMessage('unexpected character: ->#<- at offset: 3, skipped 1 characters.'))
            .toBe('Unexpected character "#": not part of the journey language (strings go in double quotes, comments after //).');
    });
});
