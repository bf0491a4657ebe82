/**
 * Pathfinder as a layered flow: one row per common sequence (most common on
 * top), its events laid out in columns that lead into the stage (`before`) or
 * away from it (`after`), joined by a line, with the row's object count.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { PathsReport } from '../engine/report.js';
import { formatCount } from './numbers.js';
import { DEFAULT_THEME, vegaConfig, type ReportTheme } from './theme.js';

export interface PathNode {
    /** "#1 · 88": the row's rank and object count. */
    row: string;
    rank: number;
    /** Column: −depth..−1 before the stage, 0 the stage itself, 1..depth after it. */
    step: number;
    column: string;
    event: string;
    isStage: boolean;
}

export function columnLabel(step: number, stageName: string): string {
    if (step === 0) return stageName;
    return step < 0 ? `${-step} before` : `${step} after`;
}

/** Every node of every row; `before` sequences are right-aligned so their last event touches the stage. */
export function pathNodes(stageName: string, paths: PathsReport): PathNode[] {
    const nodes: PathNode[] = [];
    paths.rows.forEach((row, rank) => {
        const rowLabel = `#${rank + 1} · ${formatCount(row.count)}`;
        const push = (step: number, event: string, isStage: boolean) =>
            nodes.push({ row: rowLabel, rank, step, column: columnLabel(step, stageName), event, isStage });
        if (paths.direction === 'before') {
            row.events.forEach((event, i) => push(i - row.events.length, event, false));
            push(0, stageName, true);
        } else {
            push(0, stageName, true);
            row.events.forEach((event, i) => push(i + 1, event, false));
        }
    });
    return nodes;
}

export function pathsSpec(stageName: string, paths: PathsReport, theme: ReportTheme = DEFAULT_THEME): TopLevelSpec {
    const nodes = pathNodes(stageName, paths);
    const steps = paths.direction === 'before'
        ? Array.from({ length: paths.depth + 1 }, (_, i) => i - paths.depth)
        : Array.from({ length: paths.depth + 1 }, (_, i) => i);
    const columns = steps.map(step => columnLabel(step, stageName));
    const x = { field: 'column', type: 'ordinal', sort: columns, scale: { domain: columns }, title: null, axis: { orient: 'bottom', labelAngle: 0 } };
    const y = { field: 'row', type: 'ordinal', sort: { field: 'rank', op: 'min' }, title: null };
    return {
        $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
        title: {
            text: `${stageName}: paths ${paths.direction}`,
            subtitle: `the ${paths.rows.length} most common sequences of up to ${paths.depth} events ${paths.direction} the stage, with how many objects took each`,
        },
        width: { step: 150 },
        height: { step: 34 },
        data: { values: nodes },
        encoding: { x, y },
        layer: [
            { mark: { type: 'line', color: theme.muted, strokeWidth: 2 }, encoding: { detail: { field: 'rank', type: 'nominal' } } },
            {
                mark: { type: 'point', filled: true, size: 260, opacity: 1 },
                encoding: {
                    color: {
                        condition: { test: 'datum.isStage', value: theme.foreground },
                        field: 'event', type: 'nominal', legend: null, scale: { range: theme.palette },
                    },
                },
            },
            // The stage's own node is named by its column; labelling it on every row would only repeat it.
            {
                transform: [{ filter: '!datum.isStage' }],
                mark: { type: 'text', dy: -14, color: theme.foreground, limit: 144 },
                encoding: { text: { field: 'event', type: 'nominal' } },
            },
        ],
        config: vegaConfig(theme),
    } as TopLevelSpec;
}
