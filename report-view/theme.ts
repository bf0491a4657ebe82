/**
 * Colours and fonts of every chart. The CLI uses DEFAULT_THEME; the VS Code
 * webview passes the editor's colours (CSS variables read in the page), so the
 * same spec builders serve both.
 */
export interface ReportTheme {
    background: string;
    /** Text, axis labels and titles. */
    foreground: string;
    /** Secondary text (subtitles, grid, optional-stage outlines). */
    muted: string;
    /** Bars of counted objects. */
    accent: string;
    /** The "continued" share of a breakdown row, drawn over the accent bar. */
    accentStrong: string;
    /** Categorical colours for event names (paths, top events). */
    palette: string[];
    font: string;
    fontSize: number;
}

export const DEFAULT_THEME: ReportTheme = {
    background: '#ffffff',
    foreground: '#1f2328',
    muted: '#6e7781',
    accent: '#8fb8e8',
    accentStrong: '#1f6feb',
    palette: ['#1f6feb', '#d97706', '#16a34a', '#9333ea', '#dc2626', '#0891b2', '#ca8a04', '#db2777', '#4b5563', '#65a30d'],
    font: 'Helvetica, Arial, sans-serif',
    fontSize: 12,
};

/** A theme with some fields overridden (the webview passes only what VS Code defines). */
export function themeWith(overrides: Partial<ReportTheme> = {}): ReportTheme {
    const theme = { ...DEFAULT_THEME };
    for (const [key, value] of Object.entries(overrides)) {
        if (value !== undefined && value !== '') (theme as Record<string, unknown>)[key] = value;
    }
    return theme;
}

/** The Vega-Lite `config` block every spec carries, so fonts and colours follow the theme. */
export function vegaConfig(theme: ReportTheme): Record<string, unknown> {
    return {
        background: theme.background,
        font: theme.font,
        view: { stroke: null },
        axis: {
            labelColor: theme.foreground,
            titleColor: theme.foreground,
            domainColor: theme.muted,
            tickColor: theme.muted,
            gridColor: theme.muted,
            gridOpacity: 0.25,
            labelFontSize: theme.fontSize,
            titleFontSize: theme.fontSize,
            labelLimit: 340,
        },
        legend: { labelColor: theme.foreground, titleColor: theme.foreground, labelFontSize: theme.fontSize, titleFontSize: theme.fontSize },
        title: { color: theme.foreground, subtitleColor: theme.muted, fontSize: theme.fontSize + 2, subtitleFontSize: theme.fontSize, anchor: 'start' },
        text: { color: theme.foreground, fontSize: theme.fontSize },
    };
}
