/**
 * Output files are replaced atomically (temp file in the same folder, then
 * rename): a reader sees the old file or the whole new one, and a failed or
 * cancelled command leaves no half-written report behind.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { UserError } from './cli-io.js';

export function writeFileAtomic(target: string, content: string | Uint8Array): void {
    const dir = path.dirname(path.resolve(target));
    const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
    let fd: number | undefined;
    try {
        fd = openSync(temp, 'w');
        writeSync(fd, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
        fsyncSync(fd);
        closeSync(fd);
        fd = undefined;
        renameSync(temp, target);
    } catch (error) {
        if (fd !== undefined) closeSync(fd);
        rmSync(temp, { force: true });
        const code = (error as { code?: string }).code;
        if (code === 'ENOENT') throw new UserError(`cannot write ${target}: the folder ${dir} does not exist`);
        if (code === 'EACCES' || code === 'EPERM') throw new UserError(`cannot write ${target}: permission denied`);
        if (code === 'EISDIR') throw new UserError(`cannot write ${target}: it is a folder`);
        throw error;
    }
}
