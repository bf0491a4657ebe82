/**
 * `--format svg`: the funnel chart. With several journeys, their funnels are
 * stacked in one SVG document (each a nested <svg>), in file order.
 */
import type { JourneyReport } from '../report.js';
import { funnelSpec } from '../../report-view/funnel-spec.js';
import { DEFAULT_THEME, type ReportTheme } from '../../report-view/theme.js';
import { renderSvg, svgSize } from './render-svg.js';

export async function formatSvg(reports: JourneyReport[], theme: ReportTheme = DEFAULT_THEME): Promise<string> {
    const svgs = await Promise.all(reports.map(report => renderSvg(funnelSpec(report, theme))));
    if (svgs.length === 1) return `${svgs[0]}\n`;
    let y = 0;
    let width = 0;
    const placed = svgs.map(svg => {
        const size = svgSize(svg);
        const nested = svg.replace(/^<svg\b/, `<svg y="${y}"`);
        y += size.height;
        width = Math.max(width, size.width);
        return nested;
    });
    return `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" width="${width}" height="${y}" viewBox="0 0 ${width} ${y}">${placed.join('')}</svg>\n`;
}
