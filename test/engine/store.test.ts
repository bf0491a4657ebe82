import { closeSync, existsSync, ftruncateSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSqlJs } from '../../engine/stores/sqljs/sqljs-loader.js';
import { createStore, lendWhole, openStore, saveStore } from '../../engine/stores/sqljs/store.js';
import { acquireStoreLock, lockPathOf } from '../../engine/stores/sqljs/store-lock.js';
import { STORE_SCHEMA_SQL } from '../../engine/stores/sqljs/schema.js';
import { fileHash, tempDir } from './store-helpers.js';

let tmp = tempDir();
afterEach(() => { tmp.remove(); tmp = tempDir(); });

async function writeDatabase(file: string, sql: string): Promise<void> {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    db.exec(sql);
    writeFileSync(file, db.export());
    db.close();
}

async function savedStoreWithOneEvent(file: string): Promise<void> {
    const store = await createStore(file);
    store.db.run("INSERT INTO events (event_id, event_name, occurred_at, object_type, object_id) VALUES ('e1', 'page_viewed', 1, 'contact', 'c1')");
    saveStore(store);
    store.close();
}

describe('createStore / saveStore / openStore', () => {
    it('round-trips a store through the file and leaves no temp or lock files behind', async () => {
        const file = tmp.file('s.sqlite');
        await savedStoreWithOneEvent(file);
        expect(readdirSync(tmp.dir)).toEqual(['s.sqlite']);
        const store = await openStore(file);
        expect(store.db.exec('SELECT event_id FROM events')[0].values).toEqual([['e1']]);
        expect(store.writable).toBe(false);
        expect(() => saveStore(store)).toThrow(/read-only/);
        store.close();
    });

    it('removes temp files abandoned by dead writers when saving, and keeps live ones', async () => {
        const file = tmp.file('t.sqlite');
        writeFileSync(tmp.file('.t.sqlite.4194305.abc.tmp'), 'half a store');
        writeFileSync(tmp.file(`.t.sqlite.${process.ppid}.abc.tmp`), 'a live writer');
        await savedStoreWithOneEvent(file);
        expect(readdirSync(tmp.dir).sort()).toEqual([`.t.sqlite.${process.ppid}.abc.tmp`, 't.sqlite']);
    });

    it('does not write the file until saveStore, and a missing store opens only with create', async () => {
        const file = tmp.file('new.sqlite');
        await expect(openStore(file)).rejects.toThrow(`the store ${file} does not exist`);
        const store = await openStore(file, { write: true, create: true });
        expect(existsSync(file)).toBe(false);
        store.close();
        expect(existsSync(file)).toBe(false);
        expect(existsSync(lockPathOf(file))).toBe(false);
    });

    it('accepts a store written by another tool with exactly the contract tables', async () => {
        const file = tmp.file('other.sqlite');
        await writeDatabase(file, STORE_SCHEMA_SQL);
        const store = await openStore(file);
        store.close();
    });
});

describe('lendWhole', () => {
    it('hands over its whole buffer for a whole slice (no second copy, room to grow) and copies any other slice', () => {
        const backing = new Uint8Array([1, 2, 3, 4, 0, 0, 0, 0]);
        const bytes = lendWhole(backing.subarray(0, 4));
        const whole = bytes.slice(0, 4);
        expect(whole.buffer).toBe(backing.buffer);
        expect(whole.length).toBe(8);
        expect(bytes.slice().length).toBe(8);
        const part = bytes.slice(1, 3);
        expect([...part]).toEqual([2, 3]);
        part[0] = 9;
        expect(backing[1]).toBe(2);
    });

    it('stores opened or created with reserved room read and save exactly like others', async () => {
        const plain = tmp.file('plain.sqlite');
        const roomy = tmp.file('roomy.sqlite');
        for (const [file, reserveBytes] of [[plain, 0], [roomy, 8 << 20]] as const) {
            const store = await createStore(file, { reserveBytes });
            store.db.run("INSERT INTO events (event_id, event_name, occurred_at, object_type, object_id) VALUES ('e1', 'x', 1, 'contact', 'c1')");
            saveStore(store);
            store.close();
            const again = await openStore(file, { write: true, reserveBytes });
            for (let i = 0; i < 3000; i++) again.db.run('INSERT INTO events (event_id, event_name, occurred_at, anonymous_id, properties) VALUES (?, ?, ?, ?, ?)', [`r${i}`, 'page_viewed', i, 'a', JSON.stringify({ pad: 'x'.repeat(200) })]);
            saveStore(again);
            again.close();
        }
        expect(fileHash(roomy)).toBe(fileHash(plain));
        const reopened = await openStore(roomy);
        expect(reopened.db.exec('SELECT count(*) FROM events')[0].values[0][0]).toBe(3001);
        reopened.close();
    });
});

