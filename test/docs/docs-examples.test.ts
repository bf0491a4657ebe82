/**
 * The docs' promises, checked: every ```journey block in docs/ parses and
 * validates cleanly, every block marked `expect=CODE` produces exactly that
 * diagnostic code (with the sample store's catalog for the rules that need a
 * store), and every relative link in docs/*.md points to a
 * file — and heading — that exists.
 */
import { describe, expect, test } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmptyFileSystem } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createJourneyServices } from '../../language-server/journey-module.js';
import { loadJourneyText } from '../../language-server/journey-document-loader.js';
import { STORE_CODES } from '../../language-server/journey-validation-codes.js';
import { tryFormatJourneyText } from '../../language-server/journey-formatter.js';
import { codeBlocks, headingAnchors, relativeLinks } from './markdown.js';
import { sampleCatalog } from './sample-catalog.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const docsDir = path.join(root, 'docs');
const docFiles = readdirSync(docsDir).filter(f => f.endsWith('.md')).sort();
const read = (file: string) => readFileSync(file, 'utf8');

const services = createJourneyServices(EmptyFileSystem).Journey;
const provider = services.catalog.CatalogProvider;

function codeOf(d: Diagnostic): string {
    return String(d.code ?? (d.data as { code?: string } | undefined)?.code ?? 'no-code');
}

function describeDiagnostics(diagnostics: Diagnostic[]): string[] {
    return diagnostics.map(d => `${d.range.start.line + 1}:${d.range.start.character + 1} ${codeOf(d)} ${d.message}`);
}

/** Validates with no store, or with the sample catalog (`large`: with 25 million page views). */
async function check(text: string, store: 'none' | 'sample' | 'large'): Promise<Diagnostic[]> {
    await provider.setCatalog(store === 'none' ? undefined : sampleCatalog({ large: store === 'large' }));
    try {
        return (await loadJourneyText(services, text)).diagnostics;
    } finally {
        await provider.setCatalog(undefined);
    }
}

const blocks = docFiles.flatMap(file => codeBlocks(read(path.join(docsDir, file)))
    .filter(block => block.lang === 'journey')
    .map(block => ({
        ...block, file,
        expect: /expect=([\w-]+)/.exec(block.info)?.[1],
        store: /store=(\w+)/.exec(block.info)?.[1],
        /** `warns=CODE,CODE`: a valid journey the doc says gets these warnings on the sample store. */
        warns: /warns=([\w,-]+)/.exec(block.info)?.[1].split(',') ?? [],
    })));

describe('journey blocks in docs/', () => {
    test('the docs hold journey blocks, and an example of every diagnostic in language.md\'s table', () => {
        const table = read(path.join(docsDir, 'language.md')).split('## Diagnostics')[1] ?? '';
        const tableCodes = [...table.matchAll(/^\| `([a-z-]+)` \|/gm)].map(m => m[1]);
        expect(tableCodes.length).toBeGreaterThanOrEqual(16);
        const exampleCodes = new Set(blocks.map(b => b.expect).filter(Boolean));
        expect(tableCodes.filter(code => !exampleCodes.has(code))).toEqual([]);
    });

    for (const block of blocks.filter(b => !b.expect)) {
        test(`${block.file}:${block.line} parses and validates without diagnostics`, async () => {
            expect(describeDiagnostics(await check(block.text, 'none'))).toEqual([]);
            const withStore = await check(block.text, 'sample');
            expect(withStore.filter(d => d.severity === 1).map(d => describeDiagnostics([d])[0])).toEqual([]);
            expect([...new Set(withStore.map(codeOf))].sort(), describeDiagnostics(withStore).join('\n')).toEqual([...block.warns].sort());
        });

        test(`${block.file}:${block.line} is in the canonical layout (what journey fmt writes)`, () => {
            const formatted = tryFormatJourneyText(block.text);
            expect(formatted.ok).toBe(true);
            if (formatted.ok) expect(formatted.text).toBe(block.text);
        });
    }

    for (const block of blocks.filter(b => b.expect)) {
        const code = block.expect!;
        const store = block.store === 'large' ? 'large' : STORE_CODES.has(code) ? 'sample' : 'none';
        test(`${block.file}:${block.line} produces exactly ${code}`, async () => {
            const diagnostics = await check(block.text, store);
            expect([...new Set(diagnostics.map(codeOf))], describeDiagnostics(diagnostics).join('\n')).toEqual([code]);
            if (STORE_CODES.has(code)) {
                // A rule that needs the store stays quiet without one.
                expect(describeDiagnostics(await check(block.text, 'none'))).toEqual([]);
            }
        });
    }
});

describe('links in the docs', () => {
    const files = docFiles.map(f => path.join(docsDir, f));
    for (const file of files) {
        test(`${path.relative(root, file)}: every relative link points to an existing file and heading`, () => {
            const broken: string[] = [];
            for (const link of relativeLinks(read(file))) {
                const [target, anchor] = link.target.split('#');
                const resolved = path.resolve(path.dirname(file), decodeURIComponent(target));
                if (!existsSync(resolved)) {
                    broken.push(`line ${link.line}: ${link.target} (no such file)`);
                } else if (anchor && resolved.endsWith('.md') && !headingAnchors(read(resolved)).has(anchor)) {
                    broken.push(`line ${link.line}: ${link.target} (no such heading)`);
                }
            }
            expect(broken).toEqual([]);
        });
    }

    test('the link reader finds links and skips code and web addresses', () => {
        const links = relativeLinks('[a](store.md) `[b](x.md)` [c](https://x.org) [d](#top) ![e](images/x.png)\n```\n[f](y.md)\n```');
        expect(links.map(l => l.target)).toEqual(['store.md', 'images/x.png']);
        expect([...headingAnchors('## Whose event is it?\n### `event` items')]).toEqual(['whose-event-is-it', 'event-items']);
    });
});
