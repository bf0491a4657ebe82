// `npm run test:vscode`: a smoke suite in a real VS Code downloaded by
// @vscode/test-electron. Needs the VS Code update server (not reachable on the
// CI machine, where test/e2e runs the packaged extension in code-server instead).
const path = require('node:path');
const fs = require('node:fs');
const os = require('node:os');
const { execFileSync } = require('node:child_process');
const { runTests } = require('@vscode/test-electron');

async function main() {
    const root = path.resolve(__dirname, '..', '..');
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'journey-vscode-'));
    // The same workspace the code-server suite uses: examples, two journeys, a sample store.
    execFileSync(process.execPath, [path.join(root, 'test', 'e2e', 'make-workspace.cjs'), root, workspace], { stdio: 'inherit' });
    try {
        await runTests({
            version: process.env.VSCODE_VERSION || '1.100.3',
            extensionDevelopmentPath: root,
            extensionTestsPath: path.join(__dirname, 'suite.cjs'),
            extensionTestsEnv: { JOURNEY_ROOT: root, JOURNEY_WS: workspace },
            launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome'],
        });
    } catch (error) {
        console.error(`The VS Code smoke suite failed: ${error && error.message || error}`);
        process.exitCode = 1;
    } finally {
        fs.rmSync(workspace, { recursive: true, force: true });
    }
}

main();
