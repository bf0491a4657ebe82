/**
 * `journey import --db TARGET --store SOURCE.sqlite`: every row of a store.md
 * SQLite file fed to an import sink (DuckDB or ClickHouse), table by table in
 * batches, so the target's all-or-nothing protocol covers the whole copy.
 */
import { readFileSync } from 'node:fs';
import type { ImportRow, ImportSink, SqlCell } from '../../../import/import-sink.js';
import { STORE_TABLE_NAMES } from '../../../import/table-specs.js';
import { STORE_TABLES } from '../../sqljs/schema.js';
import { loadSqlJs } from '../../sqljs/sqljs-loader.js';

const BATCH = 2000;

export async function copySqliteStore(sourcePath: string, sink: ImportSink, onProgress?: (fraction: number, message: string) => void): Promise<number> {
    let bytes: Uint8Array;
    try {
        bytes = readFileSync(sourcePath);
    } catch (error) {
        throw new Error(`${sourcePath}: cannot read the source store (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    const SQL = await loadSqlJs();
    const db = new SQL.Database(bytes);
    let copied = 0;
    try {
        await sink.begin();
        try {
            for (const [t, table] of STORE_TABLE_NAMES.entries()) {
                const columns = STORE_TABLES[table];
                let stmt;
                try {
                    stmt = db.prepare(`SELECT ${columns.map(c => `"${c}"`).join(', ')} FROM "${table}"`);
                } catch (error) {
                    throw new Error(`${sourcePath}: not a journey store (table ${table}: ${(error as Error).message})`);
                }
                try {
                    let batch: ImportRow[] = [];
                    let line = 0;
                    while (stmt.step()) {
                        line++;
                        batch.push({ values: stmt.get() as SqlCell[], source: `${sourcePath}:${table} row ${line}` });
                        if (batch.length >= BATCH) {
                            await sink.insertRows(table, batch);
                            copied += batch.length;
                            batch = [];
                        }
                    }
                    if (batch.length) await sink.insertRows(table, batch);
                    copied += batch.length;
                } finally {
                    stmt.free();
                }
                onProgress?.((t + 1) / STORE_TABLE_NAMES.length, `Copying ${table}`);
            }
            await sink.commit();
        } catch (error) {
            await sink.rollback();
            throw error;
        }
    } finally {
        db.close();
    }
    return copied;
}
