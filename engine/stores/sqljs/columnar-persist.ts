/**
 * The columnar cache on disk, so that a cold `journey run` skips the
 * minutes-long build on big stores: a sidecar file `STORE.journey-cache`
 * beside the store, holding the event ranks, every built cache, and the event
 * filters and breakdown value indexes scanned so far, as raw typed arrays, valid only for the exact store file it was built from (its
 * size, modification time, inode and SQLite's file change counter). A store
 * written by any tool changes at least one of these, and the cache is rebuilt.
 * Failing to read or write the sidecar is never an error: it is only a cache.
 */
import { closeSync, fsyncSync, openSync, readFileSync, readSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import type { ColumnarEvents } from '../../matcher/columnar.js';
import { ranksFromRowids, type EventRanks } from './columnar-loader.js';
import type { LookupMemo } from './sqljs-lookups.js';

const MAGIC = 'JACACHE1';
const VERSION = 2;

export function cachePathOf(storePath: string): string {
    return `${storePath}.journey-cache`;
}

/** What identifies one state of a store file; undefined when it cannot be read. */
export function storeFingerprint(storePath: string): string | undefined {
    try {
        const stat = statSync(storePath);
        const header = Buffer.alloc(100);
        const fd = openSync(storePath, 'r');
        try { readSync(fd, header, 0, 100, 0); } finally { closeSync(fd); }
        // Bytes 24..27: SQLite's file change counter, bumped by every writing transaction.
        return `${stat.size}:${stat.mtimeMs}:${stat.ino}:${header.readUInt32BE(24)}`;
    } catch {
        return undefined;
    }
}

export interface PersistedCaches {
    ranks: EventRanks;
    columnar: Map<string, ColumnarEvents>;
    memo: LookupMemo;
}

interface Section { offset: number; length: number }
interface Header {
    version: number;
    fingerprint: string;
    eventNames: string[];
    rowidOfRank: Section;
    caches: { key: string; objectIds: string[]; objectStart: Section; code: Section; time: Section; rank: Section }[];
    filters: { key: string; bits: Section }[];
    /** `distinct[0]` is the missing value, written as null. */
    values: { key: string; distinct: unknown[]; valueIndex: Section }[];
}

export function readPersisted(cachePath: string, fingerprint: string): PersistedCaches | undefined {
    try {
        let bytes: Uint8Array = readFileSync(cachePath);
        if (bytes.byteOffset % 8 !== 0) bytes = new Uint8Array(bytes); // typed views need 8-byte alignment
        if (Buffer.from(bytes.buffer, bytes.byteOffset, 8).toString('latin1') !== MAGIC) return undefined;
        const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        const headerLength = view.getUint32(8, true);
        const header = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + 16, headerLength).toString('utf8')) as Header;
        if (header.version !== VERSION || header.fingerprint !== fingerprint) return undefined;
        const base = bytes.byteOffset;
        const f64 = (s: Section) => new Float64Array(bytes.buffer, base + s.offset, s.length);
        const i32 = (s: Section) => new Int32Array(bytes.buffer, base + s.offset, s.length);
        const u32 = (s: Section) => new Uint32Array(bytes.buffer, base + s.offset, s.length);
        const ranks = ranksFromRowids(header.eventNames, f64(header.rowidOfRank));
        const columnar = new Map<string, ColumnarEvents>();
        for (const c of header.caches) {
            columnar.set(c.key, {
                objectIds: c.objectIds, objectStart: i32(c.objectStart), code: i32(c.code), time: f64(c.time), rank: i32(c.rank),
                eventNames: header.eventNames, storeEventNames: header.eventNames,
            });
        }
        const memo: LookupMemo = {
            filters: new Map(header.filters.map(f => [f.key, u32(f.bits)])),
            values: new Map(header.values.map(v => [v.key, { distinct: [undefined, ...v.distinct.slice(1)], valueIndex: i32(v.valueIndex) }])),
        };
        return { ranks, columnar, memo };
    } catch {
        return undefined;
    }
}

/** Writes the sidecar atomically; returns false when it could not (read-only folder, full disk). */
export function writePersisted(
    cachePath: string, fingerprint: string, ranks: EventRanks, columnar: Map<string, ColumnarEvents>,
    memo: LookupMemo = { filters: new Map(), values: new Map() },
): boolean {
    const arrays: ArrayBufferView[] = [];
    let offset = 0; // relative to the start of the data area; fixed up below
    const section = (array: Float64Array | Int32Array | Uint32Array): Section => {
        arrays.push(array);
        const s = { offset, length: array.length };
        offset += align8(array.byteLength);
        return s;
    };
    const header: Header = {
        version: VERSION, fingerprint, eventNames: ranks.eventNames,
        rowidOfRank: section(ranks.rowidOfRank),
        caches: [...columnar].map(([key, c]) => ({
            key, objectIds: c.objectIds,
            objectStart: section(c.objectStart), code: section(c.code), time: section(c.time), rank: section(c.rank),
        })),
        filters: [...memo.filters].map(([key, bits]) => ({ key, bits: section(bits) })),
        values: [...memo.values].map(([key, v]) => ({ key, distinct: [null, ...v.distinct.slice(1)], valueIndex: section(v.valueIndex) })),
    };
    // The header's length depends on the offsets it holds, so the data area
    // starts after a header padded generously, and offsets are shifted once.
    const probe = Buffer.from(JSON.stringify(header), 'utf8');
    const sections = 1 + 4 * header.caches.length + header.filters.length + header.values.length;
    const dataStart = align8(16 + probe.length + 20 * sections + 64); // each shifted offset gains at most 20 digits
    const shift = (s: Section) => { s.offset += dataStart; };
    shift(header.rowidOfRank);
    for (const c of header.caches) [c.objectStart, c.code, c.time, c.rank].forEach(shift);
    for (const f of header.filters) shift(f.bits);
    for (const v of header.values) shift(v.valueIndex);
    const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
    if (16 + headerBytes.length > dataStart) return false;
    // Written section by section (no copy of the whole cache in memory: on a
    // 20M-event store that copy alone would be half a gigabyte), to a temp file
    // renamed over the old one, so readers see the old cache or the new one.
    const head = new Uint8Array(dataStart);
    head.set(Buffer.from(MAGIC, 'latin1'), 0);
    new DataView(head.buffer).setUint32(8, headerBytes.length, true);
    head.set(headerBytes, 16);
    const temp = `${cachePath}.${process.pid}.${Date.now().toString(36)}.tmp`;
    let fd: number | undefined;
    try {
        fd = openSync(temp, 'wx');
        writeAll(fd, head);
        const padding = new Uint8Array(8);
        for (const array of arrays) {
            writeAll(fd, new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
            const pad = align8(array.byteLength) - array.byteLength;
            if (pad > 0) writeAll(fd, padding.subarray(0, pad));
        }
        fsyncSync(fd);
        closeSync(fd);
        fd = undefined;
        renameSync(temp, cachePath);
        return true;
    } catch {
        if (fd !== undefined) closeSync(fd);
        try { unlinkSync(temp); } catch { /* never created */ }
        return false;
    }
}

function writeAll(fd: number, bytes: Uint8Array): void {
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, Math.min(bytes.length - offset, 1 << 26));
}

function align8(n: number): number {
    return (n + 7) & ~7;
}
