import { compile } from 'vega-lite';
import { describe, expect, test } from 'vitest';
import {
    breakdownData, breakdownSpec, funnelData, funnelSpec, pathNodes, pathsSpec, reportCharts, themeWith, topEventsSpec,
} from '../../report-view/index.js';
import { AWKWARD, PAGES_TO_DEALS } from '../format/fixture-reports.js';

const valuesOf = (spec: unknown) => (spec as { data: { values: Record<string, unknown>[] } }).data.values;

describe('funnel spec', () => {
    test('one bar per stage, in stage order, with counts and rates from the report', () => {
        const data = funnelData(PAGES_TO_DEALS);
        expect(data.map(d => d.stage)).toEqual([
            '1. Visited a page', '2. Submitted a form (optional)', '3. Booked a meeting', '4. Engaged', '5. Deal created',
        ]);
        expect(data.map(d => d.count)).toEqual([1200, 420, 480, 300, 150]);
        expect(data[2].label).toBe('480 · 40.0%');
        expect(data[1].optional).toBe(true);
        expect(valuesOf(funnelSpec(PAGES_TO_DEALS))).toEqual(data);
    });

    test('compiles with Vega-Lite without warnings', () => {
        const warnings: string[] = [];
        const logger = { level: () => logger, warn: (...m: unknown[]) => { warnings.push(m.join(' ')); return logger; }, info: () => logger, debug: () => logger, error: (...m: unknown[]) => { warnings.push(m.join(' ')); return logger; } };
        for (const chart of [...reportCharts(PAGES_TO_DEALS), ...reportCharts(AWKWARD)]) {
            compile(chart.spec, { logger: logger as never });
        }
        expect(warnings).toEqual([]);
    });

    test('the theme reaches colours and fonts', () => {
        const theme = themeWith({ accentStrong: '#ff0000', font: 'Menlo', foreground: '#eeeeee', background: '' });
        const json = JSON.stringify(funnelSpec(PAGES_TO_DEALS, theme));
        expect(json).toContain('"color":"#ff0000"');
        expect(json).toContain('"font":"Menlo"');
        expect(json).toContain('"labelColor":"#eeeeee"');
        expect(json).toContain('"background":"#ffffff"'); // empty override keeps the default
    });
});

describe('breakdown spec', () => {
    test('rows then other, with continued where the stage has a next one', () => {
        const data = breakdownData(PAGES_TO_DEALS.stages[0].breakdown!);
        expect(data.map(d => [d.value, d.count, d.continued])).toEqual([
            ['/pricing', 700, 300], ['/features', 300, 90], ['/demo', 160, 81], ['(other)', 40, 9],
        ]);
        const last = breakdownData(AWKWARD.stages[1].breakdown!);
        expect(last.map(d => d.value)).toEqual(['5000', 'true', '=cmd|x']); // other.count 0: no row
        expect(last.every(d => !('continued' in d))).toBe(true);
        const spec = JSON.stringify(breakdownSpec('Won', AWKWARD.stages[1].breakdown!));
        expect(spec).not.toContain('"field":"continued"');
    });
});

describe('top events spec', () => {
    test('bars in the report order', () => {
        const spec = topEventsSpec('Engaged', PAGES_TO_DEALS.stages[3].topEvents!);
        expect(valuesOf(spec).map(d => [d.event, d.count])).toEqual([['email_opened', 321], ['page_viewed', 200]]);
    });
});

describe('paths spec', () => {
    test('before: sequences end next to the stage, one row per sequence by rank', () => {
        const nodes = pathNodes('Booked a meeting', PAGES_TO_DEALS.stages[2].paths!);
        const row1 = nodes.filter(n => n.rank === 0).map(n => [n.step, n.event]);
        expect(row1).toEqual([[-3, 'ad_clicked'], [-2, 'page_viewed'], [-1, 'form_submitted'], [0, 'Booked a meeting']]);
        const row3 = nodes.filter(n => n.rank === 2).map(n => [n.step, n.event]);
        expect(row3).toEqual([[-1, 'email_opened'], [0, 'Booked a meeting']]);
        expect(nodes[0].row).toBe('#1 · 88');
    });

    test('after: sequences start at the stage', () => {
        const nodes = pathNodes('Signed up', { direction: 'after', depth: 2, rows: [{ events: ['a', 'b'], count: 5 }] });
        expect(nodes.map(n => [n.step, n.event, n.column])).toEqual([[0, 'Signed up', 'Signed up'], [1, 'a', '1 after'], [2, 'b', '2 after']]);
        const spec = pathsSpec('Signed up', { direction: 'after', depth: 2, rows: [{ events: ['a', 'b'], count: 5 }] });
        expect(JSON.stringify(spec)).toContain('"domain":["Signed up","1 after","2 after"]');
    });
});

describe('reportCharts', () => {
    test('the funnel, then each stage chart the report has data for', () => {
        expect(reportCharts(PAGES_TO_DEALS).map(c => c.id)).toEqual(['funnel', 'stage-1-breakdown', 'stage-3-paths', 'stage-4-top-events']);
        const noPaths = structuredClone(PAGES_TO_DEALS);
        noPaths.stages[2].paths!.rows = [];
        expect(reportCharts(noPaths).map(c => c.id)).not.toContain('stage-3-paths');
    });
});
