/**
 * The journey files a command-line FILE argument names: the file itself, or
 * every `.journey` file under a folder (sorted, so output is stable).
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export type ExpandedFile = { path: string; display: string } | { missing: string };

export function expandJourneyFiles(args: string[], cwd: string): ExpandedFile[] {
    const out: ExpandedFile[] = [];
    for (const arg of args) {
        const absolute = path.resolve(cwd, arg);
        let isFolder = false;
        try {
            isFolder = statSync(absolute).isDirectory();
        } catch {
            out.push({ missing: arg });
            continue;
        }
        if (!isFolder) {
            out.push({ path: absolute, display: arg });
            continue;
        }
        for (const file of walk(absolute)) out.push({ path: file, display: path.join(arg, path.relative(absolute, file)) });
    }
    return out;
}

function walk(folder: string): string[] {
    const files: string[] = [];
    const entries = readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
        if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
        const full = path.join(folder, entry.name);
        if (entry.isDirectory()) files.push(...walk(full));
        else if (entry.name.endsWith('.journey')) files.push(full);
    }
    return files;
}