describe('the schema check', () => {
    it('names the file, the table and the missing column in one error', async () => {
        const file = tmp.file('bad.sqlite');
        await writeDatabase(file, STORE_SCHEMA_SQL.replace('occurred_at  INTEGER NOT NULL,', ''));
        await expect(openStore(file)).rejects.toThrow(`the store ${file} is not a journey store: table 'events' has no column 'occurred_at'`);
    });

    it('names a missing table, and every missing piece at once', async () => {
        const file = tmp.file('bad2.sqlite');
        const sql = STORE_SCHEMA_SQL.replace(/CREATE TABLE identities \([^;]*\);/, '').replace('description        TEXT', 'notes TEXT');
        await writeDatabase(file, sql);
        const error = await openStore(file).then(() => new Error('opened'), (e: Error) => e);
        expect(error.message).toContain(file);
        expect(error.message).toContain("table 'identities' is missing");
        expect(error.message).toContain("table 'event_types' has no column 'description'");
    });
});

describe('files that are not stores give a clear error, never a crash', () => {
    it('a zero-byte file', async () => {
        const file = tmp.file('empty.sqlite');
        writeFileSync(file, '');
        await expect(openStore(file)).rejects.toThrow(`the store ${file} is empty (0 bytes), not a SQLite database`);
    });

    it('a text file', async () => {
        const file = tmp.file('notes.sqlite');
        writeFileSync(file, 'event_id,event_name\n'.repeat(100));
        await expect(openStore(file)).rejects.toThrow(`the store ${file} is not a SQLite database`);
    });

    it('a truncated store', async () => {
        const file = tmp.file('cut.sqlite');
        await savedStoreWithOneEvent(file);
        const whole = readFileSync(file);
        for (const size of [50, 4096 + 100, whole.length - 1]) {
            writeFileSync(file, whole.subarray(0, size));
            await expect(openStore(file)).rejects.toThrow(new RegExp(`the store ${file} is (not a SQLite database|truncated)`));
        }
    });

    it('a file too big for sql.js names the engine to use instead (checked before reading it)', async () => {
        const file = tmp.file('huge.sqlite');
        const fd = openSync(file, 'w');
        ftruncateSync(fd, 2 ** 32 + 4096); // sparse: takes no disk space
        closeSync(fd);
        await expect(openStore(file)).rejects.toThrow(`the store ${file} is 4.0 GiB, more than the sql.js engine can hold (4 GiB); copy it into DuckDB`);
    });

    it('a folder', async () => {
        await expect(openStore(tmp.dir)).rejects.toThrow(/is a folder/);
    });
});

describe('the lock file', () => {
    it('makes a second writer wait until the first closes', async () => {
        const file = tmp.file('locked.sqlite');
        await savedStoreWithOneEvent(file);
        const first = await openStore(file, { write: true });
        let waitedFor = '';
        const second = openStore(file, { write: true, onWait: holder => { waitedFor = holder; } });
        await new Promise(resolve => setTimeout(resolve, 300));
        expect(waitedFor).toContain(`process ${process.pid}`);
        first.db.run("INSERT INTO events (event_id, event_name, occurred_at, object_type, object_id) VALUES ('e2', 'page_viewed', 2, 'contact', 'c1')");
        saveStore(first);
        first.close();
        const store = await second;
        // The second writer starts from the first one's saved result.
        expect(store.db.exec('SELECT count(*) FROM events')[0].values[0][0]).toBe(2);
        store.close();
    });

    it('fails clearly when the holder does not let go in time', async () => {
        const file = tmp.file('busy.sqlite');
        const lock = await acquireStoreLock(file);
        await expect(acquireStoreLock(file, { timeoutMs: 200 })).rejects.toThrow(`the store ${file} is locked by process ${process.pid} on ${os.hostname()}`);
        lock.release();
        (await acquireStoreLock(file, { timeoutMs: 200 })).release();
    });

    it('takes over the lock of a process that died', async () => {
        const file = tmp.file('stale.sqlite');
        // No process has pid 2^22+1 on Linux (pid_max is at most 2^22).
        writeFileSync(lockPathOf(file), JSON.stringify({ pid: 4194305, host: os.hostname(), since: 'then' }));
        const lock = await acquireStoreLock(file, { timeoutMs: 200 });
        expect(JSON.parse(readFileSync(lockPathOf(file), 'utf8')).pid).toBe(process.pid);
        lock.release();
        expect(existsSync(lockPathOf(file))).toBe(false);
    });

    it('a failed open releases the lock and leaves the file untouched', async () => {
        const file = tmp.file('zero.sqlite');
        writeFileSync(file, '');
        const before = fileHash(file);
        await expect(openStore(file, { write: true })).rejects.toThrow(/empty/);
        expect(existsSync(lockPathOf(file))).toBe(false);
        expect(fileHash(file)).toBe(before);
    });
});
