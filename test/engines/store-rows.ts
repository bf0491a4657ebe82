/**
 * Feeding a reference StoreData (test/reference/store-data.ts) to any import
 * sink, so the DuckDB and ClickHouse engines are loaded exactly as
 * `journey import` would load them.
 */
import type { ImportSink, SqlCell } from '../../engine/import/import-sink.js';
import { STORE_TABLE_NAMES } from '../../engine/import/table-specs.js';
import { STORE_TABLES } from '../../engine/stores/sqljs/schema.js';
import type { StoreData } from '../reference/store-data.js';

export async function loadIntoSink(store: StoreData, sink: ImportSink): Promise<void> {
    await sink.begin();
    try {
        for (const table of STORE_TABLE_NAMES) {
            const rows = (store[table] as unknown as Record<string, SqlCell>[]).map((row, i) => ({
                values: STORE_TABLES[table].map(c => row[c] ?? null),
                source: `${table}:${i + 1}`,
            }));
            if (rows.length) await sink.insertRows(table, rows);
        }
        await sink.commit();
    } catch (error) {
        await sink.rollback();
        throw error;
    }
}
