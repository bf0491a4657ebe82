/**
 * Replacing a file so that readers see the old content or the new, never a
 * mix: a temp file in the same folder, written in full and fsynced, renamed
 * over the target, then the folder fsynced. The one implementation behind
 * stores, reports, exports and snapshots; callers turn its errors into their
 * own messages.
 */
import { closeSync, fsyncSync, openSync, readdirSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';

export function writeFileAtomically(target: string, content: string | Uint8Array): void {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const dir = path.dirname(path.resolve(target));
    const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${Date.now().toString(36)}.tmp`);
    removeAbandonedTemps(dir, path.basename(target));
    let fd: number | undefined;
    try {
        fd = openSync(temp, 'wx');
        // Chunked: a single write of more than 2 GiB is refused by Node.
        let offset = 0;
        while (offset < bytes.length) offset += writeSync(fd, bytes, offset, Math.min(bytes.length - offset, 1 << 26));
        fsyncSync(fd);
        closeSync(fd);
        fd = undefined;
        renameSync(temp, target);
    } catch (error) {
        if (fd !== undefined) closeSync(fd);
        try { unlinkSync(temp); } catch { /* never created */ }
        throw error;
    }
    // Make the rename itself durable; some file systems refuse fsync on a folder, which is harmless.
    try {
        const dirFd = openSync(dir, 'r');
        try { fsyncSync(dirFd); } finally { closeSync(dirFd); }
    } catch { /* best effort */ }
}

/** Temp files of writers that died mid-write (killed, power loss) are garbage: remove those whose process is gone. */
function removeAbandonedTemps(dir: string, base: string): void {
    let names: string[];
    try { names = readdirSync(dir); } catch { return; }
    const prefix = `.${base}.`;
    for (const name of names) {
        if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
        const pid = Number(name.slice(prefix.length).split('.')[0]);
        if (!Number.isInteger(pid) || pid === process.pid) continue;
        try {
            process.kill(pid, 0);
        } catch (error) {
            if ((error as NodeJS.ErrnoException).code === 'ESRCH') { try { unlinkSync(path.join(dir, name)); } catch { /* raced */ } }
        }
    }
}
