/**
 * A store as plain rows (one array per table of store.md, columns as named
 * there), and helpers to write it into a sql.js Database. Shared by the
 * hand-computed tests, the property tests and other engines' tests.
 */
import type { Database } from 'sql.js';
import { loadSqlJs } from '../../engine/stores/sqljs/sqljs-loader.js';
import { STORE_SCHEMA_SQL } from '../../engine/stores/sqljs/schema.js';

export interface EventRow {
    event_id: string;
    event_name: string;
    occurred_at: number;
    object_type: string | null;
    object_id: string | null;
    anonymous_id: string | null;
    /** JSON object text. */
    properties: string;
}
export interface ObjectRow {
    object_type: string;
    object_id: string;
    created_at: number | null;
    properties: string;
}
export interface IdentityRow { anonymous_id: string; contact_id: string }
export interface AssociationRow { object_type: string; object_id: string; related_type: string; related_id: string }
export interface EventTypeRow {
    event_name: string;
    category: string;
    object_type: string;
    supports_anonymous: number;
    description: string | null;
}

export interface StoreData {
    events: EventRow[];
    objects: ObjectRow[];
    identities: IdentityRow[];
    associations: AssociationRow[];
    event_types: EventTypeRow[];
}

export function emptyStore(): StoreData {
    return { events: [], objects: [], identities: [], associations: [], event_types: [] };
}

/** Inserts every row of `store` into `db`, whose tables already exist. */
export function writeStore(db: Database, store: StoreData): void {
    const insert = (table: string, columns: string[], rows: object[]) => {
        if (rows.length === 0) return;
        const stmt = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
        try {
            for (const row of rows) {
                stmt.run(columns.map(c => (row as Record<string, string | number | null>)[c]));
            }
        } finally {
            stmt.free();
        }
    };
    db.exec('BEGIN');
    insert('events', ['event_id', 'event_name', 'occurred_at', 'object_type', 'object_id', 'anonymous_id', 'properties'], store.events);
    insert('objects', ['object_type', 'object_id', 'created_at', 'properties'], store.objects);
    insert('identities', ['anonymous_id', 'contact_id'], store.identities);
    insert('associations', ['object_type', 'object_id', 'related_type', 'related_id'], store.associations);
    insert('event_types', ['event_name', 'category', 'object_type', 'supports_anonymous', 'description'], store.event_types);
    db.exec('COMMIT');
}

/** A new in-memory sql.js store (schema of store.md) holding `store`'s rows. */
export async function sqlJsStoreOf(store: StoreData): Promise<Database> {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    db.exec(STORE_SCHEMA_SQL);
    writeStore(db, store);
    return db;
}
