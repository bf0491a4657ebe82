import { rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { inferEngine, openEngine } from '../../engine/open-engine.js';
import { tinyWorkspace } from './run-fixture.js';

describe('openEngine', () => {
    test('infers the engine from the address', () => {
        expect(inferEngine('clickhouse://127.0.0.1:8123/journeys')).toBe('clickhouse');
        expect(inferEngine('CLICKHOUSE://h:1/db?cluster=two')).toBe('clickhouse');
        expect(inferEngine('chdb:///var/lib/journey/journeys')).toBe('clickhouse');
        expect(inferEngine('/data/big.duckdb')).toBe('duckdb');
        expect(inferEngine('store.sqlite')).toBe('sqljs');
        expect(inferEngine('store.duckdb.sqlite')).toBe('sqljs');
    });

    test('rejects an engine that contradicts the address, or an unknown one', async () => {
        await expect(openEngine('clickhouse://h:1/db', 'sqljs')).rejects.toThrow(/is a ClickHouse address/);
        await expect(openEngine('store.sqlite', 'clickhouse')).rejects.toThrow(/needs a clickhouse:\/\/host:port\/database or chdb:\/\/\/folder\/database address/);
        await expect(openEngine('store.sqlite', 'oracle' as never)).rejects.toThrow(/unknown engine 'oracle'/);
    });

    test('opens a sql.js store, runs, and closes', async () => {
        const { dir } = await tinyWorkspace();
        const engine = await openEngine(path.join(dir, 'tiny.sqlite'));
        expect(engine.name).toBe('sqljs');
        const report = await engine.run({
            name: 'J', source: 'contacts', includeAnonymous: true,
            stages: [{ name: 'Viewed', optional: false, items: [{ event: 'page_viewed' }] }],
        });
        expect(report.entered).toBe(4);
        await engine.close();
        await expect(engine.run({ name: 'J', source: 'contacts', includeAnonymous: false, stages: [] })).rejects.toThrow();
        rmSync(dir, { recursive: true, force: true });
    });
});
