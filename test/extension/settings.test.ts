import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_STORE, isInsideFolders, readSettings, resolveStorePath, storeSettingFor } from '../../extension/src/settings.js';

describe('readSettings', () => {
    it('reads valid values', () => {
        const values: Record<string, unknown> = { store: ' data/s.sqlite ', engine: 'duckdb', today: '2026-06-30', limits: { stages: 20, bad: 'x', zero: 0 } };
        expect(readSettings(k => values[k])).toEqual({ store: 'data/s.sqlite', engine: 'duckdb', today: '2026-06-30', limits: { stages: 20 } });
    });

    it('falls back to defaults for missing or malformed values', () => {
        const values: Record<string, unknown> = { store: '', engine: 'postgres', today: '30/06/2026', limits: 'lots' };
        expect(readSettings(k => values[k])).toEqual({ store: DEFAULT_STORE, engine: 'sqljs', today: undefined, limits: {} });
    });
});

describe('store paths', () => {
    const ws = path.resolve('/work/ws');
    it('resolves relative paths against the workspace folder and keeps addresses', () => {
        expect(resolveStorePath('journey.sqlite', ws)).toBe(path.join(ws, 'journey.sqlite'));
        expect(resolveStorePath('../other/s.sqlite', ws)).toBe(path.resolve('/work/other/s.sqlite'));
        expect(resolveStorePath('/abs/s.sqlite', ws)).toBe(path.resolve('/abs/s.sqlite'));
        expect(resolveStorePath('clickhouse://h:9000/db', ws)).toBe('clickhouse://h:9000/db');
    });

    it('tells stores inside the workspace from those outside', () => {
        expect(isInsideFolders(path.join(ws, 'a/s.sqlite'), [ws])).toBe(true);
        expect(isInsideFolders(path.resolve('/work/ws2/s.sqlite'), [ws])).toBe(false);
        expect(isInsideFolders(path.resolve('/work/other/s.sqlite'), [ws])).toBe(false);
        expect(isInsideFolders(path.resolve('/tmp/s.sqlite'), [])).toBe(false);
    });

    it('writes picked stores back relative when inside the folder', () => {
        expect(storeSettingFor(path.join(ws, 'data', 's.sqlite'), ws)).toBe('data/s.sqlite');
        expect(storeSettingFor(path.resolve('/tmp/s.sqlite'), ws)).toBe(path.resolve('/tmp/s.sqlite'));
    });
});
