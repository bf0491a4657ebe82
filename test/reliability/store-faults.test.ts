/**
 * Store faults through `journey run` (issue 7): every broken, foreign or
 * hostile store gives one clear error naming the store, or the correct report
 * (the reference matcher's, on the rows as the semantics read them) — never a
 * crash, a hang or unbounded memory.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { memoryIO } from '../../cli/cli-io.js';
import { runCommand } from '../../cli/commands/run.js';
import type { JourneyReport } from '../../engine/report.js';
import { tempDir } from '../engine/store-helpers.js';
import { referenceReport } from '../reference/reference-matcher.js';
import type { StoreData } from '../reference/store-data.js';
import { cleanData, FAULT_JOURNEY, LOOSE_SCHEMA_SQL, planOf, TODAY, writeFaultStore } from './fault-stores.js';

const tmp = tempDir('journey-faults-');
let counter = 0;
beforeAll(() => writeFileSync(tmp.file('faults.journey'), FAULT_JOURNEY));
afterAll(() => tmp.remove());

type Outcome = { ok: true; report: JourneyReport } | { ok: false; message: string };

async function run(store: string): Promise<Outcome> {
    const io = memoryIO(tmp.dir);
    try {
        const code = await runCommand.run(['faults.journey', '--db', store, '--format', 'json', '--today', TODAY], io);
        expect(code).toBe(0);
        return { ok: true, report: JSON.parse(io.out) as JourneyReport };
    } catch (error) {
        // The CLI prints these as one sentence; any other error (a bare SQLite Error, a TypeError) is a crash
        // whose message names neither the store nor a reason the user can act on.
        expect(['UserError', 'StoreError', 'CatalogError'], `a crash, not a clear error: ${(error as Error)?.stack}`).toContain((error as Error)?.name);
        return { ok: false, message: (error as Error).message };
    }
}

async function expected(data: StoreData) {
    return referenceReport(data, await planOf(FAULT_JOURNEY));
}

function expectOneClearError(outcome: Outcome, store: string, reason: RegExp): void {
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.message).toContain(store);
    expect(outcome.message).toMatch(reason);
    expect(outcome.message).not.toMatch(/\n/);
}

/** A clear error, or exactly the report the reference gives on `data`. */
async function expectErrorOrReport(outcome: Outcome, store: string, data: StoreData): Promise<void> {
    if (!outcome.ok) {
        expect(outcome.message).toContain(store);
        expect(outcome.message).not.toMatch(/\n/);
        return;
    }
    const { elapsedMs, ...report } = outcome.report;
    expect(elapsedMs).toBeGreaterThanOrEqual(0);
    expect(report).toEqual(await expected(data));
}

async function faultStore(afterSql: string, data = cleanData(), ddl?: string): Promise<string> {
    const name = `s${counter++}.sqlite`;
    await writeFaultStore(tmp.file(name), data, afterSql, ddl);
    return name;
}

