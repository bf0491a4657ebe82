/**
 * "Find top events" chart: the events most often done between the previous
 * stage and the next, by objects on the journey, most common first.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { StageEventCount } from '../engine/report.js';
import { CHART_WIDTH } from './funnel-spec.js';
import { formatCount } from './numbers.js';
import { DEFAULT_THEME, vegaConfig, type ReportTheme } from './theme.js';

export function topEventsSpec(stageName: string, topEvents: StageEventCount[], theme: ReportTheme = DEFAULT_THEME): TopLevelSpec {
    const data = topEvents.map((row, rank) => ({ event: row.event, count: row.count, rank, label: formatCount(row.count) }));
    const max = Math.max(1, ...data.map(d => d.count));
    return {
        $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
        title: { text: `${stageName}: top events`, subtitle: 'objects that did each event after the previous stage' },
        width: CHART_WIDTH,
        height: { step: 24 },
        data: { values: data },
        encoding: { y: { field: 'event', type: 'nominal', sort: null, title: null } },
        layer: [
            {
                mark: { type: 'bar' },
                encoding: {
                    x: { field: 'count', type: 'quantitative', title: 'objects', scale: { domain: [0, max * 1.2] } },
                    color: { field: 'event', type: 'nominal', legend: null, scale: { range: theme.palette } },
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
