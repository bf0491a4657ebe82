/**
 * Draws the shared Vega-Lite specs with vega-embed, bundled (no network).
 * The page's CSP forbids eval and inline styles, so expressions run through
 * vega-interpreter, vega-embed's own stylesheet is off, and the canvas
 * renderer is used (no style attributes); SVG export still works via toSVG.
 */
import embed, { type Result } from 'vega-embed';
import { expressionInterpreter } from 'vega-interpreter';
import type { TopLevelSpec } from 'vega-lite';

/** A bar chart's spec resized to the panel: the whole chart (labels included) fits the container's width. */
export function fitToWidth(spec: TopLevelSpec, width: number): TopLevelSpec {
    if (width < 200) return spec;
    return { ...spec, width, autosize: { type: 'fit-x', contains: 'padding' } } as TopLevelSpec;
}

export async function drawChart(container: HTMLElement, spec: TopLevelSpec): Promise<Result> {
    return embed(container, spec, {
        renderer: 'canvas',
        actions: false,
        defaultStyle: false,
        ast: true,
        expr: expressionInterpreter,
        // Tooltips without vega-tooltip's injected <style>; report.css styles #vg-tooltip-element.
        tooltip: { disableDefaultStyle: true, theme: 'custom' },
        // Nothing is ever fetched: every spec carries its data inline.
        loader: { load: () => Promise.reject(new Error('no loading in the report page')) } as never,
    });
}

export async function chartImage(result: Result, format: 'png' | 'svg'): Promise<string> {
    return format === 'png' ? result.view.toImageURL('png', 2) : result.view.toSVG();
}
