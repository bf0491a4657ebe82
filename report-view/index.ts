/**
 * Every chart of a report, in reading order: the funnel, then each stage's
 * breakdown, top events and paths. Shared by the CLI's html/svg formats and
 * the VS Code webview; pure (no DOM, no Vega runtime).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { JourneyReport } from '../engine/report.js';
import { breakdownSpec } from './breakdown-spec.js';
import { funnelSpec } from './funnel-spec.js';
import { pathsSpec } from './paths-spec.js';
import { DEFAULT_THEME, type ReportTheme } from './theme.js';
import { topEventsSpec } from './top-events-spec.js';

export interface ReportChart {
    /** Stable id: `funnel`, `stage-2-breakdown`, `stage-4-top-events`, `stage-3-paths`. */
    id: string;
    kind: 'funnel' | 'breakdown' | 'top-events' | 'paths';
    /** Index of the stage the chart is about (absent for the funnel). */
    stageIndex?: number;
    spec: TopLevelSpec;
}

export function reportCharts(report: JourneyReport, theme: ReportTheme = DEFAULT_THEME): ReportChart[] {
    const charts: ReportChart[] = [{ id: 'funnel', kind: 'funnel', spec: funnelSpec(report, theme) }];
    report.stages.forEach((stage, stageIndex) => {
        const n = stageIndex + 1;
        if (stage.breakdown) {
            charts.push({ id: `stage-${n}-breakdown`, kind: 'breakdown', stageIndex, spec: breakdownSpec(stage.name, stage.breakdown, theme) });
        }
        if (stage.topEvents && stage.topEvents.length > 0) {
            charts.push({ id: `stage-${n}-top-events`, kind: 'top-events', stageIndex, spec: topEventsSpec(stage.name, stage.topEvents, theme) });
        }
        if (stage.paths && stage.paths.rows.length > 0) {
            charts.push({ id: `stage-${n}-paths`, kind: 'paths', stageIndex, spec: pathsSpec(stage.name, stage.paths, theme) });
        }
    });
    return charts;
}

export { breakdownSpec, breakdownData } from './breakdown-spec.js';
export { funnelSpec, funnelData, stageLabel } from './funnel-spec.js';
export { pathsSpec, pathNodes } from './paths-spec.js';
export { topEventsSpec } from './top-events-spec.js';
export { DEFAULT_THEME, themeWith, vegaConfig, type ReportTheme } from './theme.js';
export { formatCount, formatDuration, formatRate, formatValue } from './numbers.js';
