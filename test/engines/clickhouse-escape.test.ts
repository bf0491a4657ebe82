/**
 * The one ClickHouse escaping function: pure checks, a property that every
 * string survives quoting (read back by ClickHouse's own rules), and, on the
 * real ClickHouse (chDB always, the cluster when given), names and values with
 * quotes, backslashes, newlines, unicode and SQL fragments that give correct
 * results and change nothing.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JourneyPlan } from '../../engine/plan.js';
import { chIdent, chNumber, chString, quoteClickHouse } from '../../engine/stores/clickhouse/clickhouse-escape.js';
import { openClickHouseEngine } from '../../engine/stores/clickhouse/clickhouse-engine.js';
import { ClickHouseImportSink } from '../../engine/stores/clickhouse/clickhouse-import.js';
import { openClickHouseStore } from '../../engine/stores/clickhouse/clickhouse-store.js';
import { emptyStore } from '../reference/store-data.js';
import { referenceReport } from '../reference/reference-matcher.js';
import { CLICKHOUSE_TARGETS, dropDatabase, type ClickHouseTarget } from './clickhouse-target.js';
import { loadIntoSink } from './store-rows.js';

export const NASTY = [
    "it's", 'back\\slash', 'ends with \\', "\\'; DROP TABLE events; --", 'new\nline', 'tab\tand\rreturn', 'nul\u0000byte',
    '`tick`', '"double"', 'ｚ wide', '😀 emoji', "' OR 1=1 --", '\\\\\'', "x') UNION ALL SELECT 1 --",
];

/** ClickHouse's reading of a quoted literal (backslash escapes), to check the quoting round-trips. */
function unquote(text: string, quote: string): string {
    expect(text[0]).toBe(quote);
    expect(text[text.length - 1]).toBe(quote);
    const map: Record<string, string> = { n: '\n', r: '\r', t: '\t', '0': '\u0000', b: '\b', f: '\f' };
    let out = '';
    for (let i = 1; i < text.length - 1; i++) {
        const ch = text[i];
        if (ch === quote) throw new Error(`unescaped quote at ${i} in ${text}`);
        if (ch === '\\') {
            const next = text[++i];
            out += map[next] ?? next;
        } else out += ch;
    }
    return out;
}

describe('quoteClickHouse', () => {
    it('escapes quotes, backslashes and control characters', () => {
        expect(chString("it's")).toBe("'it\\'s'");
        expect(chString('a\\b')).toBe("'a\\\\b'");
        expect(chString('a\nb')).toBe("'a\\nb'");
        expect(chIdent('we`ird')).toBe('`we\\`ird`');
        expect(chString('😀')).toBe("'😀'");
        expect(() => quoteClickHouse(1 as unknown as string, 'string')).toThrow(/must be text/);
        expect(chNumber(0.1)).toBe("toFloat64('0.1')");
        expect(() => chNumber(NaN)).toThrow(/finite/);
    });

    it('round-trips every string, with no early end of the literal', () => {
        fc.assert(fc.property(fc.string({ unit: 'binary' }), s => {
            expect(unquote(chString(s), "'")).toBe(s);
            expect(unquote(chIdent(s), '`')).toBe(s);
        }), { numRuns: 2000 });
        for (const s of NASTY) expect(unquote(chString(s), "'")).toBe(s);
    });
});

describe.each(CLICKHOUSE_TARGETS.map(t => [t.name, t] as const))('escaping on %s', (_name: string, target: ClickHouseTarget) => {
    const database = `journey_escape_${process.pid}`;
    const url = () => target.url(database);
    beforeAll(() => target.setUp(19300), 300_000);
    afterAll(() => target.tearDown(database), 120_000);

    it('reads every nasty value and name back unchanged', async () => {
        const store = openClickHouseStore(url());
        for (const s of NASTY) {
            const rows = await store.client.query(`SELECT ${chString(s)} AS v, 1 AS ${chIdent(s)}`);
            expect(rows[0].v).toBe(s);
            expect(rows[0][s]).toBe(1);
        }
    });

    it('runs journeys over nasty event names, properties and values with the right numbers, changing nothing', async () => {
        const data = emptyStore();
        NASTY.forEach((s, i) => {
            data.events.push({
                event_id: `${s}#${i}`, event_name: s, occurred_at: Date.UTC(2025, 0, 1) + i * 1000,
                object_type: 'contact', object_id: `c${i % 3}${s}`, anonymous_id: null, properties: JSON.stringify({ [s]: s, p: s }),
            });
        });
        await dropDatabase(url());
        await loadIntoSink(data, new ClickHouseImportSink(url()));
        const engine = await openClickHouseEngine(url());
        try {
            for (const s of NASTY.slice(0, 8)) {
                const plan: JourneyPlan = {
                    name: s, source: 'contacts', includeAnonymous: false,
                    stages: [
                        { name: 'one', optional: false, items: [{ event: s, where: { kind: 'cmp', property: s, op: '=', values: [{ kind: 'string', value: s }] }, breakdown: { property: 'p', top: 3 } }] },
                        { name: 'two', optional: false, items: [{ event: NASTY[3], where: { kind: 'cmp', property: 'p', op: 'starts with', values: [{ kind: 'string', value: NASTY[3].slice(0, 4) }] } }] },
                    ],
                };
                const { elapsedMs: _, ...report } = await engine.run(plan);
                expect(report).toEqual(referenceReport(data, plan));
                expect(report.entered).toBe(1);
            }
        } finally {
            await engine.close();
        }
        const counted = await openClickHouseStore(url()).client.query(`SELECT count() AS n FROM ${openClickHouseStore(url()).table('events')}`);
        expect(Number(counted[0].n)).toBe(NASTY.length);
    }, 300_000);
});
