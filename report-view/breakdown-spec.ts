/**
 * The breakdown chart of one stage: a bar per value (the object's first touch
 * of the broken-down event), with the part that continued to the next stage
 * drawn darker over it, and `other` last.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { BreakdownReport } from '../engine/report.js';
import { CHART_WIDTH } from './funnel-spec.js';
import { formatCount, formatRate, formatValue } from './numbers.js';
import { DEFAULT_THEME, vegaConfig, type ReportTheme } from './theme.js';

export interface BreakdownDatum {
    value: string;
    count: number;
    /** Absent on the last stage, where nobody can continue. */
    continued?: number;
    label: string;
}

export function breakdownData(breakdown: BreakdownReport): BreakdownDatum[] {
    const rows: { value: string; count: number; continued?: number }[] =
        breakdown.rows.map(row => ({ value: formatValue(row.value), count: row.count, continued: row.continued }));
    if (breakdown.other.count > 0) rows.push({ value: '(other)', count: breakdown.other.count, continued: breakdown.other.continued });
    return rows.map(({ value, count, continued }) => continued === undefined
        ? { value, count, label: formatCount(count) }
        : { value, count, continued, label: `${formatCount(count)} · ${formatCount(continued)} continued (${formatRate(count ? continued / count : null)})` });
}

export function breakdownSpec(stageName: string, breakdown: BreakdownReport, theme: ReportTheme = DEFAULT_THEME): TopLevelSpec {
    const data = breakdownData(breakdown);
    const hasContinued = data.some(d => d.continued !== undefined);
    const max = Math.max(1, ...data.map(d => d.count));
    const layer: unknown[] = [
        {
            mark: { type: 'bar', color: theme.accent },
            encoding: { x: { field: 'count', type: 'quantitative', title: 'objects', scale: { domain: [0, max * 1.6] } } },
        },
    ];
    if (hasContinued) {
        layer.push({
            mark: { type: 'bar', color: theme.accentStrong },
            encoding: { x: { field: 'continued', type: 'quantitative' } },
        });
    }
    layer.push({
        mark: { type: 'text', align: 'left', dx: 4, color: theme.foreground },
        encoding: { x: { field: 'count', type: 'quantitative' }, text: { field: 'label', type: 'nominal' } },
    });
    return {
        $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
        title: {
            text: `${stageName}: ${breakdown.event} by ${breakdown.property}`,
            subtitle: hasContinued ? 'light: reached this stage · dark: continued to the next' : 'objects by first touch',
        },
        width: CHART_WIDTH,
        height: { step: 24 },
        data: { values: data },
        encoding: { y: { field: 'value', type: 'nominal', sort: null, title: fieldTitle(breakdown.property) } },
        layer,
        config: vegaConfig(theme),
    } as TopLevelSpec;
}

/**
 * An encoding title is pasted into Vega's tooltip expression, where a raw line
 * break or other control character in a property name is a parse error that
 * kills the whole chart; they read as spaces instead.
 */
export function fieldTitle(name: string): string {
    return name.replace(/[\u0000-\u001f\u007f]/g, ' ');
}

