/** Texts the commands show and the file names they propose (pure, tested without VS Code). */
import path from 'node:path';
import { STATIC_LIST_LIMIT } from '../../engine/report.js';
import { formatCount } from '../../report-view/numbers.js';

/** "Spring launch" → "spring-launch": file names proposed in save dialogs. */
export function slug(text: string): string {
    return text.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\w]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'journey';
}

/** The message after a static list was written; warns when the 100,000 limit cut it. */
export function listWrittenMessage(rows: number, cut: number, file: string): { text: string; warn: boolean } {
    const base = `Wrote ${formatCount(rows)} ${rows === 1 ? 'object' : 'objects'} to ${path.basename(file)}.`;
    if (cut > 0) return { text: `${base} The list was cut at ${formatCount(STATIC_LIST_LIMIT)}: ${formatCount(cut)} more objects were left out.`, warn: true };
    return { text: base, warn: false };
}
