/**
 * A DuckDB store file: the store.md tables (events with its properties also
 * as typed arrays, see array-sql/property-columns.ts) plus the `attributed`
 * side table the engine queries. Opening, schema creation and a query helper
 * that returns plain JS values (BIGINT → number, lists → arrays).
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { existsSync } from 'node:fs';
import { attributionSelect, type AttributionTables } from './array-sql/attribution-sql.js';
import type { Row } from './array-sql/array-engine.js';
import { duckDbDialect } from './duckdb-dialect.js';

const PROPERTY_ARRAYS = 'pk VARCHAR[] NOT NULL, pt UTINYINT[] NOT NULL, ps VARCHAR[] NOT NULL, pn DOUBLE[] NOT NULL, pd BIGINT[] NOT NULL, pdk UTINYINT[] NOT NULL, pj VARCHAR[] NOT NULL';

export const DUCKDB_SCHEMA_SQL = [
    `CREATE TABLE IF NOT EXISTS events (event_id VARCHAR NOT NULL, event_name VARCHAR NOT NULL, occurred_at BIGINT NOT NULL,
  object_type VARCHAR, object_id VARCHAR, anonymous_id VARCHAR, properties VARCHAR NOT NULL DEFAULT '{}', ${PROPERTY_ARRAYS})`,
    `CREATE TABLE IF NOT EXISTS objects (object_type VARCHAR NOT NULL, object_id VARCHAR NOT NULL, created_at BIGINT,
  properties VARCHAR NOT NULL DEFAULT '{}', ${PROPERTY_ARRAYS}, PRIMARY KEY (object_type, object_id))`,
    `CREATE TABLE IF NOT EXISTS identities (anonymous_id VARCHAR NOT NULL PRIMARY KEY, contact_id VARCHAR NOT NULL)`,
    `CREATE TABLE IF NOT EXISTS associations (object_type VARCHAR NOT NULL, object_id VARCHAR NOT NULL, related_type VARCHAR NOT NULL, related_id VARCHAR NOT NULL)`,
    `CREATE TABLE IF NOT EXISTS event_types (event_name VARCHAR PRIMARY KEY, category VARCHAR NOT NULL, object_type VARCHAR NOT NULL,
  supports_anonymous INTEGER NOT NULL DEFAULT 0, description VARCHAR)`,
    `CREATE TABLE IF NOT EXISTS attributed (src VARCHAR NOT NULL, obj VARCHAR NOT NULL, anon UTINYINT NOT NULL, eid VARCHAR NOT NULL,
  name VARCHAR NOT NULL, t BIGINT NOT NULL, ${PROPERTY_ARRAYS})`,
];

const TABLES: AttributionTables = {
    events: 'events', identities: 'identities', associations: 'associations', eventTypes: 'event_types',
    join: 'INNER JOIN', in: 'IN', notIn: 'NOT IN', notNull: e => e, flag: v => `CAST(${v} AS UTINYINT)`,
};

/** Recomputes `attributed` from the store tables (inside the caller's transaction). */
export async function rebuildAttributed(conn: DuckDBConnection): Promise<void> {
    await conn.run('DELETE FROM attributed');
    for (const source of ['contacts', 'deals', 'tickets'] as const) {
        await conn.run(`INSERT INTO attributed ${attributionSelect(source, TABLES, duckDbDialect)}`);
    }
}

export function plainValue(value: unknown): unknown {
    if (typeof value === 'bigint') return Number(value);
    if (Array.isArray(value)) return value.map(plainValue);
    if (value !== null && typeof value === 'object') {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value)) out[k] = plainValue(v);
        return out;
    }
    return value;
}

export async function queryRows(conn: DuckDBConnection, sql: string): Promise<Row[]> {
    const reader = await conn.runAndReadAll(sql);
    return reader.getRowObjectsJS().map(row => plainValue(row) as Row);
}

export interface DuckDbStore {
    path: string;
    instance: DuckDBInstance;
    conn: DuckDBConnection;
    close(): void;
}

/** Opens (with `create`, creating) a DuckDB store file and makes sure its tables exist. */
export async function openDuckDbStore(path: string, options: { create?: boolean } = {}): Promise<DuckDbStore> {
    if (!options.create && !existsSync(path)) throw new Error(`${path}: no such DuckDB store (create one with journey import --db ${path} ...)`);
    let instance: DuckDBInstance;
    try {
        instance = await DuckDBInstance.create(path);
    } catch (error) {
        throw new Error(`${path}: cannot open as a DuckDB store: ${(error as Error).message.split('\n')[0]}`);
    }
    const conn = await instance.connect();
    for (const ddl of DUCKDB_SCHEMA_SQL) await conn.run(ddl);
    let closed = false;
    return {
        path, instance, conn,
        close() {
            if (closed) return;
            closed = true;
            conn.closeSync();
            instance.closeSync();
        },
    };
}
