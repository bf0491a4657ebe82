import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, test } from 'vitest';
import { CSV_COLUMNS, csvCell } from '../../engine/format/csv.js';
import { formatOfPath, formatReports } from '../../engine/format/index.js';
import { htmlEscape } from '../../engine/format/html.js';
import { mdEscape } from '../../engine/format/markdown.js';
import { svgSize } from '../../engine/format/render-svg.js';
import { alignColumns, bar } from '../../engine/format/text-layout.js';
import { formatCount, formatDuration, formatRate } from '../../report-view/numbers.js';
import { AWKWARD, PAGES_TO_DEALS } from './fixture-reports.js';

describe('json', () => {
    test('one journey is the report object itself, several are an array in order', async () => {
        expect(JSON.parse(await formatReports([PAGES_TO_DEALS], 'json', true))).toEqual(PAGES_TO_DEALS);
        expect(JSON.parse(await formatReports([PAGES_TO_DEALS, AWKWARD], 'json', false))).toEqual([PAGES_TO_DEALS, AWKWARD]);
    });
});

describe('csv', () => {
    test('parses back to every number of the report', async () => {
        const rows: Record<string, string>[] = parseCsv(await formatReports([PAGES_TO_DEALS, AWKWARD], 'csv', false), { columns: true });
        expect(Object.keys(rows[0])).toEqual([...CSV_COLUMNS]);
        const stageRows = rows.filter(r => r.row === 'stage');
        expect(stageRows.map(r => Number(r.count))).toEqual([...PAGES_TO_DEALS.stages, ...AWKWARD.stages].map(s => s.count));
        expect(stageRows[0].conversion_from_previous).toBe('');
        expect(stageRows[2].median_seconds_from_previous).toBe('604800.5');
        const pricing = rows.find(r => r.row === 'breakdown' && r.value === '/pricing')!;
        expect([pricing.count, pricing.continued]).toEqual(['700', '300']);
        const awkward = rows.filter(r => r.journey === AWKWARD.journey && r.row === 'breakdown');
        expect(awkward.map(r => r.value)).toEqual(['5000', 'true', '=cmd|x']);
        expect(rows.find(r => r.stage === 'Created\nnew')).toBeDefined();
        expect(rows.filter(r => r.row === 'path_before').map(r => r.value)[0]).toBe('ad_clicked > page_viewed > form_submitted');
    });

    test('quotes only cells that need it', () => {
        expect(csvCell('plain')).toBe('plain');
        expect(csvCell('a,b')).toBe('"a,b"');
        expect(csvCell('say "hi"')).toBe('"say ""hi"""');
        expect(csvCell(null)).toBe('');
        expect(csvCell(0)).toBe('0');
    });
});

describe('table', () => {
    test('bars are proportional to the largest count', () => {
        expect(bar(100, 100, 10)).toBe('█'.repeat(10));
        expect(bar(50, 100, 10)).toBe('█'.repeat(5));
        expect(bar(0, 100, 10)).toBe('');
        expect(bar(1, 1000, 10)).toBe('▏');
        expect(bar(55, 100, 10)).toBe('█████▌');
    });

    test('each stage line shows its count, rates and bar; numbers align right', async () => {
        const lines = (await formatReports([PAGES_TO_DEALS], 'table', true)).split('\n');
        const booked = lines.find(l => l.startsWith('3. Booked a meeting'))!;
        expect(booked).toMatch(/480\s+40\.0%\s+40\.0%\s+7d\s+█{12}$/);
        const first = lines.find(l => l.startsWith('1. Visited a page'))!;
        expect(first.indexOf('1,200') + 5).toBe(booked.indexOf('480') + 3);
        expect(lines.join('\n')).toContain('Breakdown of stage 1 "Visited a page": page_viewed by url_path');
    });

    test('control characters in names cannot break the layout', async () => {
        const text = await formatReports([AWKWARD], 'table', true);
        expect(text).toContain('1. Created\\nnew');
        expect(alignColumns([['a', '1'], ['bbb', '22']], ['left', 'right'])).toEqual(['a     1', 'bbb  22']);
    });
});

describe('markdown', () => {
    test('names cannot break the table or inject HTML', async () => {
        const md = await formatReports([AWKWARD], 'md', true);
        expect(md).toContain('### Deals "won" \\| &lt;b&gt;Q1&lt;/b&gt; &amp; more');
        expect(md).not.toContain('<b>');
        for (const line of md.split('\n').filter(l => l.startsWith('| '))) {
            // every row of a table has the header's number of unescaped pipes
            expect(line.replace(/\\\|/g, '').split('|').length).toBeGreaterThan(2);
        }
        expect(mdEscape('a|b*c_d\ne')).toBe('a\\|b\\*c\\_d e');
    });
});

describe('html', () => {
    test('is self-contained: no script, no remote resource, CSP set', async () => {
        const html = await formatReports([PAGES_TO_DEALS, AWKWARD], 'html', false);
        expect(html).not.toMatch(/<script/i);
        expect(html.replace(/xmlns(:xlink)?="http:\/\/www\.w3\.org\/[^"]+"/g, '')).not.toMatch(/(src|href)=|https?:\/\//i);
        expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
        expect(html).toContain('<figure id="funnel"><svg');
        expect(html).toContain('<figure id="stage-1-breakdown"><svg');
        expect(html).toContain('<figure id="stage-3-paths"><svg');
        expect(html).toContain('<figure id="stage-4-top-events"><svg');
        expect(html).toContain('<h1>Deals &quot;won&quot; | &lt;b&gt;Q1&lt;/b&gt; &amp; more</h1>');
        expect(htmlEscape(`<a href='x'>&`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;');
    });
});

describe('svg', () => {
    test('is the funnel chart with every stage and count', async () => {
        const svg = await formatReports([PAGES_TO_DEALS], 'svg', true);
        expect(svg.startsWith('<svg')).toBe(true);
        for (const label of ['1. Visited a page', '2. Submitted a form (optional)', '5. Deal created', '1,200', '480 · 40.0%']) {
            expect(svg).toContain(label);
        }
    });

    test('stacks several journeys in one document', async () => {
        const one = await formatReports([PAGES_TO_DEALS], 'svg', true);
        const two = await formatReports([PAGES_TO_DEALS, AWKWARD], 'svg', false);
        expect(svgSize(two).height).toBeGreaterThan(svgSize(one).height);
        expect(two.match(/<svg\b/g)?.length).toBe(3);
        expect(two).toContain('Deals &quot;won&quot;');
    });
});

describe('numbers', () => {
    test('read the same on every machine', () => {
        expect(formatCount(1234567)).toBe('1,234,567');
        expect(formatCount(12)).toBe('12');
        expect(formatRate(0.125)).toBe('12.5%');
        expect(formatRate(1)).toBe('100.0%');
        expect(formatRate(null)).toBe('–');
        expect(formatDuration(42)).toBe('42s');
        expect(formatDuration(3725)).toBe('1h 2m');
        expect(formatDuration(187_230)).toBe('2d 4h');
        expect(formatDuration(86_400)).toBe('1d');
        expect(formatDuration(null)).toBe('–');
    });

    test('output file extensions imply a format', () => {
        expect(formatOfPath('r.HTML')).toBe('html');
        expect(formatOfPath('r.md')).toBe('md');
        expect(formatOfPath('r.txt')).toBe('table');
        expect(formatOfPath('report')).toBeUndefined();
    });
});