describe('files that are not journey stores', () => {
    test('the clean store gives the reference report (the baseline every fault is compared with)', async () => {
        const store = await faultStore('');
        const outcome = await run(store);
        expect(outcome.ok).toBe(true);
        await expectErrorOrReport(outcome, store, cleanData());
        if (outcome.ok) expect(outcome.report.entered).toBeGreaterThan(10);
    });

    test('a zero-byte file', async () => {
        writeFileSync(tmp.file('zero.sqlite'), '');
        expectOneClearError(await run('zero.sqlite'), 'zero.sqlite', /empty/);
    });

    test('a non-SQLite file (text, PNG header, random bytes)', async () => {
        writeFileSync(tmp.file('text.sqlite'), 'event_id,event_name\ne1,page_viewed\n'.repeat(200));
        expectOneClearError(await run('text.sqlite'), 'text.sqlite', /not a SQLite database/);
        writeFileSync(tmp.file('png.sqlite'), Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(5000, 7)]));
        expectOneClearError(await run('png.sqlite'), 'png.sqlite', /not a SQLite database/);
    });

    test('truncated at many points', async () => {
        const whole = readFileSync(tmp.file(await faultStore('')));
        for (const size of [1, 16, 99, 100, 512, 4096, whole.length - 4096, whole.length - 1]) {
            if (size <= 0 || size >= whole.length) continue;
            writeFileSync(tmp.file('cut.sqlite'), whole.subarray(0, size));
            expectOneClearError(await run('cut.sqlite'), 'cut.sqlite', /not a SQLite database|truncated|cannot be opened|damaged|malformed|corrupt/);
        }
    });

    test('corrupted pages (garbage written over the middle of the file)', async () => {
        const whole = readFileSync(tmp.file(await faultStore('')));
        let seed = 7;
        const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
        for (let trial = 0; trial < 12; trial++) {
            const bytes = Buffer.from(whole);
            const start = 100 + Math.floor(random() * (bytes.length - 600));
            for (let i = 0; i < 256; i++) bytes[start + i] = Math.floor(random() * 256);
            writeFileSync(tmp.file('bad.sqlite'), bytes);
            const outcome = await run('bad.sqlite');
            // Garbage in a page SQLite never reads for this journey can leave the numbers intact.
            await expectErrorOrReport(outcome, 'bad.sqlite', cleanData());
        }
    });
});

describe('stores with the wrong shape', () => {
    test('a missing table, a missing column', async () => {
        expectOneClearError(await run(await faultStore('DROP TABLE identities;')), 's', /table 'identities' is missing/);
        const noColumn = await faultStore('ALTER TABLE events DROP COLUMN anonymous_id;');
        expectOneClearError(await run(noColumn), noColumn, /table 'events' has no column 'anonymous_id'/);
    });

    test('a table replaced by a view or a column of the wrong declared type still gives the report', async () => {
        const store = await faultStore('CREATE TABLE ev2 AS SELECT * FROM events; DROP TABLE events; CREATE VIEW events AS SELECT * FROM ev2;');
        await expectErrorOrReport(await run(store), store, cleanData());
    });
});

describe('rows the schema or the contract forbids', () => {
    test('wrong types: text times, numeric ids and names, blob properties', async () => {
        const faults = [
            "INSERT INTO events VALUES ('w1', 'page_viewed', 'yesterday', 'contact', 'c1', NULL, '{\"url_path\":\"/pricing\"}');",
            "INSERT INTO events VALUES ('w2', 'page_viewed', 1.5e400, 'contact', 'c2', NULL, '{}');",
            "INSERT INTO events VALUES (42, 4242, 1767225600000, 'contact', 99, NULL, '{}');",
            "INSERT INTO events VALUES ('w3', 'form_submitted', 1767225600000, 'contact', x'00ff', NULL, x'7b7d');",
            "INSERT INTO events VALUES ('w4', 'page_viewed', 1767225600000, 'contact', 'c5', NULL, 17);",
            "INSERT INTO event_types VALUES ('noise', 'web_pages', 'contact', 'yes', 12);",
            "INSERT INTO objects VALUES ('contact', 'c1x', 'long ago', '[1,2]');",
        ];
        for (const fault of faults) {
            const store = await faultStore(fault);
            const outcome = await run(store);
            // These rows are unusable (a time that is not a number) or belong to no counted object: either the
            // store is refused with a reason, or the report is exactly the clean one.
            await expectErrorOrReport(outcome, store, cleanData());
        }
    });

    test('NULLs where the schema forbids them (a store made without the constraints)', async () => {
        const faults = [
            "INSERT INTO events VALUES (NULL, 'page_viewed', 1767225600000, 'contact', 'c1', NULL, '{}');",
            "INSERT INTO events VALUES ('n1', NULL, 1767225600000, 'contact', 'c1', NULL, '{}');",
            "INSERT INTO events VALUES ('n2', 'page_viewed', NULL, 'contact', 'c1', NULL, '{}');",
            "INSERT INTO events VALUES ('n3', 'page_viewed', 1767225600000, 'contact', 'c1', NULL, NULL);",
            "INSERT INTO events VALUES ('n4', 'page_viewed', 1767225600000, NULL, NULL, NULL, '{}');",
            "INSERT INTO identities VALUES (NULL, NULL);",
            "INSERT INTO associations VALUES (NULL, 'x', NULL, NULL);",
            "INSERT INTO event_types VALUES (NULL, NULL, NULL, NULL, NULL);",
            "INSERT INTO objects VALUES (NULL, NULL, NULL, NULL);",
        ];
        for (const fault of faults) {
            const store = await faultStore(fault, cleanData(), LOOSE_SCHEMA_SQL);
            const outcome = await run(store);
            // 'n3' (NULL properties) is a real page view of c1 with no properties: it fails the url_path filter.
            await expectErrorOrReport(outcome, store, cleanData());
        }
    });
});

