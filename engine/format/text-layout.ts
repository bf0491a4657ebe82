/**
 * Plain-text helpers shared by the table and Markdown formats: bars drawn with
 * block characters and column alignment that counts code points, not UTF-16 units.
 */

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** A bar of `width` cells for value/max, in eighths of a cell so small differences still show. */
export function bar(value: number, max: number, width: number): string {
    if (max <= 0 || value <= 0) return '';
    const eighths = Math.max(1, Math.round((Math.min(value, max) / max) * width * 8));
    return '█'.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8];
}

export function textWidth(text: string): number {
    return [...text].length;
}

export function padEnd(text: string, width: number): string {
    return text + ' '.repeat(Math.max(0, width - textWidth(text)));
}

export function padStart(text: string, width: number): string {
    return ' '.repeat(Math.max(0, width - textWidth(text))) + text;
}

export type Align = 'left' | 'right';

/** Rows of cells aligned in columns separated by two spaces; trailing spaces trimmed. */
export function alignColumns(rows: string[][], align: Align[], indent = ''): string[] {
    const widths: number[] = [];
    for (const row of rows) row.forEach((cell, i) => { widths[i] = Math.max(widths[i] ?? 0, textWidth(cell)); });
    return rows.map(row => indent + row
        .map((cell, i) => (align[i] === 'right' ? padStart(cell, widths[i]) : padEnd(cell, widths[i])))
        .join('  ')
        .replace(/\s+$/, ''));
}

/** Control characters (newlines, escapes) in names would break the layout or the terminal. */
export function printable(text: string): string {
    // eslint-disable-next-line no-control-regex
    return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, c => (c === '\n' ? '\\n' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}
