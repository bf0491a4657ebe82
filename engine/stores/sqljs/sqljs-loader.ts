/**
 * Loads sql.js once per process. The wasm ships beside the bundles
 * (out/sql-wasm.wasm, copied by esbuild.mjs); in tests it comes from node_modules.
 */
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

let loading: Promise<SqlJsStatic> | undefined;

export function loadSqlJs(): Promise<SqlJsStatic> {
    loading ??= initSqlJs({ locateFile: () => locateSqlWasm() });
    return loading;
}

export function locateSqlWasm(): string {
    const candidates: string[] = [];
    if (typeof __dirname === 'string') candidates.push(path.join(__dirname, 'sql-wasm.wasm'));
    try {
        const require = createRequire(import.meta.url);
        candidates.push(path.join(path.dirname(require.resolve('sql.js')), 'sql-wasm.wasm'));
    } catch {
        // not resolvable from here (bundled): the copy beside the bundle is used
    }
    const found = candidates.find(candidate => existsSync(candidate));
    if (!found) throw new Error(`sql.js's sql-wasm.wasm was not found (looked in ${candidates.join(', ')})`);
    return found;
}
