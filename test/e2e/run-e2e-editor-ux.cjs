// The editor-ux end-to-end checks (issues 8 and 9), in the same code-server
// session as run-e2e.cjs: guided creation, the preview filters (and writing
// the dates into the file), Pathfinder to stages as a quick fix, and
// "Compare with Previous Version" with a delta read from the compare page.
// Every number is checked against `journey run` on the same file and store.
// Started by scripts/e2e.sh (env: CS_URL, WS, ROOT, ART).
const path = require('node:path');
const fs = require('node:fs');
const os = require('node:os');
const { execFileSync } = require('node:child_process');
const { webviewFrame, cliReport, tableOf, waitFor, launchBrowser } = require('./e2e-helpers.cjs');

const { CS_URL, WS, ROOT, ART } = process.env;
const STORE = path.join(WS, 'journey.sqlite');
const t0 = Date.now();
const log = (...a) => console.log(`[editor-ux ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
const assert = (condition, message) => { if (!condition) throw new Error(message); };
const counts = report => report.stages.map(s => ({ name: s.name, count: s.count }));
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** `journey run` on a text (written to a temporary file beside the others). */
function cliReportOf(text) {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ux-cli-')), 'x.journey');
    fs.writeFileSync(file, text);
    return cliReport(ROOT, file, STORE);
}

function eventCount(name) {
    return Number(execFileSync(process.execPath, ['-e', `
        const initSqlJs = require(${JSON.stringify(path.join(ROOT, 'node_modules/sql.js'))});
        initSqlJs().then(SQL => { const db = new SQL.Database(require('fs').readFileSync(${JSON.stringify(STORE)}));
        console.log(db.exec("select count(*) from events where event_name = '${name}'")[0].values[0][0]); });`]).toString().trim());
}

const FILTERS = `journey "UX filters" {
    source contacts
    dates from 2025-01-01 to 2026-06-30

    stage "Viewed a page" {
        event page_viewed breakdown by url_path top 5
    }

    stage "Booked a meeting" {
        event meeting_booked
        paths before depth 2 top 3
    }
}
`;

const REVIEW_OLD = `journey "Review" {
    source contacts
    dates from 2025-01-01 to 2026-06-30

    stage "Viewed a page" {
        event page_viewed
    }

    stage "Booked a meeting" {
        event meeting_booked
    }
}
`;
const REVIEW_NEW = REVIEW_OLD.replace('dates from 2025-01-01 to 2026-06-30', 'dates from 2026-01-01 to 2026-06-30');

function prepareFiles() {
    fs.writeFileSync(path.join(WS, 'ux-filters.journey'), FILTERS);
    // A small git repository inside the workspace: the committed version is REVIEW_OLD, the file on disk REVIEW_NEW.
    const repo = path.join(WS, 'review');
    fs.mkdirSync(repo, { recursive: true });
    const env = { ...process.env, GIT_AUTHOR_NAME: 'E2E', GIT_AUTHOR_EMAIL: 'e2e@example.com', GIT_COMMITTER_NAME: 'E2E', GIT_COMMITTER_EMAIL: 'e2e@example.com' };
    const git = (...args) => execFileSync('git', args, { cwd: repo, env, stdio: 'pipe' });
    fs.writeFileSync(path.join(repo, 'review.journey'), REVIEW_OLD);
    git('init', '-q');
    git('add', 'review.journey');
    git('commit', '-q', '-m', 'first review journey');
    fs.writeFileSync(path.join(repo, 'review.journey'), REVIEW_NEW);
    // Not in git: the other side of a plain diff editor (File: Compare Active File With...).
    fs.writeFileSync(path.join(WS, 'review-old.journey'), REVIEW_OLD);
}

async function main() {
    prepareFiles();
    const { context, page, profile } = await launchBrowser(process.env.ROOT);
    page.on('pageerror', e => log('PAGEERROR', e.message));
    let failed = 0;
    const step = async (name, fn) => {
        const start = Date.now();
        try {
            const detail = await fn();
            log('PASS', name, `${Date.now() - start}ms`, detail === undefined ? '' : JSON.stringify(detail).slice(0, 300));
        } catch (error) {
            failed++;
            log('FAIL', name, String(error && error.stack || error).slice(0, 1500));
            await page.screenshot({ path: path.join(ART, `fail-ux-${name.replace(/\W+/g, '-')}.png`) }).catch(() => {});
            throw error;
        }
    };
    const quickInput = page.locator('.quick-input-widget input');
    const focusEditor = async () => {
        await page.keyboard.press('Escape');
        await page.locator('.monaco-editor .view-lines').first().click();
    };
    const command = async title => {
        await page.keyboard.press('Control+Shift+P');
        await quickInput.waitFor({ state: 'visible', timeout: 15000 });
        await page.keyboard.type(title);
        const row = page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${title}$`) }) });
        await row.first().click({ timeout: 15000 });
    };
    const pick = async text => page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first().click({ timeout: 30000 });
    const quickOpen = async name => {
        await page.keyboard.press('Control+P');
        await quickInput.waitFor({ state: 'visible', timeout: 15000 });
        await page.keyboard.type(name);
        await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().click({ timeout: 15000 });
        await page.locator(`.tab.active[data-resource-name="${name}"]`).first().waitFor({ timeout: 30000 });
    };
    const gotoLine = async line => {
        await page.keyboard.press('Control+G');
        await quickInput.waitFor({ state: 'visible', timeout: 10000 });
        await page.keyboard.type(String(line));
        await page.keyboard.press('Enter');
    };
    const saveDialog = async name => {
        await waitFor(async () => (await quickInput.inputValue()).endsWith(name) || undefined, 15000, () => `the save dialog did not propose ${name}`);
        await page.keyboard.press('Enter');
    };
    const waitTable = async (want, what) => waitFor(async () => {
        const now = await tableOf(webviewFrame(page));
        return same(now, want) ? now : undefined;
    }, 60000, () => `${what}: the report did not show ${JSON.stringify(want)}`);

    try {
        await step('workbench opens with the extension', async () => {
            await page.goto(CS_URL, { waitUntil: 'domcontentloaded', timeout: 60000 });
            await page.waitForSelector('.monaco-workbench', { timeout: 90000 });
            await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'ux-filters.journey' }).waitFor({ timeout: 60000 });
            await quickOpen('ux-filters.journey');
            await page.waitForFunction(() => /Journey/.test(document.querySelector('#status\\.editor\\.mode')?.textContent || ''), null, { timeout: 60000 });
        });

        await step('guided creation: source, first event with its count, a valid file, cursor where the next stage goes', async () => {
            await focusEditor();
            await command('Journey: New Journey');
            await pick('contacts');
            const expected = eventCount('page_viewed').toLocaleString('en-US');
            const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'page_viewed' }).first();
            await row.waitFor({ timeout: 30000 });
            const rowText = (await row.innerText()).replace(/\s+/g, ' ');
            assert(rowText.includes(`${expected} events`), `the event pick should show page_viewed's ${expected} events: ${rowText}`);
            const offered = await page.locator('.quick-input-list .monaco-list-row .label-name').allInnerTexts();
            assert(!offered.some(t => /deal_|ticket_/.test(t)), `a contacts journey should not offer deal or ticket events: ${offered}`);
            await row.click();
            await quickInput.waitFor({ state: 'visible', timeout: 15000 });
            await quickInput.fill('UX guided');
            await page.keyboard.press('Enter');
            await saveDialog('ux-guided.journey');
            const file = path.join(WS, 'ux-guided.journey');
            const text = await waitFor(async () => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined), 30000, () => 'ux-guided.journey was not written');
            const want = 'journey "UX guided" {\n    source contacts\n    dates last 12 months\n\n    stage "Page viewed" {\n        event page_viewed\n    }\n}\n';
            assert(text === want, `the new file should be ${JSON.stringify(want)}, is ${JSON.stringify(text)}`);
            const check = execFileSync(process.execPath, [path.join(ROOT, 'bin', 'journey.cjs'), 'check', file]).toString();
            await page.locator('.tab.active', { hasText: 'ux-guided.journey' }).waitFor({ timeout: 30000 });
            const position = page.locator('#status\\.editor\\.selection');
            await waitFor(async () => /Ln 9, Col 5/.test(await position.innerText()) || undefined, 15000, async () => 'the cursor is not on line 9, column 5');
            await page.screenshot({ path: path.join(ART, 'guided-new-journey.png') });
            return { check: check.trim().slice(0, 80) };
        });

        let base;
        await step('preview filters: a date range narrows the report without editing the file', async () => {
            await quickOpen('ux-filters.journey');
            const lens = page.locator('.codelens-decoration a', { hasText: 'Run' }).first();
            await lens.waitFor({ timeout: 60000 });
            await lens.click();
            base = await waitTable(counts(cliReport(ROOT, path.join(WS, 'ux-filters.journey'), STORE)), 'first run');
            const frame = webviewFrame(page);
            await frame.locator('#filter-from').fill('2026-01-01');
            await frame.locator('#filter-to').fill('2026-03-31');
            await frame.locator('button[data-filter-action="apply"]').click();
            const want = counts(cliReportOf(FILTERS.replace('dates from 2025-01-01 to 2026-06-30', 'dates from 2026-01-01 to 2026-03-31')));
            assert(!same(want, base), 'the date range should change the numbers');
            const shown = await waitTable(want, 'date filter');
            await frame.locator('#active-filter').waitFor({ timeout: 10000 });
            assert(fs.readFileSync(path.join(WS, 'ux-filters.journey'), 'utf8') === FILTERS, 'the filter must not edit the file');
            return shown;
        });

        await step('preview filters: a breakdown value narrows the report', async () => {
            const frame = webviewFrame(page);
            const options = await frame.locator('#filter-breakdown option').evaluateAll(os => os.map(o => ({ value: o.value, label: o.textContent })));
            const chosen = options[1];
            assert(chosen && chosen.value, `the breakdown select should list values: ${JSON.stringify(options)}`);
            await frame.locator('#filter-breakdown').selectOption(chosen.value);
            await frame.locator('button[data-filter-action="apply"]').click();
            const { value } = JSON.parse(chosen.value);
            const narrowed = FILTERS.replace('dates from 2025-01-01 to 2026-06-30', 'dates from 2026-01-01 to 2026-03-31')
                .replace('event page_viewed breakdown', `event page_viewed where url_path = ${JSON.stringify(value)} breakdown`);
            const want = counts(cliReportOf(narrowed));
            const shown = await waitTable(want, 'breakdown filter');
            await page.screenshot({ path: path.join(ART, 'preview-filters.png') });
            return { value, shown };
        });

        await step('"Write dates into the file" keeps the range as the dates line', async () => {
            const frame = webviewFrame(page);
            await frame.locator('button[data-filter-action="clear"]').click();
            await waitTable(base, 'cleared filters');
            await frame.locator('#filter-from').fill('2026-01-01');
            await frame.locator('#filter-to').fill('2026-03-31');
            await frame.locator('button[data-filter-action="writeDates"]').click();
            const file = path.join(WS, 'ux-filters.journey');
            const want = FILTERS.replace('dates from 2025-01-01 to 2026-06-30', 'dates from 2026-01-01 to 2026-03-31');
            await waitFor(async () => fs.readFileSync(file, 'utf8') === want || undefined, 30000, () => `the file should now read ${JSON.stringify(want)}: ${JSON.stringify(fs.readFileSync(file, 'utf8'))}`);
            return waitTable(counts(cliReport(ROOT, file, STORE)), 'after writing the dates');
        });

        await step('Pathfinder to stages: a quick fix on the paths line inserts the row as stages', async () => {
            const file = path.join(WS, 'ux-filters.journey');
            const report = cliReport(ROOT, file, STORE);
            const row = report.stages[1].paths.rows[0];
            assert(row && row.events.length, 'the paths stage should have rows');
            await focusEditor();
            await quickOpen('ux-filters.journey');
            await page.locator('.monaco-editor .view-lines').first().click();
            await gotoLine(11);
            await page.keyboard.press('End');
            await page.keyboard.press('Control+.');
            const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'Pathfinder #1' }).first();
            await fix.waitFor({ timeout: 30000 });
            // The action list takes keys, not clicks (a pointer block covers it): move to the fix, then Enter.
            await waitFor(async () => {
                if (/\bfocused\b/.test(await fix.getAttribute('class'))) return true;
                await page.keyboard.press('ArrowDown');
                return undefined;
            }, 10000, () => 'could not move to the Pathfinder fix');
            await page.keyboard.press('Enter');
            await page.keyboard.press('Control+S');
            const names = row.events.map(e => e.replace(/_/g, ' ').replace(/^./, c => c.toUpperCase()));
            const text = await waitFor(async () => {
                const now = fs.readFileSync(file, 'utf8');
                return now.includes(`stage "${names[0]}"`) ? now : undefined;
            }, 30000, () => `the file did not get the stages ${names}: ${fs.readFileSync(file, 'utf8')}`);
            const stages = [...text.matchAll(/stage "([^"]+)"/g)].map(m => m[1]);
            const want = ['Viewed a page', ...names.map((n, i) => (names.indexOf(n) < i || n === 'Viewed a page' ? `${n} (2)` : n)), 'Booked a meeting'];
            assert(same(stages, want), `stages ${JSON.stringify(stages)} should be ${JSON.stringify(want)}`);
            const fmt = execFileSync(process.execPath, [path.join(ROOT, 'bin', 'journey.cjs'), 'fmt', '--check', file]).toString();
            const shown = await waitTable(counts(cliReport(ROOT, file, STORE)), 'after the Pathfinder stages');
            return { row: row.events, stages, shown, fmt: fmt.trim().slice(0, 60) };
        });

        await step('Pathfinder to stages from a row of the report page', async () => {
            const file = path.join(WS, 'ux-filters.journey');
            const beforeText = fs.readFileSync(file, 'utf8');
            const report = cliReport(ROOT, file, STORE);
            const stage = report.stages.find(s => s.paths);
            const row = stage.paths.rows[0];
            const frame = webviewFrame(page);
            const button = frame.locator(`table.paths-table button[data-path-action="addStages"][data-row="0"]`);
            await button.waitFor({ timeout: 30000 });
            await button.click();
            const text = await waitFor(async () => {
                const now = fs.readFileSync(file, 'utf8');
                return now !== beforeText ? now : undefined;
            }, 30000, () => 'the file did not change after "Add before"');
            const stages = [...text.matchAll(/stage "([^"]+)"/g)].map(m => m[1]);
            const at = stages.indexOf(stage.name);
            assert(at >= row.events.length, `the new stages should sit before "${stage.name}": ${stages}`);
            const added = stages.slice(at - row.events.length, at).map(n => n.replace(/ \(\d+\)$/, ''));
            const want = row.events.map(e => e.replace(/_/g, ' ').replace(/^./, c => c.toUpperCase()));
            assert(same(added, want), `stages before "${stage.name}" should be ${want}, are ${added}`);
            execFileSync(process.execPath, [path.join(ROOT, 'bin', 'journey.cjs'), 'fmt', '--check', file]);
            const shown = await waitTable(counts(cliReport(ROOT, file, STORE)), 'after "Add before"');
            return { row: row.events, stages, shown };
        });

        await step('new journey from a sample: templates with their stages, a formatted file opened', async () => {
            await focusEditor();
            await command('Journey: New Journey from a Sample');
            const item = page.locator('.quick-input-list .monaco-list-row', { hasText: 'ticket-journey' }).first();
            await item.waitFor({ timeout: 30000 });
            const detail = (await item.innerText()).replace(/\s+/g, ' ');
            assert(/Ticket opened → Ticket closed/.test(detail), `the sample's stages should be previewed: ${detail}`);
            const rows = await page.locator('.quick-input-list .monaco-list-row').count();
            assert(rows >= 6, `at least six samples should be offered, found ${rows}`);
            await item.click();
            await saveDialog('ticket-journey.journey');
            const file = path.join(WS, 'ticket-journey.journey');
            await waitFor(async () => fs.existsSync(file) || undefined, 30000, () => 'ticket-journey.journey was not written');
            await page.locator('.tab.active[data-resource-name="ticket-journey.journey"]').first().waitFor({ timeout: 30000 });
            execFileSync(process.execPath, [path.join(ROOT, 'bin', 'journey.cjs'), 'fmt', '--check', file]);
            const report = cliReport(ROOT, file, STORE);
            assert(report.stages.every(s => s.count > 0), `every stage should count objects: ${JSON.stringify(counts(report))}`);
            return counts(report);
        });

        await step('compare with the previous version: the report pair and a delta from the page', async () => {
            await focusEditor();
            await quickOpen('review.journey');
            await page.locator('.monaco-editor .view-lines').first().click();
            await command('Journey: Compare with Previous Version');
            await pick('HEAD');
            await page.locator('.tab', { hasText: 'Compare: review.journey' }).first().waitFor({ timeout: 30000 });
            const frame = webviewFrame(page);
            const table = frame.locator('#compare-table');
            await table.waitFor({ timeout: 90000 });
            const [before, after] = [cliReportOf(REVIEW_OLD), cliReportOf(REVIEW_NEW)];
            const cell = frame.locator('#compare-table tr.compare-stage[data-stage="Viewed a page"] td.count-delta');
            const delta = Number(await cell.getAttribute('data-value'));
            const want = after.stages[0].count - before.stages[0].count;
            assert(delta === want, `the page shows a delta of ${delta}, the CLI ${want}`);
            assert(/down|up|same/.test(await cell.getAttribute('class')), 'the delta should be highlighted');
            const sides = await frame.locator('.compare-side table.stage-table').count();
            assert(sides === 2, `both reports should be shown, found ${sides}`);
            const beforeCount = Number(await frame.locator('table.before-table tr.stage[data-stage="Viewed a page"] td.n').first().getAttribute('data-value'));
            assert(beforeCount === before.stages[0].count, `before side shows ${beforeCount}, the CLI ${before.stages[0].count}`);
            const changes = await frame.locator('ul.changes li').allInnerTexts();
            assert(changes.some(c => c.includes('dates: from 2025-01-01 to 2026-06-30 → from 2026-01-01 to 2026-06-30')), `the change in words: ${changes}`);
            await page.screenshot({ path: path.join(ART, 'compare-versions.png') });
            return { delta, changes };
        });

        await step('in a diff editor of a journey file, a code lens compares both sides', async () => {
            await page.keyboard.press('Escape');
            await quickOpen('review.journey');
            await page.locator('.monaco-editor .view-lines').first().click();
            await command('File: Compare Active File With...');
            await quickInput.waitFor({ state: 'visible', timeout: 15000 });
            await page.keyboard.type('review-old.journey');
            await pick('review-old.journey');
            await page.locator('.monaco-diff-editor').first().waitFor({ timeout: 30000 });
            // The newer (modified) side's lens: the original side's one can sit under the modified editor's margin.
            const lens = page.locator('.monaco-diff-editor .editor.modified .codelens-decoration a', { hasText: 'Compare reports of both sides' }).first();
            await lens.waitFor({ timeout: 30000 });
            await lens.click();
            const frame = webviewFrame(page);
            // The lens on the diff's newer side (review-old.journey) compares the older side (review.journey) with it.
            const title = frame.locator('h1', { hasText: 'review.journey → review-old.journey' });
            await title.waitFor({ timeout: 90000 });
            const [before, after] = [cliReportOf(REVIEW_OLD), cliReportOf(REVIEW_NEW)];
            const cell = frame.locator('#compare-table tr.compare-stage[data-stage="Viewed a page"] td.count-delta');
            const delta = Number(await cell.getAttribute('data-value'));
            const want = after.stages[0].count - before.stages[0].count;
            assert(Math.abs(delta) === Math.abs(want) && want !== 0, `the lens comparison shows a delta of ${delta}, the CLI ±${want}`);
            await page.screenshot({ path: path.join(ART, 'compare-diff-lens.png') });
            return { title: await title.innerText(), delta };
        });

        await step('the Get Started walkthrough lists its steps', async () => {
            await page.keyboard.press('Escape');
            await command('Welcome: Open Walkthrough...');
            await pick('Get started with Journey Analytics');
            const steps = page.locator('.gettingStartedContainer .getting-started-step');
            await page.locator('.gettingStartedContainer', { hasText: 'Create the sample store' }).first().waitFor({ timeout: 30000 });
            const titles = await page.locator('.gettingStartedContainer .getting-started-step .step-title').allInnerTexts();
            for (const title of ['Create the sample store', 'Open a sample journey', 'Run it', 'Read the report', 'Change a stage']) {
                assert(titles.some(t => t.includes(title)), `the walkthrough should have the step "${title}": ${titles}`);
            }
            await page.screenshot({ path: path.join(ART, 'walkthrough.png') });
            return { steps: await steps.count() };
        });
    } catch {
        // logged by step
    } finally {
        await context.close();
        fs.rmSync(profile, { recursive: true, force: true });
    }
    log(failed ? `${failed} step(s) failed` : 'all editor-ux steps passed');
    process.exit(failed ? 1 : 0);
}

main().catch(error => { console.error(error); process.exit(1); });
