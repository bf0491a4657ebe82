/**
 * A store file opened with sql.js: checked on open (a clear error for an empty,
 * foreign, truncated or incomplete file), created with the schema of store.md,
 * and saved atomically (temp file in the same folder, fsync, rename) under a
 * lock file so concurrent writers never corrupt it.
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import type { Database } from 'sql.js';
import { loadSqlJs } from './sqljs-loader.js';
import { writeFileAtomically } from '../../write-file-atomically.js';
import { STORE_SCHEMA_SQL, STORE_TABLES } from './schema.js';
import { acquireStoreLock, type LockOptions, type StoreLock } from './store-lock.js';

export interface SqlJsStore {
    /** The store file's path as given. */
    readonly path: string;
    readonly db: Database;
    /** True when opened for writing (then the lock file is held until close()). */
    readonly writable: boolean;
    /** Frees the database and releases the lock; unsaved changes are dropped. */
    close(): void;
}

export interface OpenStoreOptions extends LockOptions {
    /** Take the store's lock (held until close()) so saveStore() may replace the file. */
    write?: boolean;
    /** With write: a missing file becomes a new empty store (written only by saveStore()). */
    create?: boolean;
    /**
     * Bytes the store is expected to grow by (an import's input size): sql.js's
     * in-memory file gets that much room up front instead of being regrown (and
     * copied) every 12.5%. Untouched room costs no memory.
     */
    reserveBytes?: number;
}

/** A store error the user can fix; the message names the file and the reason. */
export class StoreError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'StoreError';
    }
}

const SQLITE_HEADER = 'SQLite format 3\u0000';

export async function openStore(storePath: string, options: OpenStoreOptions = {}): Promise<SqlJsStore> {
    const SQL = await loadSqlJs();
    const lock = options.write ? await acquireStoreLock(storePath, options) : undefined;
    try {
        if (!existsSync(storePath)) {
            if (options.write && options.create) return wrap(storePath, newDatabase(SQL, options.reserveBytes ?? 0), lock);
            throw new StoreError(`the store ${storePath} does not exist`);
        }
        const bytes = readStoreBytes(storePath, options.reserveBytes ?? 0);
        let db: Database;
        try {
            db = new SQL.Database(lendWhole(bytes));
        } catch (error) {
            throw new StoreError(`the store ${storePath} cannot be opened: ${(error as Error).message}`);
        }
        try {
            checkSchema(db, storePath);
        } catch (error) {
            db.close();
            throw error;
        }
        return wrap(storePath, db, lock);
    } catch (error) {
        lock?.release();
        throw error;
    }
}

/** A new, empty store for `storePath` (locked); the file is replaced only by saveStore(). */
export async function createStore(storePath: string, options: LockOptions & { reserveBytes?: number } = {}): Promise<SqlJsStore> {
    const SQL = await loadSqlJs();
    const lock = await acquireStoreLock(storePath, options);
    return wrap(storePath, newDatabase(SQL, options.reserveBytes ?? 0), lock);
}

/** Writes the database to its file atomically: readers see the old file or the new one, never a mix. */
export function saveStore(store: SqlJsStore): void {
    if (!store.writable) throw new Error(`the store ${store.path} was opened read-only and cannot be saved`);
    writeStoreFile(store.path, store.db.export());
}

/** Writes store bytes atomically (see engine/write-file-atomically.ts), as a StoreError naming the file on failure. */
export function writeStoreFile(target: string, bytes: Uint8Array): void {
    try {
        writeFileAtomically(target, bytes);
    } catch (error) {
        throw new StoreError(`cannot write the store ${target}: ${(error as Error).message}`);
    }
}

/** An empty store; with room reserved, it is built as an image and reopened inside a bigger buffer. */
function newDatabase(SQL: Awaited<ReturnType<typeof loadSqlJs>>, reserveBytes: number): Database {
    const db = new SQL.Database();
    db.exec(STORE_SCHEMA_SQL);
    if (reserveBytes <= 0) return db;
    const image = db.export();
    db.close();
    const backing = new Uint8Array(Math.min(image.length + reserveBytes, SQLJS_MAX_BYTES));
    backing.set(image);
    return new SQL.Database(lendWhole(backing.subarray(0, image.length)));
}

function wrap(storePath: string, db: Database, lock: StoreLock | undefined): SqlJsStore {
    let closed = false;
    return {
        path: storePath,
        db,
        writable: lock !== undefined,
        close() {
            if (closed) return;
            closed = true;
            db.close();
            lock?.release();
        },
    };
}

