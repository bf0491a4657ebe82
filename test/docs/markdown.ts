/**
 * Small, strict readers for the parts of docs/*.md that tests check: fenced
 * code blocks (with their info string and line), pipe tables, relative links,
 * and the `<!-- example NAME -->` … `<!-- /example -->` sections of
 * docs/semantics.md. Hand-written because the docs use a tiny subset of
 * Markdown and the tests must know exactly which line a problem is on.
 */

export interface CodeBlock {
    /** The word after the fence, e.g. `journey`. */
    lang: string;
    /** The rest of the info string, e.g. `expect=optional-edge`. */
    info: string;
    text: string;
    /** 1-based line of the opening fence. */
    line: number;
}

export interface Table {
    headers: string[];
    rows: string[][];
    line: number;
}

export function codeBlocks(markdown: string): CodeBlock[] {
    const blocks: CodeBlock[] = [];
    const lines = markdown.split('\n');
    for (let i = 0; i < lines.length; i++) {
        const open = /^(```+)\s*([\w-]*)\s*(.*)$/.exec(lines[i]);
        if (!open) continue;
        const fence = open[1];
        const body: string[] = [];
        let j = i + 1;
        while (j < lines.length && !lines[j].startsWith(fence)) body.push(lines[j++]);
        if (j >= lines.length) throw new Error(`line ${i + 1}: code block is never closed`);
        blocks.push({ lang: open[2], info: open[3].trim(), text: body.join('\n') + '\n', line: i + 1 });
        i = j;
    }
    return blocks;
}

/** Splits `| a | b |` into cells; a `|` inside backticks stays in its cell. */
function cells(line: string): string[] {
    const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
    const out: string[] = [];
    let current = '';
    let inCode = false;
    for (const ch of inner) {
        if (ch === '`') inCode = !inCode;
        if (ch === '|' && !inCode) { out.push(current.trim()); current = ''; continue; }
        current += ch;
    }
    out.push(current.trim());
    return out;
}

/** Pipe tables outside code blocks. */
export function tables(markdown: string): Table[] {
    const lines = markdown.split('\n');
    const found: Table[] = [];
    let inFence = false;
    for (let i = 0; i < lines.length; i++) {
        if (lines[i].startsWith('```')) { inFence = !inFence; continue; }
        if (inFence) continue;
        if (!lines[i].trim().startsWith('|') || !/^\s*\|[\s|:-]+\|\s*$/.test(lines[i + 1] ?? '')) continue;
        const headers = cells(lines[i]);
        const rows: string[][] = [];
        let j = i + 2;
        while (j < lines.length && lines[j].trim().startsWith('|')) {
            const row = cells(lines[j]);
            if (row.length !== headers.length) {
                throw new Error(`line ${j + 1}: table row has ${row.length} cells, its header ${headers.length}`);
            }
            rows.push(row);
            j++;
        }
        found.push({ headers, rows, line: i + 1 });
        i = j - 1;
    }
    return found;
}

/** Relative link targets (`[text](target)`) outside code, with their line. */
export function relativeLinks(markdown: string): { target: string; line: number }[] {
    const links: { target: string; line: number }[] = [];
    let inFence = false;
    markdown.split('\n').forEach((line, index) => {
        if (line.startsWith('```')) { inFence = !inFence; return; }
        if (inFence) return;
        const withoutCode = line.replace(/`[^`]*`/g, '');
        for (const match of withoutCode.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
            const target = match[1];
            if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) continue;
            links.push({ target, line: index + 1 });
        }
    });
    return links;
}

/** Anchor ids GitHub gives the headings of a file. */
export function headingAnchors(markdown: string): Set<string> {
    const anchors = new Set<string>();
    let inFence = false;
    for (const line of markdown.split('\n')) {
        if (line.startsWith('```')) { inFence = !inFence; continue; }
        const heading = !inFence && /^#{1,6}\s+(.*)$/.exec(line);
        if (!heading) continue;
        anchors.add(heading[1].trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-'));
    }
    return anchors;
}

export interface WorkedExample {
    name: string;
    line: number;
    /** The first table: the store's events. */
    events: Table;
    /** Further store tables, by name: `identities`, `associations`, `objects` or `event_types` (told apart by their columns). */
    storeTables: Map<string, Table>;
    journey: string;
    /** Every other table: the numbers the doc states. */
    results: Table[];
}

/** Which store table a table of an example fills, by its columns; undefined for a result table. */
function storeTableOf(table: Table): string | undefined {
    const columns = table.headers.join(',');
    if (columns === 'anonymous_id,contact_id') return 'identities';
    if (columns === 'object_type,object_id,related_type,related_id') return 'associations';
    if (columns === 'object_type,object_id,properties') return 'objects';
    if (columns === 'event_name,category,object_type,supports_anonymous') return 'event_types';
    return undefined;
}

/** The `<!-- example NAME -->` sections of a document. */
export function workedExamples(markdown: string): WorkedExample[] {
    const examples: WorkedExample[] = [];
    const pattern = /<!-- example ([\w-]+) -->\n([\s\S]*?)<!-- \/example -->/g;
    for (const match of markdown.matchAll(pattern)) {
        const line = markdown.slice(0, match.index).split('\n').length;
        const body = match[2];
        const blocks = codeBlocks(body).filter(b => b.lang === 'journey');
        const found = tables(body);
        if (blocks.length !== 1) throw new Error(`example ${match[1]} (line ${line}) needs exactly one journey block`);
        if (found.length < 2) throw new Error(`example ${match[1]} (line ${line}) needs an events table and a result table`);
        const storeTables = new Map<string, Table>();
        const results: Table[] = [];
        for (const table of found.slice(1)) {
            const store = storeTableOf(table);
            if (store) storeTables.set(store, table); else results.push(table);
        }
        examples.push({ name: match[1], line, events: found[0], storeTables, journey: blocks[0].text, results });
    }
    return examples;
}
