import { describe, expect, it } from 'vitest';
import type { JourneyReport } from '../../engine/report.js';
import { annotationsFor, stageAnnotation } from '../../extension/src/stage-annotations.js';
import { statusText } from '../../extension/src/status-text.js';
import { listWrittenMessage, slug } from '../../extension/src/command-messages.js';
import { reportThemeFrom, themeKindOf } from '../../extension/webview/theme.js';

const report: JourneyReport = {
    journey: 'J', source: 'contacts', entered: 1200, completed: 150, conversionRate: 0.125, elapsedMs: 3,
    stages: [
        { name: 'A', optional: false, count: 1200, conversionFromPrevious: null, conversionFromFirst: 1, events: [], medianSecondsFromPrevious: null },
        { name: 'B', optional: false, count: 150, conversionFromPrevious: 0.125, conversionFromFirst: 0.125, events: [], medianSecondsFromPrevious: 60 },
        { name: 'C', optional: false, count: 1, conversionFromPrevious: null, conversionFromFirst: 0, events: [], medianSecondsFromPrevious: null },
    ],
};

describe('inline stage annotations', () => {
    it('shows the count, and conversions after the first stage', () => {
        expect(stageAnnotation(report.stages[0], 0)).toBe('  1,200 objects');
        expect(stageAnnotation(report.stages[1], 1)).toBe('  150 objects · 12.5% from previous · 12.5% from first');
        expect(stageAnnotation(report.stages[2], 2)).toBe('  1 object · – from previous · 0.0% from first');
    });

    it('puts each annotation on its stage line and skips stages the file no longer has', () => {
        const annotations = annotationsFor([report], [{ journey: 'J', line: 3, stages: [{ name: 'A', line: 5 }, { name: 'C', line: 12 }] }]);
        expect(annotations.map(a => a.line)).toEqual([3, 5, 12]);
        expect(annotations[0].text).toContain('1,200 entered · 150 completed · 12.5%');
        expect(annotationsFor([report], [])).toEqual([]);
    });
});

describe('status bar text', () => {
    it('names the store and its event count', () => {
        expect(statusText({ store: '/ws/journey.sqlite', exists: true, totalEvents: 123456, eventTypes: 15 }, false)).toBe('$(database) journey.sqlite · 123,456 events');
        expect(statusText({ store: '/ws/x.sqlite', exists: false, totalEvents: -1, eventTypes: -1 }, false)).toBe('$(database) x.sqlite (missing)');
        expect(statusText(undefined, true)).toContain('restricted');
        expect(statusText(undefined, false)).toContain('no store');
    });
});

describe('command messages', () => {
    it('says when a list was cut at 100,000', () => {
        expect(listWrittenMessage(100_000, 2345, '/ws/list.csv')).toEqual({
            text: 'Wrote 100,000 objects to list.csv. The list was cut at 100,000: 2,345 more objects were left out.', warn: true,
        });
        expect(listWrittenMessage(1, 0, '/ws/list.csv')).toEqual({ text: 'Wrote 1 object to list.csv.', warn: false });
    });

    it('makes file-name slugs', () => {
        expect(slug('Pages to deals')).toBe('pages-to-deals');
        expect(slug('  Été / "demo"  ')).toBe('ete-demo');
        expect(slug('***')).toBe('journey');
    });
});

describe('webview theme from VS Code variables', () => {
    const vars: Record<string, string> = {
        '--vscode-editor-background': '#1e1e1e', '--vscode-editor-foreground': '#d4d4d4', '--vscode-descriptionForeground': '#9d9d9d',
        '--vscode-charts-blue': '#3794ff', '--vscode-focusBorder': '#f38518', '--vscode-contrastBorder': '#6fc3df', '--vscode-font-size': '13px',
    };
    it('maps dark theme colours', () => {
        const theme = reportThemeFrom(name => vars[name] ?? '', 'dark');
        expect(theme).toMatchObject({ background: '#1e1e1e', foreground: '#d4d4d4', muted: '#9d9d9d', accentStrong: '#3794ff', fontSize: 13 });
        expect(theme.palette[0]).toBe('#3794ff');
    });
    it('uses border colours in high contrast', () => {
        expect(reportThemeFrom(name => vars[name] ?? '', 'high-contrast').accentStrong).toBe('#f38518');
    });
    it('keeps defaults for missing variables', () => {
        expect(reportThemeFrom(() => '', 'light').background).toBe('#ffffff');
    });
    it('reads the theme kind from body classes', () => {
        const has = (...names: string[]) => ({ contains: (n: string) => names.includes(n) });
        expect(themeKindOf(has('vscode-dark'))).toBe('dark');
        expect(themeKindOf(has('vscode-high-contrast'))).toBe('high-contrast');
        expect(themeKindOf(has('vscode-high-contrast', 'vscode-high-contrast-light'))).toBe('high-contrast-light');
        expect(themeKindOf(has())).toBe('light');
    });
});