/** Reads the file and refuses, with a reason, anything that is not a whole SQLite database. */
/** A store file's bytes, read in chunks (files over 2 GiB too), checked to be SQLite; StoreError names the file and reason. */
export function readStoreBytes(storePath: string, reserveBytes: number): Uint8Array {
    let size: number;
    try {
        const stat = statSync(storePath);
        if (stat.isDirectory()) throw new StoreError(`the store ${storePath} is a folder, not a SQLite file`);
        size = stat.size;
    } catch (error) {
        if (error instanceof StoreError) throw error;
        throw new StoreError(`cannot read the store ${storePath}: ${(error as Error).message}`);
    }
    if (size === 0) throw new StoreError(`the store ${storePath} is empty (0 bytes), not a SQLite database`);
    if (size > SQLJS_MAX_BYTES) {
        throw new StoreError(`the store ${storePath} is ${(size / 2 ** 30).toFixed(1)} GiB, more than the sql.js engine can hold (4 GiB); `
            + `copy it into DuckDB (journey import --db STORE.duckdb --store ${storePath}) and run with --engine duckdb`);
    }
    const bytes = readWhole(storePath, size, reserveBytes);
    checkHeader(bytes, storePath);
    return bytes;
}

/** sql.js keeps the database file in one typed array, which V8 caps at 4 GiB. */
export const SQLJS_MAX_BYTES = 2 ** 32 - 65536;

/**
 * sql.js copies the bytes it is given into its in-memory file with `bytes.slice(0, n)`.
 * For a whole-file slice this view hands over its whole buffer instead: opening a
 * 2.5 GB store then needs 2.5 GB, not 5, and room reserved after the file's bytes
 * becomes the file's room to grow (sql.js keeps the length it was given as the
 * file's size). Should sql.js stop calling slice, it simply copies again.
 */
export function lendWhole(view: Uint8Array): Uint8Array {
    const whole = view.length;
    Object.defineProperty(view, 'slice', {
        value(this: Uint8Array, start = 0, end = whole) {
            if (start === 0 && end === whole) return new Uint8Array(this.buffer, this.byteOffset, this.buffer.byteLength - this.byteOffset);
            return Uint8Array.prototype.slice.call(this, start, end);
        },
    });
    return view;
}

/** Reads in chunks (fs.readFileSync refuses files over 2 GiB) into a buffer with room to grow; returns the file's bytes. */
function readWhole(storePath: string, size: number, reserveBytes: number): Uint8Array {
    const backing = new Uint8Array(Math.max(size, Math.min(size + Math.max(0, reserveBytes), SQLJS_MAX_BYTES)));
    const fd = openSync(storePath, 'r');
    try {
        let offset = 0;
        while (offset < size) {
            const n = readSync(fd, backing, offset, Math.min(size - offset, 1 << 28), offset);
            if (n === 0) break;
            offset += n;
        }
        return backing.subarray(0, offset);
    } finally {
        closeSync(fd);
    }
}

/** Exported for tests: the header checks that catch foreign and truncated files before sql.js sees them. */
export function checkHeader(bytes: Uint8Array, storePath: string): void {
    const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 100));
    if (bytes.length < 100 || head.toString('latin1', 0, 16) !== SQLITE_HEADER) {
        throw new StoreError(`the store ${storePath} is not a SQLite database (its header is wrong)`);
    }
    // Page size: 2 bytes at 16, where 1 means 65536.
    const rawPageSize = head.readUInt16BE(16);
    const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
    if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) {
        throw new StoreError(`the store ${storePath} is damaged (invalid page size ${pageSize})`);
    }
    // The page count at 28 is valid when the change counter (24) equals version-valid-for (92).
    const pageCount = head.readUInt32BE(28);
    if (pageCount > 0 && head.readUInt32BE(24) === head.readUInt32BE(92) && bytes.length < pageCount * pageSize) {
        throw new StoreError(`the store ${storePath} is truncated (${bytes.length} bytes, but its header says ${pageCount * pageSize})`);
    }
    if (bytes.length % pageSize !== 0) {
        throw new StoreError(`the store ${storePath} is truncated or damaged (${bytes.length} bytes is not a whole number of ${pageSize}-byte pages)`);
    }
}

/** One error naming every missing table and column, so a user fixes them in one go. */
export function checkSchema(db: Database, storePath: string): void {
    const missing: string[] = [];
    try {
        for (const [table, columns] of Object.entries(STORE_TABLES)) {
            const result = db.exec(`PRAGMA table_info(${table})`);
            const present = new Set((result[0]?.values ?? []).map(row => String(row[1])));
            if (present.size === 0) { missing.push(`table '${table}' is missing`); continue; }
            const absent = columns.filter(column => !present.has(column));
            if (absent.length) missing.push(`table '${table}' has no column ${absent.map(c => `'${c}'`).join(', ')}`);
        }
        // Touch every table once so that a damaged file fails here, with the file's name, not mid-run.
        for (const table of Object.keys(STORE_TABLES)) if (!missing.some(m => m.includes(`'${table}'`))) db.exec(`SELECT 1 FROM ${table} LIMIT 1`);
    } catch (error) {
        throw new StoreError(`the store ${storePath} is damaged: ${(error as Error).message}`);
    }
    if (missing.length) throw new StoreError(`the store ${storePath} is not a journey store: ${missing.join('; ')}`);
}
