/**
 * The ClickHouse clients and what the property tests do not reach: addresses
 * (clickhouse://, chdb://), error text of 18.16 and of current ClickHouse as
 * one sentence, the settings every request runs with, cancelling, the import
 * being all or nothing, hand-made tie and window cases — on every ClickHouse
 * target (chDB always, the 18.16 cluster when given) — and chDB's one folder
 * per process.
 */
import { existsSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JourneyPlan } from '../../engine/plan.js';
import { inferEngine, openEngine } from '../../engine/open-engine.js';
import { isClickHouseAddress, parseClickHouseAddress } from '../../engine/stores/clickhouse/clickhouse-address.js';
import { clickHouseErrorText } from '../../engine/stores/clickhouse/clickhouse-client.js';
import { openClickHouseEngine } from '../../engine/stores/clickhouse/clickhouse-engine.js';
import { parseJsonResult } from '../../engine/stores/clickhouse/clickhouse-http.js';
import { ClickHouseImportSink } from '../../engine/stores/clickhouse/clickhouse-import.js';
import { openClickHouseStore } from '../../engine/stores/clickhouse/clickhouse-store.js';
import { referenceReport } from '../reference/reference-matcher.js';
import { emptyStore, type StoreData } from '../reference/store-data.js';
import { CHDB_FOLDER, CLICKHOUSE_TARGETS, dropDatabase, withDatabase, type ClickHouseTarget } from './clickhouse-target.js';
import { ev, handMadeCases, journey, stage, T } from './hand-cases.js';
import { loadIntoSink } from './store-rows.js';

