/**
 * The extension's guards with a fake `vscode` (issue 7): the real report
 * panel's Content-Security-Policy; every page message validated, unknown ones
 * ignored, only the listed actions reach the host; exports write only where
 * the save dialog said; Restricted Mode runs nothing and opens no store, saying
 * why; a store outside the workspace is opened only after the user agrees.
 * (Pure parsing and CSP building are in test/extension/.)
 */
import fc from 'fast-check';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { fake, fakePanel, Uri } from './fake-vscode.js';

vi.mock('vscode', async () => await import('./fake-vscode.js'));

const { ReportPanel } = await import('../../extension/src/report-panels.js');
const { registerCommands } = await import('../../extension/src/commands.js');
const { RESTRICTED_MESSAGE, StoreAccess } = await import('../../extension/src/store-access.js');
const { parseWebviewMessage } = await import('../../protocol/journey-protocol.js');

const WS = '/work/fake-ws';
beforeEach(() => {
    fake.reset();
    fake.folders = [WS];
    fake.settings = { store: 'journey.sqlite' };
});

function memento() {
    const values = new Map<string, unknown>();
    return { get: <T>(key: string, fallback: T) => (values.has(key) ? values.get(key) as T : fallback), update: async (key: string, value: unknown) => { values.set(key, value); }, keys: () => [...values.keys()] };
}

describe('opening a store', () => {
    test('Restricted Mode: no store, a message saying why', async () => {
        fake.trusted = false;
        const access = new StoreAccess(memento() as never);
        expect(await access.storeToOpen()).toBeUndefined();
        expect(fake.called('showWarningMessage')).toEqual([[RESTRICTED_MESSAGE]]);
        expect(RESTRICTED_MESSAGE).toMatch(/Restricted Mode/);
        expect(await access.storeToOpen(false)).toBeUndefined();
    });

    test('a store inside the workspace opens without a question', async () => {
        const access = new StoreAccess(memento() as never);
        expect(await access.storeToOpen()).toBe(`${WS}/journey.sqlite`);
        expect(fake.called('showWarningMessage')).toEqual([]);
    });

    test('a store outside (a path, ../, or a ClickHouse address) asks first; no means no, yes is remembered', async () => {
        for (const store of ['/etc/elsewhere.sqlite', '../outside/s.sqlite', `${WS}/../x.sqlite`, 'clickhouse://evil:8123/db']) {
            fake.reset();
            fake.folders = [WS];
            fake.settings = { store };
            const access = new StoreAccess(memento() as never);
            let allowedCalls = 0;
            access.onAllowed = () => { allowedCalls++; };
            expect(await access.storeToOpen(false), store).toBeUndefined();
            fake.warningAnswers = [undefined];
            expect(await access.storeToOpen(), store).toBeUndefined();
            const question = fake.called('showWarningMessage')[0];
            expect(question[0]).toMatch(/outside the workspace/);
            expect(question[1]).toEqual({ modal: true });
            fake.warningAnswers = ['Open it'];
            const opened = await access.storeToOpen();
            expect(opened).toBeDefined();
            expect(allowedCalls).toBe(1);
            expect(await access.storeToOpen()).toBe(opened);
            expect(fake.called('showWarningMessage')).toHaveLength(2);
        }
    });
});

function panelWith(host: { runFile?: () => Promise<unknown>; onPageMessage?: (panel: unknown, message: unknown) => void }) {
    const page = fakePanel();
    const handled: unknown[] = [];
    let runs = 0;
    const panel = new ReportPanel(Uri.file(`${WS}/a.journey`) as never, page.panel as never, Uri.file('/ext') as never, {
        runFile: async () => { runs++; return (host.runFile?.() ?? { result: { reports: [], locations: [] }, store: 's' }) as never; },
        onPageMessage: (_p: unknown, message: unknown) => { handled.push(message); host.onPageMessage?.(_p, message); },
    } as never, () => undefined);
    return { page, panel, handled, runs: () => runs };
}

describe('the report page', () => {
    test("the real panel's CSP: nonce script only, no unsafe-inline/eval, no remote origin", () => {
        const { page } = panelWith({});
        const html = page.panel.webview.html;
        const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1]?.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');
        expect(csp).toBeDefined();
        const directives = new Map(csp!.split(';').map(d => d.trim().split(/\s+/)).map(([name, ...sources]) => [name, sources]));
        const nonce = /<script nonce="([A-Za-z0-9]+)"/.exec(html)?.[1];
        expect(nonce).toMatch(/^[A-Za-z0-9]{32}$/);
        expect(directives.get('default-src')).toEqual(["'none'"]);
        expect(directives.get('script-src')).toEqual([`'nonce-${nonce}'`]);
        for (const [name, sources] of directives) {
            for (const source of sources) {
                expect(source, `${name} ${source}`).not.toMatch(/unsafe-(inline|eval)|^\*$|^https?:$/);
                // The only origin allowed is the webview's own resource origin.
                if (/^https?:\/\//.test(source)) expect(source).toBe(page.panel.webview.cspSource);
            }
        }
        expect(html.match(/<script\b/g)).toHaveLength(1);
        expect(html).not.toMatch(/\son[a-z]+=/i);
    });

    test('random and hostile messages: nothing throws, unknown ones are ignored, the host sees only listed actions, validated', () => {
        const { page, handled } = panelWith({});
        const LISTED = new Set(['createList', 'exportUnsummarized', 'exportReport', 'revealStage']);
        const message = fc.oneof(
            fc.anything(),
            fc.record({
                type: fc.constantFrom('ready', 'refresh', 'cancel', 'exportReport', 'createList', 'exportUnsummarized', 'revealStage', 'image', 'imageFailed',
                    'runShell', 'openFile', 'writeFile', 'eval', '__proto__', 'constructor', 'toString'),
                journey: fc.oneof(fc.string(), fc.integer(), fc.constant(undefined), fc.constant('x'.repeat(2000))),
                stage: fc.oneof(fc.string(), fc.constant(null)),
                mode: fc.constantFrom('reached', 'dropped', 'all', undefined),
                requestId: fc.oneof(fc.string(), fc.constant('../../etc/passwd')),
                format: fc.constantFrom('png', 'svg', 'exe'),
                data: fc.oneof(fc.string(), fc.integer()),
                path: fc.constant('/etc/passwd'),
            }, { requiredKeys: ['type'] }),
        );
        fc.assert(fc.property(message, raw => {
            const before = handled.length;
            page.receive(raw);
            const parsed = parseWebviewMessage(raw);
            if (handled.length > before) {
                const got = handled[handled.length - 1] as { type: string };
                expect(LISTED.has(got.type)).toBe(true);
                expect(got).toEqual(parsed);
                expect(got).not.toHaveProperty('path');
            } else if (parsed) {
                expect(LISTED.has(parsed.type)).toBe(false);
            }
        }), { seed: 7, numRuns: 3000 });
        expect(handled.length).toBeGreaterThan(10);
    });
});

