/**
 * The charts follow VS Code's colours: the page reads the theme's CSS
 * variables and maps them onto the shared ReportTheme. Pure apart from the
 * `read` function, so it is unit-tested with a fake.
 */
import { themeWith, type ReportTheme } from '../../report-view/theme.js';

export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

/** `body` carries vscode-light / vscode-dark / vscode-high-contrast(-light). */
export function themeKindOf(classList: { contains(name: string): boolean }): ThemeKind {
    if (classList.contains('vscode-high-contrast-light')) return 'high-contrast-light';
    if (classList.contains('vscode-high-contrast')) return 'high-contrast';
    if (classList.contains('vscode-dark')) return 'dark';
    return 'light';
}

export function reportThemeFrom(read: (variable: string) => string, kind: ThemeKind): ReportTheme {
    const v = (name: string) => read(name).trim();
    const highContrast = kind === 'high-contrast' || kind === 'high-contrast-light';
    return themeWith({
        background: v('--vscode-editor-background'),
        foreground: v('--vscode-editor-foreground') || v('--vscode-foreground'),
        muted: v('--vscode-descriptionForeground'),
        // High contrast themes get the solid focus colour so bars stand out against black or white.
        accent: highContrast ? v('--vscode-contrastBorder') : v('--vscode-charts-blue') && `${v('--vscode-charts-blue')}99`,
        accentStrong: highContrast ? v('--vscode-focusBorder') : v('--vscode-charts-blue') || v('--vscode-button-background'),
        palette: ['--vscode-charts-blue', '--vscode-charts-orange', '--vscode-charts-green', '--vscode-charts-purple',
            '--vscode-charts-red', '--vscode-charts-yellow'].map(v).filter(Boolean).concat(themeWith().palette).slice(0, 10),
        font: v('--vscode-font-family'),
        fontSize: Number.parseFloat(v('--vscode-font-size')) || undefined,
    } as Partial<ReportTheme>);
}
