import { describe, expect, test } from 'vitest';
import { EmptyFileSystem } from 'langium';
import { expectFormatting } from 'langium/test';
import { formatJourneyText, tryFormatJourneyText } from '../../language-server/journey-formatter.js';
import { createJourneyServices } from '../../language-server/journey-module.js';
import { SPEC_EXAMPLE } from '../fixtures/spec-example.js';


describe('formatJourneyText', () => {
    test("language.md's example is already canonical", () => {
        expect(formatJourneyText(SPEC_EXAMPLE)).toBe(SPEC_EXAMPLE);
    });

    test('messy text becomes the canonical layout, keeping every comment', () => {
        const messy = `/* header */ journey "A" {source deals   // the source
  dates last 30 days
      where source = "x" and (a > 2 or b in (1,2 , 3))
stage "S1" { event a
 where x = 1 campaign "c" breakdown by x top 3 }
   // about s2
   optional stage "S2" {event "b c"   /* inline */ event d}
 stage "S3" {paths after depth 2
 }
}
journey "B" { stage "x" { event y } }`;
        const expected = `/* header */
journey "A" {
    source deals // the source
    dates last 30 days
    where source = "x" and (a > 2 or b in (1, 2, 3))

    stage "S1" {
        event a
            where x = 1 campaign "c" breakdown by x top 3
    }

    // about s2
    optional stage "S2" {
        event "b c" /* inline */
        event d
    }

    stage "S3" {
        paths after depth 2
    }
}

journey "B" {
    stage "x" {
        event y
    }
}
`;
        expect(formatJourneyText(messy)).toBe(expected);
        expect(formatJourneyText(expected)).toBe(expected);
    });

    test('a line comment inside a clause never swallows the code after it', () => {
        const text = 'journey "A" { stage "S" { event a // why\n where x = 1 } }';
        const out = formatJourneyText(text);
        expect(out).toBe('journey "A" {\n    stage "S" {\n        event a // why\n            where x = 1\n    }\n}\n');
        expect(formatJourneyText(out)).toBe(out);
    });

    test('idempotent on assorted inputs', () => {
        const inputs = [
            'journey "a" { }',
            '// only a comment',
            '',
            'journey "a" { stage "s" { } }\n\n\n// trailing\n',
            'journey "a" {\r\n  stage "s" { event x where a is known and b is unknown or c not in ("x") }\r\n}',
            'journey "a" { stage "s" { event x } where a = 1 stage "t" { event y } }',
        ];
        for (const input of inputs) {
            const once = formatJourneyText(input);
            expect(formatJourneyText(once)).toBe(once);
        }
    });

    test('comments anywhere are kept, in order, and the result is stable', () => {
        const cases = [
            'journey /* a */ "x" /* b */ { // c\n stage "s" { event e where a = 1 /* mid */ and b = 2 // tail\n } // after stage\n // before end\n}\n// eof comment',
            '// one\n\n// two\njourney "x" { stage "s" { event e } }\n\n\n// three\n\njourney "y" { stage "s" { event e } }',
            'journey "x" { stage "s" { event e\n  // between clauses\n  where a = 1\n  breakdown by a } }',
            'journey "x" { where a in (1, /* c */ 2) stage "s" { event e } }',
            'journey "x" {\n  /* multi\n     line */\n  stage "s" { event e } }',
        ];
        const comments = (t: string) => t.match(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g);
        for (const input of cases) {
            const once = formatJourneyText(input);
            expect(formatJourneyText(once)).toBe(once);
            expect(comments(once)).toEqual(comments(input));
            expect(once.replace(/\s+/g, '')).toBe(input.replace(/\s+/g, ''));
        }
        expect(formatJourneyText(cases[1])).toBe('// one\n// two\njourney "x" {\n    stage "s" {\n        event e\n    }\n}\n\n// three\njourney "y" {\n    stage "s" {\n        event e\n    }\n}\n');
    });

    test('text with syntax errors is returned unchanged and the error is named', () => {
        const broken = 'journey "a" { stage { event x } }';
        expect(formatJourneyText(broken)).toBe(broken);
        const result = tryFormatJourneyText(broken);
        expect(result).toMatchObject({ ok: false, line: 1, column: 21 });
    });
});

describe('the editor formatter', () => {
    test('Format Document gives the canonical text', async () => {
        const journey = createJourneyServices(EmptyFileSystem).Journey;
        await expectFormatting(journey)({
            before: 'journey "a" {stage "s" {event x}}',
            after: 'journey "a" {\n    stage "s" {\n        event x\n    }\n}\n',
        });
    });
});
