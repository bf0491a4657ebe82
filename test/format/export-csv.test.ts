import { describe, expect, it } from 'vitest';
import { staticListCsv, unsummarizedCsv } from '../../engine/format/export-csv.js';

describe('export files (CLI and editor alike)', () => {
    it('writes a static list as RFC 4180 CSV, quoting ids that need it', () => {
        expect(staticListCsv(['c1', 'anonymous:x,y', 'say "hi"'])).toBe('object_id\r\nc1\r\n"anonymous:x,y"\r\n"say ""hi"""\r\n');
    });

    it('writes first touches as ISO-8601 UTC, empty where the object is not counted', () => {
        expect(unsummarizedCsv(['A', 'B, C'], [{ object: 'c1', firstTouch: [Date.UTC(2025, 0, 2), null] }]))
            .toBe('object_id,A,"B, C"\r\nc1,2025-01-02T00:00:00.000Z,\r\n');
    });
});
