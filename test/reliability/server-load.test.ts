/**
 * The language server under load (issue 7): 1,000 rapid edits of one
 * document (each superseding the build of the one before, as the server's
 * didChange handling does), with completion and hover asked in between, end
 * in exactly the diagnostics of the final text; 100 concurrent journey/run
 * requests, a third of them cancelled, are each answered or cancelled; and
 * after all of it the heap returns to within 10% of where it started.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { DocumentState, EmptyFileSystem, URI } from 'langium';
import { CancellationTokenSource, LSPErrorCodes } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeSampleStore } from '../../engine/sample/write-sample.js';
import { loadJourneyText } from '../../language-server/journey-document-loader.js';
import { createJourneyServices } from '../../language-server/journey-module.js';
import { JourneyReportRequests } from '../../language-server/journey-report-requests.js';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const BASE = `journey "Pages to deals" {
    source contacts
    dates from 2025-01-01 to 2026-06-30
    stage "Viewed a page" {
        event page_viewed where url_path starts with "/pricing" breakdown by url_path
    }
    stage "Submitted a form" {
        event form_submitted
    }
    stage "Booked a meeting" { event meeting_booked }
}
`;

let dir: string;
let store: string;
beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'journey-load-'));
    store = path.join(dir, 'sample.sqlite');
    await writeSampleStore(store, { contacts: 150, seed: 7 });
    // As after the client's `initialized`: the update handler builds only once the workspace is ready.
    await shared.workspace.WorkspaceManager.initializeWorkspace([]);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const services = createJourneyServices(EmptyFileSystem).Journey;
const shared = services.shared;
const requests = new JourneyReportRequests(services);

/** The i-th edit: typing into the first stage's filter, a few characters at a time, sometimes leaving a syntax error. */
function edit(i: number): string {
    const typed = `/p${'abcdefgh'.slice(0, i % 9)}`;
    const broken = i % 7 === 3 ? ' where' : '';
    return BASE.replace('"/pricing"', JSON.stringify(typed)).replace('event form_submitted', `event form_submitted${broken}`).replace('Booked', `Booked ${i}`);
}

async function rapidEdits(uri: string, count: number): Promise<{ answered: number; final: string }> {
    let answered = 0;
    let text = '';
    for (let i = 0; i < count; i++) {
        text = edit(i);
        const document = TextDocument.create(uri, 'journey', i + 1, text);
        shared.workspace.TextDocuments.set(document);
        // What the server does on didChange: each update cancels the build still running for the previous text.
        shared.lsp.DocumentUpdateHandler.didChangeContent!({ document });
        if (i % 10 === 0) {
            // An impatient editor asks for completion and hover without waiting for the build.
            await new Promise(resolve => setImmediate(resolve));
            const current = shared.workspace.LangiumDocuments.getDocument(URI.parse(uri));
            if (current) {
                const params = { textDocument: { uri }, position: current.textDocument.positionAt(current.textDocument.getText().indexOf('event') + 7) };
                await services.lsp.CompletionProvider!.getCompletion(current, params);
                await services.lsp.HoverProvider!.getHoverContent(current, params);
                answered++;
            }
        }
    }
    // The update handler queues builds on the workspace lock: wait (at most 30 s) until the last edit is built.
    const built = () => {
        const doc = shared.workspace.LangiumDocuments.getDocument(URI.parse(uri));
        return doc !== undefined && doc.textDocument.version === count && doc.state >= DocumentState.Validated;
    };
    for (let i = 0; i < 3000 && !built(); i++) await new Promise(resolve => setTimeout(resolve, 10));
    expect(built(), 'the last edit was built').toBe(true);
    return { answered, final: text };
}

async function concurrentRuns(count: number): Promise<{ done: number; cancelled: number }> {
    const outcomes = await Promise.all(Array.from({ length: count }, async (_, i) => {
        const source = new CancellationTokenSource();
        if (i % 3 === 0) setTimeout(() => source.cancel(), i % 2 ? 0 : 5);
        try {
            const result = await requests.run({ uri: `file:///ws/run-${i}.journey`, text: BASE, store, engine: 'sqljs', progressToken: `p${i}` }, source.token, () => undefined);
            expect(result.error).toBeUndefined();
            expect(result.reports[0].stages[0].count).toBeGreaterThan(0);
            return 'done';
        } catch (error) {
            expect(error).toMatchObject({ code: LSPErrorCodes.RequestCancelled });
            expect(i % 3).toBe(0);
            return 'cancelled';
        } finally {
            source.dispose();
        }
    }));
    return { done: outcomes.filter(o => o === 'done').length, cancelled: outcomes.filter(o => o === 'cancelled').length };
}

function heapAfterGc(): number {
    for (let i = 0; i < 4; i++) gc();
    return process.memoryUsage().heapUsed;
}

describe('the language server under load', () => {
    test('loading a journey text (each CLI check, each server run) leaves nothing in the index or the build state', async () => {
        const index = shared.workspace.IndexManager;
        const before = index.allElements().count();
        for (let i = 0; i < 20; i++) await loadJourneyText(services, `${BASE}// ${i}\n`);
        expect(index.allElements().count()).toBe(before);
        const buildState = (shared.workspace.DocumentBuilder as unknown as { buildState: Map<string, unknown> }).buildState;
        expect([...buildState.keys()].filter(k => k.startsWith('memory:'))).toEqual([]);
    });

    test('1,000 rapid edits end in the final text and its diagnostics; completion and hover answered between them', async () => {
        const uri = 'file:///ws/edited.journey';
        const { answered, final } = await rapidEdits(uri, 1000);
        expect(answered).toBe(100);
        const document = shared.workspace.LangiumDocuments.getDocument(URI.parse(uri))!;
        expect(document.textDocument.getText()).toBe(final);
        const fresh = await loadJourneyText(createJourneyServices(EmptyFileSystem).Journey, final);
        expect((document.diagnostics ?? []).map(d => d.message)).toEqual(fresh.diagnostics.map(d => d.message));
    }, 300_000);

    test('100 concurrent runs are each answered or cancelled', async () => {
        const { done, cancelled } = await concurrentRuns(100);
        expect(done + cancelled).toBe(100);
        expect(done).toBeGreaterThanOrEqual(66);
    }, 300_000);

    test('after edits and runs the heap returns to within 10% of where it started', async () => {
        // Warm up once so lazily built caches (catalog, engine, compiled code) count in the baseline.
        await rapidEdits('file:///ws/warm.journey', 50);
        await concurrentRuns(10);
        const before = heapAfterGc();
        for (let round = 0; round < 2; round++) {
            await rapidEdits(`file:///ws/load-${round}.journey`, 500);
            await concurrentRuns(50);
        }
        for (const uri of ['file:///ws/load-0.journey', 'file:///ws/load-1.journey']) {
            shared.workspace.TextDocuments.delete(uri);
            shared.lsp.DocumentUpdateHandler.didCloseDocument?.({ document: TextDocument.create(uri, 'journey', 0, '') });
            await shared.workspace.DocumentBuilder.update([], [URI.parse(uri)]);
        }
        const after = heapAfterGc();
        expect(after, `heap ${(before / 2 ** 20).toFixed(1)} MB before, ${(after / 2 ** 20).toFixed(1)} MB after`).toBeLessThanOrEqual(before * 1.1);
    }, 300_000);
});
