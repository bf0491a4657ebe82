// The end-to-end suite: drives the packaged extension inside code-server
// with playwright-core + Debian chromium and asserts on what a person sees.
// Started by scripts/e2e.sh (env: CS_URL, WS, ROOT, ART).
const path = require('node:path');
const fs = require('node:fs');
const { execFileSync } = require('node:child_process');
const { webviewFrame, cliReport, storeEventCount, tableOf, waitFor, launchBrowser } = require('./e2e-helpers.cjs');

const { CS_URL, WS, ROOT, ART, } = process.env;
const t0 = Date.now();
const log = (...a) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
const results = [];

function assert(condition, message) {
    if (!condition) throw new Error(message);
}

async function main() {
    const { context, page, profile } = await launchBrowser(process.env.ROOT);
    page.on('pageerror', e => log('PAGEERROR', e.message));
    // Console errors of every frame, the report page included: a CSP violation shows up here.
    const consoleErrors = [];
    page.on('console', m => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    let failed = 0;
    const step = async (name, fn) => {
        const start = Date.now();
        try {
            const detail = await fn();
            results.push({ step: name, ok: true, ms: Date.now() - start, detail });
            log('PASS', name, detail === undefined ? '' : JSON.stringify(detail).slice(0, 300));
        } catch (error) {
            failed++;
            results.push({ step: name, ok: false, error: String(error && error.message || error).slice(0, 800) });
            log('FAIL', name, String(error && error.stack || error).slice(0, 1500));
            await page.screenshot({ path: path.join(ART, `fail-${name.replace(/\W+/g, '-')}.png`) }).catch(() => {});
            throw error;
        }
    };
    const openFile = async name => {
        await page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first().click();
        await page.locator('.tab.active', { hasText: name }).waitFor({ timeout: 30000 });
        await page.waitForSelector('.monaco-editor .view-lines', { timeout: 30000 });
    };
    const gotoLine = async (line, column) => {
        await page.keyboard.press('Control+G');
        await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: 10000 });
        await page.keyboard.type(column ? `${line}:${column}` : String(line));
        await page.keyboard.press('Enter');
    };
    try {
        await step('workbench opens with the extension', async () => {
            await page.goto(CS_URL, { waitUntil: 'domcontentloaded', timeout: 60000 });
            await page.waitForSelector('.monaco-workbench', { timeout: 90000 });
            await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'funnel.journey' }).waitFor({ timeout: 60000 });
        });

        await step('diagnostic on the broken line', async () => {
            await openFile('explore.journey');
            await page.waitForFunction(() => /Journey/.test(document.querySelector('#status\\.editor\\.mode')?.textContent || ''), null, { timeout: 60000 });
            await page.waitForSelector('.monaco-editor .squiggly-error', { timeout: 60000 });
            await page.keyboard.press('Control+Shift+M');
            const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'explore.journey' }).first();
            await row.waitFor({ timeout: 30000 });
            const problems = (await page.locator('.markers-panel').innerText()).replace(/\s+/g, ' ');
            assert(/\[Ln 5/.test(problems), `the problem should be on line 5: ${problems}`);
            await page.screenshot({ path: path.join(ART, 'diagnostic.png') });
            await page.keyboard.press('Control+Shift+M');
            return problems.slice(0, 200);
        });

        await step('status bar shows the store and its events', async () => {
            const item = page.locator('.statusbar-item', { hasText: 'journey.sqlite' }).first();
            await item.waitFor({ timeout: 60000 });
            const text = (await item.innerText()).trim();
            const total = storeEventCount(ROOT, path.join(WS, 'journey.sqlite'));
            assert(text.includes(`${total.toLocaleString('en-US')} events`), `status bar "${text}" should count ${total} events`);
            return text;
        });

        await step('completion offers an event name', async () => {
            await page.locator('.monaco-editor .view-lines').first().click();
            await gotoLine(3, 26);
            await page.keyboard.press('End');
            await page.keyboard.press('Enter');
            await page.keyboard.type('event meet', { delay: 30 });
            await page.keyboard.press('Control+Space');
            const item = page.locator('.suggest-widget .monaco-list-row', { hasText: 'meeting_booked' }).first();
            await item.waitFor({ timeout: 30000 });
            const labels = await page.locator('.suggest-widget .monaco-list-row').allInnerTexts();
            await page.screenshot({ path: path.join(ART, 'completion.png') });
            await page.keyboard.press('Escape');
            // Undo the typing so the file is as written.
            for (let i = 0; i < 4; i++) await page.keyboard.press('Control+Z');
            return labels.slice(0, 5).map(l => l.replace(/\s+/g, ' '));
        });

        await step('hover explains an event', async () => {
            // The token may share its span with the space before it: point at the span's right end.
            const token = page.locator('.monaco-editor .view-line span span', { hasText: 'page_viewed' }).first();
            const box = await token.boundingBox();
            await page.mouse.move(box.x + box.width - 15, box.y + box.height / 2);
            const hover = page.locator('.monaco-hover-content:visible', { hasText: 'page_viewed' }).first();
            await hover.waitFor({ state: 'visible', timeout: 30000 });
            const text = (await hover.innerText()).replace(/\s+/g, ' ');
            assert(/page_viewed/.test(text), `hover should name the event: ${text}`);
            await page.screenshot({ path: path.join(ART, 'hover.png') });
            await page.mouse.move(5, 400);
            return text.slice(0, 200);
        });

        let before;
        let after;
        await step('run from the code lens shows the CLI\'s numbers', async () => {
            await openFile('funnel.journey');
            const lens = page.locator('.codelens-decoration a', { hasText: 'Run' }).first();
            await lens.waitFor({ timeout: 60000 });
            await lens.click();
            const frame = webviewFrame(page);
            await frame.locator('#stage-table tr.stage').first().waitFor({ timeout: 90000 });
            const expected = cliReport(ROOT, path.join(WS, 'funnel.journey'), path.join(WS, 'journey.sqlite'));
            before = await tableOf(frame);
            const want = expected.stages.map(s => ({ name: s.name, count: s.count }));
            assert(JSON.stringify(before) === JSON.stringify(want), `webview ${JSON.stringify(before)} != CLI ${JSON.stringify(want)}`);
            await frame.locator('#funnel-chart canvas').waitFor({ timeout: 30000 });
            await page.screenshot({ path: path.join(ART, 'report-light.png') });
            return before;
        });

        await step('saving an edit refreshes the report', async () => {
            await page.locator('.monaco-editor .view-lines').first().click();
            await gotoLine(4);
            await page.keyboard.press('Home');
            await page.keyboard.press('Shift+End');
            await page.keyboard.type('dates from 2026-01-01 to 2026-06-30');
            await page.keyboard.press('Control+S');
            const file = path.join(WS, 'funnel.journey');
            await waitFor(async () => fs.readFileSync(file, 'utf8').includes('dates from 2026-01-01') || undefined, 15000, () => 'the edit was not saved');
            const frame = webviewFrame(page);
            const expected = cliReport(ROOT, path.join(WS, 'funnel.journey'), path.join(WS, 'journey.sqlite'));
            const want = expected.stages.map(s => ({ name: s.name, count: s.count }));
            assert(JSON.stringify(want) !== JSON.stringify(before), 'the edit should change the numbers');
            after = await waitFor(async () => {
                const now = await tableOf(frame);
                return JSON.stringify(now) === JSON.stringify(want) ? now : undefined;
            }, 60000, () => 'the report did not change to the CLI\'s numbers after saving');
            return after;
        });

        await step('stage lines show count and conversion inline', async () => {
            // Decorations render as ::after content on spans of the line.
            const texts = await page.locator('.monaco-editor .view-lines span').evaluateAll(spans =>
                spans.map(span => getComputedStyle(span, '::after').content).filter(c => c && c !== 'none' && c !== 'normal'));
            const joined = texts.join(' | ');
            for (const stage of after.slice(1)) {
                assert(joined.includes(`${stage.count.toLocaleString('en-US')} objects`), `inline annotations should show ${stage.count} for ${stage.name}: ${joined}`);
            }
            return texts.slice(0, 4);
        });

        await step('export a static list from a stage', async () => {
            const frame = webviewFrame(page);
            const row = frame.locator('#stage-table tr.stage', { hasText: 'Submitted a form' });
            const expected = Number(await row.locator('td.n').first().getAttribute('data-value'));
            await row.locator('button[data-mode="reached"]').click();
            // The save dialog (code-server's simple dialog) proposes WS/<journey>-<stage>-reached.csv.
            const input = page.locator('.quick-input-widget input');
            await input.waitFor({ state: 'visible', timeout: 30000 });
            // The simple dialog fills in the folder first, then the proposed name.
            await waitFor(async () => /web-to-meeting-submitted-a-form-reached\.csv$/.test(await input.inputValue()) || undefined,
                15000, () => 'the save dialog did not propose web-to-meeting-submitted-a-form-reached.csv');
            await page.keyboard.press('Enter');
            const file = path.join(WS, 'web-to-meeting-submitted-a-form-reached.csv');
            await waitFor(async () => fs.existsSync(file) || undefined, 60000, () => `${file} was not written`);
            const lines = fs.readFileSync(file, 'utf8').trim().split(/\r?\n/);
            assert(lines[0] === 'object_id' && lines.length - 1 === expected, `list has ${lines.length - 1} rows, stage count ${expected}`);
            await page.locator('.notifications-toasts', { hasText: 'Wrote' }).first().waitFor({ timeout: 30000 });
            return { rows: lines.length - 1 };
        });

        const exportReport = async (format, file) => {
            await page.keyboard.press('Escape');
            await page.locator('.monaco-editor .view-lines').first().click();
            await page.keyboard.press('Control+Shift+P');
            await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: 15000 });
            await page.keyboard.type('Journey: Export Report');
            await page.locator('.quick-input-list .monaco-list-row[aria-label^="Journey: Export Report"]').first().click({ timeout: 15000 });
            await page.locator(`.quick-input-list .monaco-list-row[aria-label^="${format}"]`).first().click({ timeout: 15000 });
            const input = page.locator('.quick-input-widget input');
            await waitFor(async () => (await input.inputValue()).endsWith(file) || undefined, 15000, () => `the save dialog did not propose ${file}`);
            await page.keyboard.press('Enter');
            const target = path.join(WS, file);
            await waitFor(async () => (fs.existsSync(target) && fs.statSync(target).size > 0) || undefined, 30000, () => `${file} was not written`);
            return fs.readFileSync(target);
        };

        await step('export the funnel chart as PNG and the report as HTML', async () => {
            const png = await exportReport('PNG', 'web-to-meeting.png');
            assert(png.subarray(1, 4).toString() === 'PNG' && png.length > 2000, `not a PNG image (${png.length} bytes)`);
            const html = (await exportReport('HTML', 'funnel.html')).toString();
            for (const stage of after) assert(html.includes(stage.name), `the HTML report should name ${stage.name}`);
            assert(/<svg/.test(html), 'the HTML report should hold the chart');
            return { pngBytes: png.length, htmlBytes: html.length };
        });

        await step('breakdown, top events and paths are drawn with their tables', async () => {
            await openFile('rich.journey');
            const lens = page.locator('.codelens-decoration a', { hasText: 'Run' }).first();
            await lens.waitFor({ timeout: 60000 });
            await lens.click();
            await page.locator('.tab', { hasText: 'Report: rich.journey' }).first().waitFor({ timeout: 30000 });
            const frame = webviewFrame(page);
            const expected = cliReport(ROOT, path.join(WS, 'rich.journey'), path.join(WS, 'journey.sqlite'));
            await frame.locator('#stage-table[data-journey="Rich report"] tr.stage').first().waitFor({ timeout: 60000 });
            for (const kind of ['breakdown', 'top-events', 'paths']) {
                await frame.locator(`section.detail.${kind} canvas`).first().waitFor({ timeout: 30000 });
            }
            const breakdownRows = await frame.locator('table.breakdown-table tbody tr').count();
            const want = expected.stages[0].breakdown.rows.length + (expected.stages[0].breakdown.other.count > 0 ? 1 : 0);
            assert(breakdownRows === want, `breakdown table has ${breakdownRows} rows, the CLI ${want}`);
            const topEvents = await frame.locator('table.top-events-table tbody tr td:first-child').allInnerTexts();
            assert(JSON.stringify(topEvents) === JSON.stringify(expected.stages[2].topEvents.map(e => e.event)), `top events ${topEvents}`);
            const pathRows = await frame.locator('table.paths-table tbody tr').count();
            assert(pathRows === expected.stages[1].paths.rows.length, `paths table has ${pathRows} rows`);
            await page.screenshot({ path: path.join(ART, 'report-rich-light.png'), fullPage: true });
            const csp = consoleErrors.filter(t => /Content.Security.Policy|Refused to/i.test(t));
            assert(csp.length === 0, `CSP violations: ${csp.join(' | ')}`);
            return { breakdownRows, topEvents, pathRows };
        });

        await step('dark theme screenshot', async () => {
            // Focus the workbench (not the webview) before opening the command palette.
            await page.keyboard.press('Escape');
            await page.locator('.monaco-editor .view-lines').first().click();
            await page.keyboard.press('Control+Shift+P');
            await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: 15000 });
            await page.keyboard.type('Preferences: Color Theme');
            // Not "Browse Color Themes in Marketplace", which matches the same words.
            await page.locator('.quick-input-list .monaco-list-row[aria-label^="Preferences: Color Theme"]').first().click({ timeout: 15000 });
            await page.locator('.quick-input-list .monaco-list-row[aria-label^="Dark Modern"]').first().click({ timeout: 15000 });
            await page.waitForSelector('.monaco-workbench.vs-dark', { timeout: 30000 });
            const frame = webviewFrame(page);
            await waitFor(async () => (await frame.locator('body.vscode-dark').count()) > 0 || undefined, 30000, () => 'the page did not switch to dark');
            await frame.locator('#funnel-chart canvas').waitFor({ timeout: 30000 });
            await page.waitForTimeout(800);
            await page.screenshot({ path: path.join(ART, 'report-dark.png') });
        });

        await step('the report panel is restored after a reload', async () => {
            await page.reload({ waitUntil: 'domcontentloaded' });
            await page.waitForSelector('.monaco-workbench', { timeout: 90000 });
            const tab = page.locator('.tab', { hasText: 'Report: funnel.journey' }).first();
            await tab.waitFor({ timeout: 60000 });
            await tab.click();
            const frame = webviewFrame(page);
            const restored = await waitFor(async () => {
                const rows = await tableOf(frame);
                return JSON.stringify(rows) === JSON.stringify(after) ? rows : undefined;
            }, 60000, () => 'the restored panel did not show the report');
            return restored;
        });

        await step('a change of the store refreshes the report and the status bar', async () => {
            const csv = path.join(WS, 'new-visitors.csv');
            const rows = ['event_id,event_name,occurred_at,object_type,object_id'];
            for (let i = 0; i < 25; i++) rows.push(`e2e-${i},page_viewed,2026-03-0${1 + (i % 9)}T10:00:00Z,contact,e2e-contact-${i}`);
            fs.writeFileSync(csv, rows.join('\n') + '\n');
            execFileSync(process.execPath, [path.join(ROOT, 'bin', 'journey.cjs'), 'import', '--db', path.join(WS, 'journey.sqlite'), '--events', csv]);
            const expected = cliReport(ROOT, path.join(WS, 'funnel.journey'), path.join(WS, 'journey.sqlite'));
            const want = expected.stages.map(s => ({ name: s.name, count: s.count }));
            assert(want[0].count === after[0].count + 25, 'the import should add 25 visitors to the first stage');
            const frame = webviewFrame(page);
            const refreshed = await waitFor(async () => {
                const now = await tableOf(frame);
                return JSON.stringify(now) === JSON.stringify(want) ? now : undefined;
            }, 60000, () => 'the report did not refresh after the store changed');
            const total = storeEventCount(ROOT, path.join(WS, 'journey.sqlite')).toLocaleString('en-US');
            await page.locator('.statusbar-item', { hasText: `journey.sqlite · ${total} events` }).first().waitFor({ timeout: 30000 });
            return refreshed;
        });

        await step('importing a bad file names the file and line and leaves the store as it was', async () => {
            const csv = path.join(WS, 'bad-events.csv');
            fs.writeFileSync(csv, 'event_id,event_name,occurred_at,object_type,object_id\nb1,page_viewed,2026-03-01T10:00:00Z,contact,c1\nb2,page_viewed,yesterday,contact,c2\n');
            const before = storeEventCount(ROOT, path.join(WS, 'journey.sqlite'));
            await page.keyboard.press('Escape');
            await page.locator('.monaco-editor .view-lines').first().click();
            await page.keyboard.press('Control+Shift+P');
            const input = page.locator('.quick-input-widget input');
            await input.waitFor({ state: 'visible', timeout: 15000 });
            await page.keyboard.type('Journey: Import Events');
            await page.locator('.quick-input-list .monaco-list-row[aria-label^="Journey: Import Events into the Store"]').first().click({ timeout: 15000 });
            // code-server's simple open dialog: type the file's path and accept.
            await waitFor(async () => (await input.inputValue()).startsWith('/') || undefined, 15000, () => 'the open dialog did not appear');
            // The simple dialog can still be filling in its folder when we type: fill, check the value
            // stuck, accept, and try again when the table picker does not follow.
            const tablePick = page.locator('.quick-input-list .monaco-list-row[aria-label^="events"]').first();
            for (let attempt = 1; ; attempt++) {
                try {
                    await input.fill(csv);
                    await waitFor(async () => (await input.inputValue()) === csv || undefined, 5000, () => 'the path did not stay in the open dialog');
                    await page.keyboard.press('Enter');
                    await tablePick.waitFor({ timeout: 5000 });
                    break;
                } catch (error) {
                    if (attempt === 3) throw error;
                }
            }
            await tablePick.click({ timeout: 15000 });
            const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'bad-events.csv:3' }).first();
            await toast.waitFor({ timeout: 30000 });
            const text = (await toast.innerText()).replace(/\s+/g, ' ');
            assert(/occurred_at/.test(text), `the error should name the column: ${text}`);
            assert(storeEventCount(ROOT, path.join(WS, 'journey.sqlite')) === before, 'the store changed after a failed import');
            await page.screenshot({ path: path.join(ART, 'import-error.png') });
            return text.slice(0, 200);
        });
    } catch {
        // already logged and recorded by step()
    } finally {
        fs.writeFileSync(path.join(ART, 'results.json'), JSON.stringify(results, null, 2));
        await context.close();
        fs.rmSync(profile, { recursive: true, force: true });
        log(failed ? `${failed} step(s) failed` : `all ${results.length} steps passed`);
        process.exit(failed ? 1 : 0);
    }
}

main();