describe('ClickHouse addresses', () => {
    it('reads servers and chDB folders', () => {
        expect(parseClickHouseAddress('clickhouse://h:9/db?cluster=c')).toMatchObject({ kind: 'http', http: 'http://h:9', database: 'db', cluster: 'c' });
        expect(parseClickHouseAddress('chdb:///var/lib/journey/./data/journeys')).toMatchObject({ kind: 'chdb', folder: '/var/lib/journey/data', database: 'journeys' });
        expect(parseClickHouseAddress('CHDB:///d/j').kind).toBe('chdb');
        for (const bad of ['chdb://relative/db', 'chdb:///db', 'chdb:///f/db?cluster=c', 'chdb:///f/']) {
            expect(() => parseClickHouseAddress(bad), bad).toThrow(/not a chDB address \(expected chdb:\/\/\/ABSOLUTE\/FOLDER\/DATABASE/);
        }
        expect(() => parseClickHouseAddress('chdb:///f/no-dash')).toThrow(/only letters, digits and _/);
        expect(isClickHouseAddress('chdb:///f/d') && isClickHouseAddress('clickhouse://h/d') && !isClickHouseAddress('f.duckdb')).toBe(true);
        expect(inferEngine('chdb:///f/d')).toBe('clickhouse');
        expect(withDatabase('chdb:///f/old', 'new')).toBe('chdb:///f/new');
    });

    it('takes ClickHouse settings as options and sends them with every request, to every shard', async () => {
        expect(parseClickHouseAddress('clickhouse://h/db?max_threads=1&cluster=c&max_memory_usage=2e10')).toMatchObject({ cluster: 'c', settings: { max_threads: '1', max_memory_usage: '2e10' } });
        for (const bad of ['clickhouse://h/db?max_threads=1%3BDROP', 'clickhouse://h/db?Max-Threads=1', 'clickhouse://h/db?readonly=']) {
            expect(() => parseClickHouseAddress(bad), bad).toThrow(/is neither cluster, shards nor a ClickHouse setting/);
        }
        // Two fake shards that answer every request with no rows and keep the URLs they were sent.
        const seen: string[] = [];
        const servers = await Promise.all([0, 1].map(() => new Promise<Server>(resolve => {
            const server = createServer((request, response) => {
                seen.push(request.url ?? '');
                request.resume().on('end', () => response.end('{"data":[]}'));
            });
            server.listen(0, '127.0.0.1', () => resolve(server));
        })));
        try {
            const ports = servers.map(s => (s.address() as AddressInfo).port);
            const store = openClickHouseStore(`clickhouse://127.0.0.1:${ports[0]}/db?cluster=c&shards=127.0.0.1:${ports[0]},127.0.0.1:${ports[1]}&max_threads=3`);
            await store.client.query('SELECT 1');
            await store.onEveryShard('SELECT 2');
            expect(seen).toHaveLength(3);
            for (const url of seen) expect(new URLSearchParams(url.replace(/^[^?]*\?/, '')).get('max_threads')).toBe('3');
        } finally {
            for (const server of servers) server.close();
        }
    });

    it('a chdb:// address is refused by the other engines', async () => {
        await expect(openEngine('chdb:///f/d', 'duckdb')).rejects.toThrow(/is a ClickHouse address/);
    });
});

describe('ClickHouse error text', () => {
    it('is one sentence with the code, from 18.16, current servers and chDB alike', () => {
        expect(clickHouseErrorText('Code: 46, e.displayText() = DB::Exception: Unknown function nosuch, e.what() = DB::Exception\n'))
            .toBe('Unknown function nosuch [code 46]');
        expect(clickHouseErrorText('Code: 62. DB::Exception: Syntax error: failed at position 8 (end of query). (SYNTAX_ERROR) (version 24.8.4.13 (official build))\n'))
            .toBe('Syntax error: failed at position 8 (end of query). (SYNTAX_ERROR) [code 62]');
        expect(clickHouseErrorText('Query failed: Code: 60. DB::Exception: Unknown table expression identifier `d.t` in scope SELECT * FROM d.t. (UNKNOWN_TABLE)'))
            .toBe('Unknown table expression identifier `d.t` in scope SELECT * FROM d.t. (UNKNOWN_TABLE) [code 60]');
        expect(clickHouseErrorText('Bad Gateway\n<html>')).toBe('Bad Gateway');
    });

    it('an error written into a 200 answer is an error, not bad JSON', () => {
        expect(parseJsonResult('{"data":[{"n":1}]}', 'http://h:1')).toEqual([{ n: 1 }]);
        expect(() => parseJsonResult('{"meta":[],"data":[{"n":1},\nCode: 241, e.displayText() = DB::Exception: Memory limit exceeded, e.what() = DB::Exception\n', 'http://h:1'))
            .toThrow('ClickHouse at http://h:1 failed during the answer: Memory limit exceeded [code 241]');
        expect(() => parseJsonResult('{"meta":[],"data":[],"exception":"Code: 241. DB::Exception: Memory limit exceeded. (MEMORY_LIMIT_EXCEEDED) (version 25.3.1.1)"}', 'http://h:1'))
            .toThrow('failed during the answer: Memory limit exceeded. (MEMORY_LIMIT_EXCEEDED) [code 241]');
    });
});


describe.each(CLICKHOUSE_TARGETS.map(t => [t.name, t] as const))('ClickHouse on %s', (_name: string, target: ClickHouseTarget) => {
    const database = `journey_client_${process.pid}`;
    const url = () => target.url(database);
    beforeAll(() => target.setUp(19400), 300_000);
    afterAll(() => target.tearDown(database), 120_000);

    async function counts(store: StoreData, plan: JourneyPlan): Promise<number[]> {
        await dropDatabase(url());
        await loadIntoSink(store, new ClickHouseImportSink(url()));
        const engine = await openClickHouseEngine(url());
        try {
            const { elapsedMs: _, ...report } = await engine.run(plan);
            expect(report).toEqual(referenceReport(store, plan));
            return report.stages.map(s => s.count);
        } finally {
            await engine.close();
        }
    }

    it('runs with the settings the clients send: long queries, 64-bit integers as numbers', async () => {
        const { client } = openClickHouseStore(url());
        const long = 'x'.repeat(300_000); // beyond the default max_query_size (256 KiB)
        const [row] = await client.query(`SELECT length(${`'${long}'`}) AS n, toInt64(1735689600123) AS t`);
        expect(row).toEqual({ n: 300_000, t: 1735689600123 });
        // getSetting() is newer than 18.16; system.settings is in both.
        const setting = `SELECT value FROM system.settings WHERE name = 'max_threads'`;
        expect(await client.query(setting, { settings: { max_threads: 1 } })).toEqual([{ value: '1' }]);
        expect(await client.query(setting, { settings: { max_threads: 2 } })).toEqual([{ value: '2' }]);
    });

    it('a refused query is one sentence naming the client and the code', async () => {
        const { client } = openClickHouseStore(url());
        const error = await client.query('SELECT nosuch()').catch((e: Error) => e);
        expect(error).toMatchObject({ name: 'ClickHouseError' });
        expect((error as Error).message).toMatch(/^ClickHouse (\(chDB\) )?at \S+ refused the request: .*nosuch.* \[code 46\]$/);
    });

    it('a cancelled request is an AbortError', async () => {
        const { client } = openClickHouseStore(url());
        const controller = new AbortController();
        controller.abort();
        await expect(client.query('SELECT 1', { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
        await expect(client.query('SELECT 1 AS one')).resolves.toEqual([{ one: 1 }]);
    });

    handMadeCases(counts);

    it('imports all or nothing: a duplicate key names its row and leaves the store as it was', async () => {
        await dropDatabase(url());
        const store = emptyStore();
        store.events.push(ev('x', 'A', T), ev('x', 'B', T));
        await expect(loadIntoSink(store, new ClickHouseImportSink(url()))).rejects.toThrow(/events:2: event_id x appears twice/);
        const good = emptyStore();
        good.events.push(ev('x', 'A', T));
        await loadIntoSink(good, new ClickHouseImportSink(url()));
        await expect(loadIntoSink(good, new ClickHouseImportSink(url()))).rejects.toThrow(/events:1: event_id x is already in the store/);
        const late = emptyStore();
        late.events.push(ev('y', 'A', T, 'c2'));
        late.objects.push({ object_type: 'contact', object_id: 'c2', created_at: null, properties: '{}' }, { object_type: 'contact', object_id: 'c2', created_at: null, properties: '{}' });
        await expect(loadIntoSink(late, new ClickHouseImportSink(url()))).rejects.toThrow(/objects:2: object_type, object_id contact, c2 appears twice/);
        const engine = await openClickHouseEngine(url());
        try {
            expect((await engine.run(journey([stage('1', 'A')]))).entered).toBe(1);
        } finally {
            await engine.close();
        }
        const store2 = openClickHouseStore(url());
        const tables = await store2.client.query(`SELECT name FROM system.tables WHERE database = '${database}' AND name LIKE '%stage%'`);
        expect(tables).toEqual([]);
    });
});

describe('chDB: one folder per process', () => {
    const other = path.join(os.tmpdir(), `journey-chdb-other-${process.pid}`);
    afterAll(async () => {
        await CLICKHOUSE_TARGETS[0].tearDown('');
        rmSync(other, { recursive: true, force: true });
    });

    it('switches between folders, each with its own stores, even with requests of both in flight', async () => {
        const here = `chdb://${CHDB_FOLDER}/journey_here`;
        const there = `chdb://${other}/journey_there`;
        const one = emptyStore();
        one.events.push(ev('1', 'A', T));
        const two = emptyStore();
        two.events.push(ev('1', 'A', T), ev('2', 'A', T, 'c2'));
        await loadIntoSink(one, new ClickHouseImportSink(here));
        await loadIntoSink(two, new ClickHouseImportSink(there));
        const plan = journey([stage('1', 'A')]);
        const [a, b] = [await openClickHouseEngine(here), await openClickHouseEngine(there)];
        try {
            const entered = await Promise.all([a.run(plan), b.run(plan), a.run(plan), b.run(plan)]);
            expect(entered.map(r => r.entered)).toEqual([1, 2, 1, 2]);
        } finally {
            await a.close();
            await b.close();
        }
    });

    it('refuses a folder with no store without creating it', async () => {
        const missing = path.join(os.tmpdir(), `journey-chdb-missing-${process.pid}`);
        await expect(openEngine(`chdb://${missing}/journeys`)).rejects.toThrow(`chdb://${missing}/journeys: no journey store there yet (load one with journey import --db chdb://${missing}/journeys ...)`);
        expect(existsSync(missing)).toBe(false);
        await expect(openEngine(`chdb://${CHDB_FOLDER}/journey_none`)).rejects.toThrow(/no journey store there yet/);
    });
});
