import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvParser, type CsvRecord } from '../../engine/import/csv-parser.js';

/** Parses text fed in the given chunk sizes (to prove chunk boundaries never matter). */
function parseChunked(text: string, cuts: number[] = []): CsvRecord[] {
    const parser = new CsvParser();
    const out: CsvRecord[] = [];
    let at = 0;
    for (const cut of [...cuts].sort((a, b) => a - b)) {
        if (cut <= at || cut >= text.length) continue;
        parser.feed(text.slice(at, cut), out);
        at = cut;
    }
    parser.feed(text.slice(at), out);
    parser.finish(out);
    return out;
}

const quote = (field: string) => (/[",\r\n]/.test(field) || field === '' ? `"${field.replace(/"/g, '""')}"` : field);

describe('CsvParser', () => {
    it('handles quotes, doubled quotes, newlines in quotes, CRLF, BOM, blank lines and a missing final newline', () => {
        const text = '\uFEFFa,b,c\r\n1,"x, ""y""",\r\n\r\n2,"multi\nline",z\n"",,\n3,4,5';
        expect(parseChunked(text)).toEqual([
            { fields: ['a', 'b', 'c'], line: 1 },
            { fields: ['1', 'x, "y"', ''], line: 2 },
            { fields: ['2', 'multi\nline', 'z'], line: 4 },
            { fields: ['', '', ''], line: 6 },
            { fields: ['3', '4', '5'], line: 7 },
        ]);
    });

    it('splits on tabs when asked (TSV)', () => {
        const parser = new CsvParser('\t');
        const out: CsvRecord[] = [];
        parser.feed('a\tb,c\n"x\ty"\t2\n', out);
        parser.finish(out);
        expect(out.map(r => r.fields)).toEqual([['a', 'b,c'], ['x\ty', '2']]);
    });

    it('reports syntax errors with the line', () => {
        expect(() => parseChunked('a,b\n1,x"y\n')).toThrow(/a quote inside an unquoted field/);
        expect(() => parseChunked('a,b\n"1"x,2\n')).toThrow(/unexpected text after a closing quote/);
        const error = (() => { try { parseChunked('a,b\n1,2\n3,"open\n\n'); } catch (e) { return e as { line: number; message: string }; } return undefined; })();
        expect(error).toMatchObject({ line: 3, message: 'a quoted field is never closed' });
    });

    it('agrees with csv-parse on random records split into random chunks', () => {
        const field = fc.string({ unit: fc.constantFrom('a', 'b', ' ', ',', '"', '\n', '\r\n', 'é', '1') , maxLength: 8 });
        const table = fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 })
            .filter(rows => rows.every(r => !(r.length === 1 && r[0] === '')));
        fc.assert(fc.property(table, fc.array(fc.nat(200), { maxLength: 6 }), fc.boolean(), (rows, cuts, crlf) => {
            const text = rows.map(r => r.map(quote).join(',')).join(crlf ? '\r\n' : '\n');
            const ours = parseChunked(text, cuts).map(r => r.fields);
            const theirs = parse(text, { relax_column_count: true }) as string[][];
            expect(ours).toEqual(theirs);
            expect(ours).toEqual(rows);
        }), { numRuns: 300 });
    });
});
