import { describe, expect, it } from 'vitest';
import type { SqlJsStatic } from 'sql.js';
import { prepareInsert } from '../../engine/import/sqljs-insert-statement.js';
import type { SqlCell } from '../../engine/import/import-sink.js';
import { loadSqlJs } from '../../engine/stores/sqljs/sqljs-loader.js';

const ROWS: SqlCell[][] = [
    ['plain', 0, null],
    ['ünïcödé — 日本語 😀', -1, 'x'],
    ["quote ' and \\ backslash", 2 ** 31, ''],
    ['nul \u0000 inside', 1740045600123, '{"a":1}'],
    ['big', Number.MAX_SAFE_INTEGER, 'y'.repeat(100_000)],
    ['float', 1.5, null],
];

async function roundTrip(SQL: SqlJsStatic, raw: boolean): Promise<unknown[][]> {
    const db = new (await loadSqlJs()).Database();
    db.exec('CREATE TABLE t (a TEXT, b INTEGER, c TEXT)');
    const insert = prepareInsert(SQL, db, 'INSERT INTO t VALUES (?,?,?),(?,?,?)');
    expect(insert.constructor.name === 'RawInsert').toBe(raw);
    for (let i = 0; i < ROWS.length; i += 2) insert.run([...ROWS[i], ...ROWS[i + 1]]);
    insert.free();
    // hex(a): sql.js reads text up to a NUL, so compare the stored bytes.
    const rows = db.exec('SELECT hex(a), b, typeof(b), c FROM t ORDER BY rowid')[0].values;
    db.close();
    return rows;
}

describe('prepareInsert', () => {
    it('binds strings (multi-byte, NUL, long), integers beyond 32 bits, doubles and NULL exactly', async () => {
        const SQL = await loadSqlJs();
        const hex = (text: string) => Buffer.from(text, 'utf8').toString('hex').toUpperCase();
        const expected = ROWS.map(r => [hex(String(r[0])), r[1], Number.isInteger(r[1]) ? 'integer' : 'real', r[2]]);
        expect(await roundTrip(SQL, true)).toEqual(expected);
        // The fallback through sql.js's own Statement gives the same rows.
        const withoutRaw = Object.create(SQL, { _sqlite3_bind_text: { value: undefined } }) as SqlJsStatic;
        expect(await roundTrip(withoutRaw, false)).toEqual(expected);
    });

    it('reports a refused row with sqlite\'s message and stays usable', async () => {
        const SQL = await loadSqlJs();
        const db = new SQL.Database();
        db.exec('CREATE TABLE k (id TEXT PRIMARY KEY)');
        const insert = prepareInsert(SQL, db, 'INSERT INTO k VALUES (?)');
        insert.run(['a']);
        expect(() => insert.run(['a'])).toThrow('UNIQUE constraint failed: k.id');
        insert.run(['b']);
        insert.free();
        expect(db.exec('SELECT id FROM k ORDER BY id')[0].values).toEqual([['a'], ['b']]);
        db.close();
    });
});
