// Runs inside VS Code's extension host (loaded by @vscode/test-electron).
// Plain node:assert, no test framework: each check logs and the first failure rejects.
const assert = require('node:assert/strict');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const vscode = require('vscode');

const root = process.env.JOURNEY_ROOT;
const ws = process.env.JOURNEY_WS;

async function poll(probe, timeoutMs, what) {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
        const value = await probe();
        if (value) return value;
        await new Promise(resolve => setTimeout(resolve, 250));
    }
    throw new Error(`timed out waiting for ${what}`);
}

async function run() {
    const checks = [];
    const check = async (name, fn) => {
        await fn();
        checks.push(name);
        console.log(`  ✓ ${name}`);
    };
    const explore = vscode.Uri.file(path.join(ws, 'explore.journey'));
    const funnel = vscode.Uri.file(path.join(ws, 'funnel.journey'));

    await check('the extension activates on a .journey file', async () => {
        const document = await vscode.workspace.openTextDocument(explore);
        await vscode.window.showTextDocument(document);
        assert.equal(document.languageId, 'journey');
        const extension = vscode.extensions.getExtension('journey-analytics.journey-analytics');
        assert.ok(extension, 'extension not found');
        await poll(() => extension.isActive, 30000, 'activation');
    });

    await check('the broken line has a diagnostic', async () => {
        const diagnostics = await poll(() => {
            const found = vscode.languages.getDiagnostics(explore).filter(d => d.severity === vscode.DiagnosticSeverity.Error);
            return found.length ? found : undefined;
        }, 30000, 'diagnostics');
        assert.ok(diagnostics.some(d => d.range.start.line === 4), 'an error on line 5');
    });

    await check('completion offers event names from the store', async () => {
        const list = await poll(async () => {
            const result = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', explore, new vscode.Position(2, 14));
            return result && result.items.some(i => (typeof i.label === 'string' ? i.label : i.label.label) === 'meeting_booked') ? result : undefined;
        }, 30000, 'meeting_booked in completion');
        assert.ok(list.items.length > 1);
    });

    await check('hover describes an event', async () => {
        const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', explore, new vscode.Position(2, 18));
        const text = hovers.flatMap(h => h.contents.map(c => (typeof c === 'string' ? c : c.value))).join('\n');
        assert.match(text, /page_viewed/);
    });

    await check('Run Journey gives the CLI\'s numbers', async () => {
        const result = await vscode.commands.executeCommand('journey.run', funnel);
        assert.ok(result && !result.error, `run failed: ${result && result.error}`);
        const cli = JSON.parse(execFileSync(process.execPath, [path.join(root, 'bin', 'journey.cjs'), 'run', funnel.fsPath,
            '--db', path.join(ws, 'journey.sqlite'), '--format', 'json', '--today', '2026-06-30']).toString());
        assert.deepEqual(result.reports[0].stages.map(s => [s.name, s.count]), cli.stages.map(s => [s.name, s.count]));
    });

    console.log(`${checks.length} checks passed`);
}

module.exports = { run };
