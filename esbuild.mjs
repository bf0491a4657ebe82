// One build for everything that ships: the extension and the language server
// as CommonJS for Node (VS Code 1.100's extension host), the CLI likewise, and
// the report page for the browser. sql.js's wasm is copied beside the bundles.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const node = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: !production,
    minify: production,
    logLevel: 'warning',
    // Native or optional engines load at run time from node_modules.
    external: ['vscode', '@duckdb/node-api', 'chdb', 'canvas'],
    // vega-canvas's Node build probes for the optional 'canvas' package with a
    // top-level await, which CommonJS output cannot hold; without 'canvas' it
    // returns null exactly like its browser build, so use that one.
    alias: { 'vega-canvas': './node_modules/vega-canvas/build/vega-canvas.browser.js' },
    // Let bundled ESM code use import.meta.url under CommonJS.
    define: { 'import.meta.url': 'importMetaUrl' },
    banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
};

const builds = [
    { ...node, entryPoints: { extension: 'extension/src/extension.ts' }, outdir: 'out', outExtension: { '.js': '.cjs' } },
    { ...node, entryPoints: { server: 'language-server/main.ts' }, outdir: 'out', outExtension: { '.js': '.cjs' } },
    { ...node, entryPoints: { cli: 'cli/main.ts' }, outdir: 'out', outExtension: { '.js': '.cjs' } },
    // `journey import` parses big files in this worker while the main thread inserts.
    { ...node, entryPoints: { 'import-worker': 'engine/import/parse-worker.ts' }, outdir: 'out', outExtension: { '.js': '.cjs' } },
    {
        bundle: true, platform: 'browser', format: 'iife', target: 'es2022',
        sourcemap: !production, minify: production, logLevel: 'warning',
        entryPoints: { webview: 'extension/webview/main.ts', compare: 'extension/webview/compare/main.ts' }, outdir: 'out',
    },
];

// `npm run bench` adds the benchmark's own entries (not shipped).
if (process.argv.includes('--bench')) {
    builds.push({ ...node, entryPoints: { bench: 'bench/bench.ts', 'bench-child': 'bench/bench-child.ts', 'engine-bench': 'bench/engine-bench.ts', 'scale-bench': 'bench/scale-bench.ts' }, outdir: 'out', outExtension: { '.js': '.cjs' } });
}

mkdirSync('out', { recursive: true });
copyFileSync('node_modules/sql.js/dist/sql-wasm.wasm', 'out/sql-wasm.wasm');

if (watch) {
    for (const options of builds) await (await esbuild.context(options)).watch();
} else {
    await Promise.all(builds.map(options => esbuild.build(options)));
}
