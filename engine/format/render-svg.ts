/**
 * Renders a Vega-Lite spec to an SVG string in Node, headless: Vega's
 * 'none' renderer with its built-in text-width estimate (no canvas, no
 * browser, no network), so output is the same on every machine.
 */
import type { TopLevelSpec } from 'vega-lite';

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
    // Loaded on demand: Vega is large and only the html/svg formats need it.
    const [vega, vl] = await Promise.all([import('vega'), import('vega-lite')]);
    const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none' });
    try {
        return await view.toSVG();
    } finally {
        view.finalize();
    }
}

/** The width and height an SVG root declares. */
export function svgSize(svg: string): { width: number; height: number } {
    const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
    const width = Number(/\swidth="([\d.]+)"/.exec(root)?.[1] ?? 0);
    const height = Number(/\sheight="([\d.]+)"/.exec(root)?.[1] ?? 0);
    return { width, height };
}
