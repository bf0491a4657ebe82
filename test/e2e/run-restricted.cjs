// Restricted Mode: with workspace trust on and the folder not trusted, the
// language features still work but no journey runs and no store is opened,
// and the user is told why. Started by scripts/e2e.sh (env: CS_URL, ROOT, ART).
const path = require('node:path');
const fs = require('node:fs');
const { webviewFrame, launchBrowser } = require('./e2e-helpers.cjs');

const { CS_URL, ART } = process.env;
const t0 = Date.now();
const log = (...a) => console.log(`[restricted ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);

(async () => {
    const { context, page, profile } = await launchBrowser(process.env.ROOT);
    let ok = false;
    try {
        await page.goto(CS_URL, { waitUntil: 'domcontentloaded', timeout: 60000 });
        await page.waitForSelector('.monaco-workbench', { timeout: 90000 });
        // The trust dialog: answer "No, I don't trust the authors".
        const distrust = page.locator('.monaco-dialog-box .monaco-button', { hasText: /don.t trust/i }).first();
        await distrust.click({ timeout: 60000 });
        log('chose Restricted Mode');
        await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'funnel.journey' }).first().click({ timeout: 60000 });
        await page.locator('.statusbar-item', { hasText: 'Journey: restricted' }).first().waitFor({ timeout: 60000 });
        log('status bar says restricted');
        const lens = page.locator('.codelens-decoration a', { hasText: 'Run' }).first();
        await lens.click({ timeout: 60000 });
        const message = webviewFrame(page).locator('#run-error');
        await message.waitFor({ timeout: 60000 });
        const text = await message.innerText();
        if (!/Restricted Mode/.test(text)) throw new Error(`the panel should say why nothing runs: ${text}`);
        // No report was drawn, so no numbers came from the store.
        const rows = await webviewFrame(page).locator('#stage-table tr.stage').count();
        if (rows !== 0) throw new Error('a report was shown in Restricted Mode');
        await page.screenshot({ path: path.join(ART, 'restricted-mode.png') });
        log('PASS', text);
        ok = true;
    } catch (error) {
        log('FAIL', String(error && error.stack || error).slice(0, 1500));
        await page.screenshot({ path: path.join(ART, 'fail-restricted-mode.png') }).catch(() => {});
    } finally {
        await context.close();
        fs.rmSync(profile, { recursive: true, force: true });
        process.exit(ok ? 0 : 1);
    }
})();
