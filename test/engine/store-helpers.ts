// Shared by the store, import and sample tests: temp folders and file hashes.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function tempDir(prefix = 'journey-store-'): { dir: string; file: (name: string) => string; remove: () => void } {
    const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
    return { dir, file: name => path.join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** sha256 of a file, or 'absent' — "byte-for-byte as before" includes "still does not exist". */
export function fileHash(file: string): string {
    if (!existsSync(file)) return 'absent';
    return createHash('sha256').update(readFileSync(file)).digest('hex');
}

export const FIXTURES = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'fixtures', 'import');
