/**
 * Output files are replaced atomically (temp file in the same folder, then
 * rename): a reader sees the old file or the whole new one, and a failed or
 * cancelled command leaves no half-written report behind.
 */
import path from 'node:path';
import { UserError } from './cli-io.js';
import { writeFileAtomically } from '../engine/write-file-atomically.js';

export function writeFileAtomic(target: string, content: string | Uint8Array): void {
    const dir = path.dirname(path.resolve(target));
    try {
        writeFileAtomically(target, content);
    } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === 'ENOENT') throw new UserError(`cannot write ${target}: the folder ${dir} does not exist`);
        if (code === 'EACCES' || code === 'EPERM') throw new UserError(`cannot write ${target}: permission denied`);
        if (code === 'EISDIR') throw new UserError(`cannot write ${target}: it is a folder`);
        throw error;
    }
}
