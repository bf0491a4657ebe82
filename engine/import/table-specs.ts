/**
 * What the importer knows about each store table: which columns are required,
 * which hold times (ISO-8601 or epoch ms on input, epoch ms stored), which hold
 * JSON properties, which are 0/1 flags, and which columns form the key that
 * must be unique. Column order is STORE_TABLES' (engine/stores/sqljs/schema.ts).
 */
import { STORE_TABLES } from '../stores/sqljs/schema.js';

export type StoreTable = 'events' | 'objects' | 'identities' | 'associations' | 'event_types';

export const STORE_TABLE_NAMES: readonly StoreTable[] = ['events', 'objects', 'identities', 'associations', 'event_types'];

export type ColumnKind = 'text' | 'time' | 'properties' | 'flag';

export interface ColumnSpec {
    name: string;
    kind: ColumnKind;
    /** NOT NULL in the schema (for `properties`, a missing value becomes '{}'). */
    required: boolean;
}

export interface TableSpec {
    name: StoreTable;
    columns: ColumnSpec[];
    /** Columns of the primary key (empty: duplicates allowed, as in `associations`). */
    key: string[];
}

const text = (name: string, required: boolean): ColumnSpec => ({ name, kind: 'text', required });

export const TABLE_SPECS: Record<StoreTable, TableSpec> = {
    events: {
        name: 'events',
        columns: [
            text('event_id', true), text('event_name', true), { name: 'occurred_at', kind: 'time', required: true },
            text('object_type', false), text('object_id', false), text('anonymous_id', false),
            { name: 'properties', kind: 'properties', required: false },
        ],
        key: ['event_id'],
    },
    objects: {
        name: 'objects',
        columns: [
            text('object_type', true), text('object_id', true), { name: 'created_at', kind: 'time', required: false },
            { name: 'properties', kind: 'properties', required: false },
        ],
        key: ['object_type', 'object_id'],
    },
    identities: { name: 'identities', columns: [text('anonymous_id', true), text('contact_id', true)], key: ['anonymous_id'] },
    associations: {
        name: 'associations',
        columns: [text('object_type', true), text('object_id', true), text('related_type', true), text('related_id', true)],
        key: [],
    },
    event_types: {
        name: 'event_types',
        columns: [
            text('event_name', true), text('category', true), text('object_type', true),
            { name: 'supports_anonymous', kind: 'flag', required: false }, text('description', false),
        ],
        key: ['event_name'],
    },
};

// The import specs and the schema must never drift apart.
for (const table of STORE_TABLE_NAMES) {
    const names = TABLE_SPECS[table].columns.map(c => c.name).join(',');
    if (names !== STORE_TABLES[table].join(',')) throw new Error(`table-specs.ts: columns of ${table} differ from schema.ts`);
}

export function isStoreTable(name: string): name is StoreTable {
    return (STORE_TABLE_NAMES as readonly string[]).includes(name);
}

/** Object types an event or object may have (store.md). */
export const OBJECT_TYPES: ReadonlySet<string> = new Set(['contact', 'deal', 'ticket']);

/** Event categories (store.md). */
export const CATEGORIES: ReadonlySet<string> = new Set([
    'ads', 'ctas', 'forms', 'marketing_emails', 'marketing_events', 'web_pages',
    'meetings', 'sales', 'deals', 'tickets', 'lifecycle', 'custom',
]);
