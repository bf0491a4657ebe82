/**
 * The funnel chart: one horizontal bar per stage (objects counted there) over
 * a faint bar of everyone who entered, so the drop-off reads at a glance.
 * Pure: report data in, Vega-Lite spec out.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { JourneyReport } from '../engine/report.js';
import { formatCount, formatRate } from './numbers.js';
import { DEFAULT_THEME, vegaConfig, type ReportTheme } from './theme.js';

export const CHART_WIDTH = 480;

/** The label a stage carries on every chart axis: its number, and "(optional)" when it is. */
export function stageLabel(index: number, name: string, optional: boolean): string {
    return `${index + 1}. ${name}${optional ? ' (optional)' : ''}`;
}

export interface FunnelDatum {
    stage: string;
    index: number;
    optional: boolean;
    count: number;
    entered: number;
    label: string;
}

export function funnelData(report: Pick<JourneyReport, 'stages' | 'entered'>): FunnelDatum[] {
    return report.stages.map((stage, index) => ({
        stage: stageLabel(index, stage.name, stage.optional),
        index,
        optional: stage.optional,
        count: stage.count,
        entered: report.entered,
        label: index === 0
            ? formatCount(stage.count)
            : `${formatCount(stage.count)} · ${formatRate(stage.conversionFromFirst)}`,
    }));
}

export function funnelSpec(
    report: Pick<JourneyReport, 'journey' | 'source' | 'stages' | 'entered' | 'completed' | 'conversionRate' | 'dateRange'>,
    theme: ReportTheme = DEFAULT_THEME,
): TopLevelSpec {
    const data = funnelData(report);
    const range = report.dateRange ? `, ${report.dateRange.from} to ${report.dateRange.to}` : '';
    // The x scale spans the largest count so labels fit even when an optional stage exceeds stage 1.
    const max = Math.max(1, report.entered, ...report.stages.map(s => s.count));
    return {
        $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
        title: {
            text: report.journey,
            subtitle: `${report.source}${range} · ${formatCount(report.entered)} entered, ${formatCount(report.completed)} completed (${formatRate(report.conversionRate)})`,
        },
        width: CHART_WIDTH,
        height: { step: 30 },
        data: { values: data },
        encoding: {
            y: { field: 'stage', type: 'nominal', sort: null, title: null, axis: { labelLimit: 340 } },
        },
        layer: [
            {
                mark: { type: 'bar', color: theme.muted, opacity: 0.15 },
                encoding: { x: { field: 'entered', type: 'quantitative', scale: { domain: [0, max * 1.25] }, title: 'objects' } },
            },
            {
                mark: { type: 'bar', color: theme.accentStrong },
                encoding: {
                    x: { field: 'count', type: 'quantitative' },
                    // Optional stages are drawn lighter: they do not gate the stages after them.
                    opacity: { condition: { test: 'datum.optional', value: 0.45 }, value: 1 },
                    tooltip: [
                        { field: 'stage', type: 'nominal', title: 'stage' },
                        { field: 'count', type: 'quantitative', title: 'objects', format: ',' },
                    ],
                },
            },
            {
                mark: { type: 'text', align: 'left', dx: 4, color: theme.foreground },
                encoding: { x: { field: 'count', type: 'quantitative' }, text: { field: 'label', type: 'nominal' } },
            },
        ],
        config: vegaConfig(theme),
    } as TopLevelSpec;
}