describe('hostile property values', () => {
    test('malformed JSON properties read as no properties', async () => {
        const data = cleanData();
        // c0 (on /pricing) gets its page view's properties broken: it no longer passes `url_path starts with "/p"`.
        const broken = ['{"url_path": "/pricing"', 'not json', '[]', '"/pricing"', '{"url_path": "/p", "url_path":', 'null'];
        for (const text of broken) {
            const faulty = cleanData();
            faulty.events.find(e => e.event_id === 'v0')!.properties = text;
            const store = `m${counter++}.sqlite`;
            await writeFaultStore(tmp.file(store), faulty);
            const asRead = cleanData();
            asRead.events.find(e => e.event_id === 'v0')!.properties = '{}';
            const outcome = await run(store);
            await expectErrorOrReport(outcome, store, asRead);
            void data;
        }
    });

    test('huge properties: a 5 MB string value and a deeply nested value', async () => {
        const faulty = cleanData();
        const huge = 'x'.repeat(5 * 1024 * 1024);
        faulty.events.find(e => e.event_id === 'v1')!.properties = JSON.stringify({ url_path: `/p${huge}` });
        faulty.events.find(e => e.event_id === 'v4')!.properties = `{"url_path":"/pricing","deep":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
        const store = `h${counter++}.sqlite`;
        await writeFaultStore(tmp.file(store), faulty);
        const outcome = await run(store);
        await expectErrorOrReport(outcome, store, faulty);
    }, 120_000);

    test('text that is not UTF-8 in names, ids and properties', async () => {
        // CAST of invalid UTF-8 bytes to TEXT: what a tool writing Latin-1 leaves behind.
        const store = await faultStore(`
            INSERT INTO events VALUES ('u1', CAST(x'706167655f766965776564ff' AS TEXT), 1767225600000, 'contact', 'c1', NULL, '{}');
            INSERT INTO events VALUES ('u2', 'page_viewed', 1767225600000, 'contact', CAST(x'63ff' AS TEXT), NULL, CAST(x'7b2275726c5f70617468223a222f70e9227d' AS TEXT));
            UPDATE objects SET properties = CAST(x'7b226c6966656379636c657374616765223a226cff227d' AS TEXT) WHERE object_id = 'c2';`);
        const outcome = await run(store);
        // u1's name is not page_viewed; u2 belongs to an object 'c\uFFFD' with a url_path starting "/p".
        if (outcome.ok) {
            expect(outcome.report.stages[0].count).toBe((await expected(cleanData())).stages[0].count + 1);
        } else {
            expect(outcome.message).toContain(store);
        }
    });
});

describe('scale faults', () => {
    test('a million distinct event names: a correct report in bounded memory', async () => {
        const data = cleanData();
        const store = await faultStore(`
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000)
            INSERT INTO events (event_id, event_name, occurred_at, object_type, object_id, properties)
            SELECT 'z' || i, 'custom_event_' || i, 1767225600000 + i, 'contact', 'c' || (i % 30), '{}' FROM n;`, data);
        const before = process.memoryUsage().rss;
        const outcome = await run(store);
        const grew = process.memoryUsage().rss - before;
        await expectErrorOrReport(outcome, store, data);
        expect(outcome.ok).toBe(true);
        // The store is ~60 MB on disk; a run may hold it and its columnar cache, not grow without bound.
        expect(grew).toBeLessThan(1.5 * 1024 ** 3);
    }, 180_000);
});
