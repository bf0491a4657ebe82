/**
 * A lock file beside the store (`STORE.lock`) so that two processes writing
 * the same store never interleave: each takes the lock before reading the
 * store and releases it after the atomic save, so the second import starts
 * from the first one's result. A lock whose process is gone is taken over.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import os from 'node:os';

export interface StoreLock {
    readonly path: string;
    release(): void;
}

export interface LockOptions {
    /** How long to wait for another writer before failing (ms); default 120 s. */
    timeoutMs?: number;
    /** Called once when the lock is busy and we start waiting. */
    onWait?: (holder: string) => void;
    signal?: AbortSignal;
}

const held = new Set<string>();
let exitHookInstalled = false;

export function lockPathOf(storePath: string): string {
    return `${storePath}.lock`;
}

export async function acquireStoreLock(storePath: string, options: LockOptions = {}): Promise<StoreLock> {
    const lockPath = lockPathOf(storePath);
    const timeoutMs = options.timeoutMs ?? 120_000;
    const started = Date.now();
    let waited = false;
    for (;;) {
        options.signal?.throwIfAborted();
        if (tryCreate(lockPath)) return track(lockPath);
        const holder = readHolder(lockPath);
        if (holder && isStale(holder)) {
            // The holder died without releasing: remove its lock and try again at once.
            try { unlinkSync(lockPath); } catch { /* someone else took it over first */ }
            continue;
        }
        const who = holder ? `process ${holder.pid} on ${holder.host}` : 'another process';
        if (Date.now() - started >= timeoutMs) {
            throw new Error(`the store ${storePath} is locked by ${who} (its lock file is ${lockPath}); waited ${Math.round(timeoutMs / 1000)} s`);
        }
        if (!waited) { waited = true; options.onWait?.(who); }
        await new Promise(resolve => setTimeout(resolve, 50 + Math.random() * 100));
    }
}

interface Holder { pid: number; host: string }

function tryCreate(lockPath: string): boolean {
    let fd: number;
    try {
        fd = openSync(lockPath, 'wx');
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw new Error(`cannot create the lock file ${lockPath}: ${(error as Error).message}`);
    }
    try {
        writeSync(fd, JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date().toISOString() }));
    } finally {
        closeSync(fd);
    }
    return true;
}

function readHolder(lockPath: string): Holder | undefined {
    try {
        const parsed = JSON.parse(readFileSync(lockPath, 'utf8')) as Partial<Holder>;
        if (typeof parsed.pid === 'number' && typeof parsed.host === 'string') return { pid: parsed.pid, host: parsed.host };
    } catch {
        // being written right now, or vanished: treat as busy and look again
    }
    return undefined;
}

/** Stale only when we can tell for sure: same host and the process no longer exists. */
function isStale(holder: Holder): boolean {
    if (holder.host !== os.hostname()) return false;
    if (holder.pid === process.pid) return false;
    try {
        process.kill(holder.pid, 0);
        return false;
    } catch (error) {
        return (error as NodeJS.ErrnoException).code === 'ESRCH';
    }
}

function track(lockPath: string): StoreLock {
    held.add(lockPath);
    if (!exitHookInstalled) {
        exitHookInstalled = true;
        // A process that exits (even by an uncaught error) releases its locks.
        process.on('exit', () => { for (const p of held) { try { unlinkSync(p); } catch { /* gone */ } } });
    }
    let released = false;
    return {
        path: lockPath,
        release() {
            if (released) return;
            released = true;
            held.delete(lockPath);
            try { unlinkSync(lockPath); } catch { /* already gone */ }
        },
    };
}
