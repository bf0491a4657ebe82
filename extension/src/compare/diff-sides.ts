/**
 * Which diff editors show a document: the pairs (original, modified) of the
 * open diff tabs that hold it on either side. Pure over plain URI strings so
 * the lens logic is tested without VS Code.
 */

export interface DiffPair {
    original: string;
    modified: string;
}

/** The diff pairs a document is part of, without duplicates (the same diff may be open in two groups). */
export function diffPairsOf(document: string, pairs: DiffPair[]): DiffPair[] {
    const seen = new Set<string>();
    return pairs.filter(pair => {
        if (pair.original !== document && pair.modified !== document) return false;
        const key = `${pair.original}\u0000${pair.modified}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
    });
}

/** A short name for the older side: the git extension's `git:` URIs carry the ref in their JSON query (`fileName` names the file at that ref). */
export function versionLabel(uri: string, fileName: string): string {
    const match = /^git:[^?]*\?(.*)$/.exec(uri);
    if (match) {
        try {
            const query = JSON.parse(decodeURIComponent(match[1])) as { ref?: string };
            const ref = query.ref === '~' || query.ref === '' ? 'index' : query.ref;
            if (ref) return `${ref.length === 40 ? ref.slice(0, 12) : ref}:${fileName}`;
        } catch { /* not the git extension's query: fall through */ }
    }
    const scheme = /^([a-z][\w+.-]*):/i.exec(uri)?.[1] ?? 'file';
    // Another file (File: Compare Active File With…) is named by its own name.
    const own = decodeURIComponent(uri.replace(/[?#].*$/, '').replace(/^[a-z][\w+.-]*:/i, '').split('/').pop() ?? '') || fileName;
    return scheme === 'file' ? own : `${own} (${scheme})`;
}
