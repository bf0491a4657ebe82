// Helpers of the e2e suite: the report webview's frame, its stage table, the
// CLI's report for the same file and store, and polling.
const path = require('node:path');
const { execFileSync } = require('node:child_process');

/** code-server nests a webview's page in iframe.webview > iframe#active-frame; hidden panels keep theirs, so take the visible one. */
function webviewFrame(page) {
    return page.frameLocator('iframe.webview.ready:visible').frameLocator('iframe#active-frame');
}

/** Stage names and counts as the webview's table shows them. */
async function tableOf(frame) {
    return frame.locator('#stage-table tr.stage').evaluateAll(rows => rows.map(row => ({
        name: row.getAttribute('data-stage'),
        count: Number(row.querySelector('td.n').getAttribute('data-value')),
    })));
}

/** `journey run --format json` on the same file and store (the extension's settings fix today). */
function cliReport(root, file, store) {
    const out = execFileSync(process.execPath, [path.join(root, 'bin', 'journey.cjs'), 'run', file, '--db', store,
        '--format', 'json', '--today', '2026-06-30']).toString();
    return JSON.parse(out);
}

/** Events in the store file, counted with sql.js (independently of the extension). */
function storeEventCount(root, store) {
    return Number(execFileSync(process.execPath, ['-e', `
        const initSqlJs = require(${JSON.stringify(path.join(root, 'node_modules/sql.js'))});
        initSqlJs().then(SQL => { const db = new SQL.Database(require('fs').readFileSync(${JSON.stringify(store)}));
        console.log(db.exec('select count(*) from events')[0].values[0][0]); });`]).toString().trim());
}

async function waitFor(probe, timeoutMs, describe) {
    const end = Date.now() + timeoutMs;
    let last;
    while (Date.now() < end) {
        try {
            const value = await probe();
            if (value !== undefined) return value;
        } catch (error) {
            last = error;
        }
        await new Promise(resolve => setTimeout(resolve, 300));
    }
    throw new Error(`${describe()}${last ? ` (${last.message})` : ''}`);
}

/**
 * Debian's chromium through playwright-core, in a fresh profile; the flags keep it off this
 * machine's closed network. playwright refuses --user-data-dir in args: launchPersistentContext
 * passes the profile itself. Returns the context, its first page and the profile folder to remove.
 */
async function launchBrowser(root) {
    const os = require('node:os');
    const fs = require('node:fs');
    const { chromium } = require(path.join(root, 'node_modules', 'playwright-core'));
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-chrome-'));
    const context = await chromium.launchPersistentContext(profile, {
        executablePath: '/usr/bin/chromium', headless: true, viewport: { width: 1500, height: 950 },
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
            '--disable-component-update', '--disable-sync'],
    });
    const page = context.pages()[0] || await context.newPage();
    return { context, page, profile };
}

module.exports = { webviewFrame, tableOf, cliReport, storeEventCount, waitFor, launchBrowser };