describe('commands', () => {
    function setup() {
        const calls: { method: string; params: Record<string, unknown> }[] = [];
        const client = new Proxy({}, {
            get: (_t, method: string) => async (params: Record<string, unknown>) => {
                calls.push({ method, params });
                return { rows: 3, cut: false, out: params.out, message: 'ok' };
            },
        });
        const posted: unknown[] = [];
        let refreshed = 0;
        const reportPanel = {
            uri: Uri.file(`${WS}/a.journey`),
            focus: undefined as unknown,
            lastPayload: { uri: 'file:///a', fileName: 'a.journey', store: 's', ranAt: 't', reports: [{ journey: 'J' }] },
            post: (m: unknown) => { posted.push(m); },
            refresh: async () => { refreshed++; },
            renderImage: async () => '<svg/>',
        };
        const panels = { open: async () => reportPanel, get: () => reportPanel, active: () => reportPanel };
        const access = new StoreAccess(memento() as never);
        registerCommands({ subscriptions: [] } as never, { client: client as never, panels: panels as never, access, storeChanged: () => undefined });
        const run = (id: string, ...args: unknown[]) => fake.commands.get(id)!(...args);
        return { calls, posted, refreshed: () => refreshed, run };
    }
    const file = () => Uri.file(`${WS}/a.journey`);

    test('exports write only where the save dialog said, and nothing when it was cancelled', async () => {
        const { calls, run } = setup();
        fake.saveDialogAnswer = undefined;
        await run('journey.exportUnsummarized', file(), 'J');
        await run('journey.createStaticList', file(), 'J', 'S', 'reached');
        await run('journey.exportReport', file(), 'csv');
        expect(calls).toEqual([]);
        expect(fake.written).toEqual([]);

        fake.saveDialogAnswer = Uri.file('/chosen/by/user.csv');
        await run('journey.exportUnsummarized', file(), 'J');
        await run('journey.createStaticList', file(), 'J', 'S', 'dropped');
        expect(calls.filter(c => c.method.startsWith('export')).map(c => c.params.out)).toEqual(['/chosen/by/user.csv', '/chosen/by/user.csv']);
        await run('journey.exportReport', file(), 'svg');
        expect(fake.written.map(w => w.path)).toEqual(['/chosen/by/user.csv']);
        // A page cannot name a target: its messages carry no path, and the command always asks.
        expect(fake.called('showSaveDialog')).toHaveLength(6);
    });

    test('Restricted Mode: no command runs a journey, exports, imports or opens a store; each says why', async () => {
        fake.trusted = false;
        fake.saveDialogAnswer = Uri.file('/chosen/x.csv');
        const { calls, posted, refreshed, run } = setup();
        await run('journey.run', file());
        expect(posted).toEqual([{ type: 'error', message: RESTRICTED_MESSAGE }]);
        expect(refreshed()).toBe(0);
        for (const [id, ...args] of [
            ['journey.createStaticList', file(), 'J', 'S', 'reached'], ['journey.exportUnsummarized', file(), 'J'], ['journey.importEvents'],
            ['journey.createSampleStore'], ['journey.selectStore'],
        ] as [string, ...unknown[]][]) {
            fake.calls = [];
            await run(id, ...args);
            expect(fake.called('showWarningMessage'), id).toEqual([[RESTRICTED_MESSAGE]]);
            expect(fake.called('showSaveDialog'), id).toEqual([]);
            expect(fake.called('showOpenDialog'), id).toEqual([]);
        }
        expect(calls).toEqual([]);
        expect(fake.written).toEqual([]);
    });

    test('a store outside the workspace: declining the question stops the export before any dialog or server call', async () => {
        fake.settings = { store: '/somewhere/else.sqlite' };
        fake.saveDialogAnswer = Uri.file('/chosen/x.csv');
        fake.warningAnswers = [undefined];
        const { calls, run } = setup();
        await run('journey.exportUnsummarized', file(), 'J');
        expect(fake.called('showWarningMessage')[0][0]).toMatch(/outside the workspace/);
        expect(fake.called('showSaveDialog')).toEqual([]);
        expect(calls).toEqual([]);
    });
});
