/**
 * Turns one input record (a CSV row or an NDJSON object) into a validated
 * store row, or throws RowError with the reason. Pure: no I/O, tested directly.
 */
import type { SqlCell } from './import-sink.js';
import { fastTimeMs, parseTime } from './parse-time.js';
import { CATEGORIES, OBJECT_TYPES, TABLE_SPECS, type ColumnSpec, type StoreTable } from './table-specs.js';

export class RowError extends Error {
    constructor(readonly reason: string) {
        super(reason);
        this.name = 'RowError';
    }
}

export type PropertyValue = string | number | boolean;

/**
 * One record: `cells` holds the raw values (CSV: strings, '' for empty; NDJSON: any
 * JSON value), by column name or as an array in the table's column order (undefined
 * for an absent column); `extra` holds CSV columns that are not the table's, as properties.
 */
export function convertRow(table: StoreTable, cells: Record<string, unknown> | unknown[], extra?: Record<string, PropertyValue>): SqlCell[] {
    const columns = TABLE_SPECS[table].columns;
    const values: SqlCell[] = new Array(columns.length);
    if (Array.isArray(cells)) {
        for (let i = 0; i < columns.length; i++) values[i] = convertCell(columns[i], cells[i], extra);
    } else {
        for (let i = 0; i < columns.length; i++) values[i] = convertCell(columns[i], cells[columns[i].name], extra);
    }
    checkRow(table, values);
    return values;
}

function convertCell(column: ColumnSpec, raw: unknown, extra: Record<string, PropertyValue> | undefined): SqlCell {
    const empty = raw === undefined || raw === null || raw === '';
    if (column.kind === 'properties') return propertiesJson(empty ? undefined : raw, extra);
    if (empty) {
        if (column.required) throw new RowError(`${column.name} is ${raw === undefined ? 'missing' : raw === null ? 'null' : 'empty'}`);
        return column.kind === 'flag' ? 0 : null;
    }
    switch (column.kind) {
        case 'time': {
            const fast = fastTimeMs(raw);
            if (fast === fast) return fast; // not NaN
            const time = parseTime(raw);
            if ('error' in time) throw new RowError(`${column.name}: ${time.error}`);
            return time.ms;
        }
        case 'flag': {
            if (raw === 1 || raw === true || raw === '1' || raw === 'true') return 1;
            if (raw === 0 || raw === false || raw === '0' || raw === 'false') return 0;
            throw new RowError(`${column.name} must be 0, 1, true or false, not ${JSON.stringify(raw)}`);
        }
        default: {
            if (typeof raw === 'string') {
                // sql.js reads text as a C string, so a name or id would silently end at the NUL (and DuckDB refuses it).
                if (raw.includes('\u0000')) throw new RowError(`${column.name} contains a NUL character (\\u0000), which store text cannot hold`);
                return raw;
            }
            if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
            throw new RowError(`${column.name} must be a string, not ${JSON.stringify(raw)}`);
        }
    }
}

/** DuckDB and ClickHouse keep property names and values as text, which cannot hold NUL; every engine refuses it alike. */
function checkNoNul(key: string, value: unknown): void {
    if (key.includes('\u0000') || (typeof value === 'string' && value.includes('\u0000'))) {
        throw new RowError(`property ${JSON.stringify(key)} contains a NUL character (\\u0000), which store text cannot hold`);
    }
}

/** The properties cell: a JSON object of strings, numbers and booleans (null values dropped), plus CSV extras. */
function propertiesJson(raw: unknown, extra: Record<string, PropertyValue> | undefined): string {
    // CSV extras are already typed scalars; with no properties column they are the whole object.
    if (raw === undefined) return extra ? JSON.stringify(extra) : '{}';
    let object: Record<string, unknown>;
    if (typeof raw === 'string') {
        let parsed: unknown;
        try {
            parsed = JSON.parse(raw);
        } catch (error) {
            throw new RowError(`properties is not valid JSON (${(error as Error).message})`);
        }
        object = asObject(parsed);
    } else {
        object = asObject(raw);
    }
    // Fast path: every value already a string, finite number or boolean, and no CSV extras.
    let clean = true;
    for (const key in object) {
        const value = object[key];
        const type = typeof value;
        if (!(type === 'string' || type === 'boolean' || (type === 'number' && Number.isFinite(value)))) { clean = false; break; }
        if (key.includes('\u0000') || (type === 'string' && (value as string).includes('\u0000'))) { clean = false; break; }
    }
    if (clean && !extra) return JSON.stringify(object);
    const out: Record<string, PropertyValue> = {};
    for (const [key, value] of Object.entries(object)) {
        checkNoNul(key, value);
        if (value === null) continue; // a null property means "not set", which is what absence means too
        if (typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) out[key] = value;
        else throw new RowError(`property '${key}' is ${Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : `not a finite number (${String(value)})`}; properties hold only strings, numbers and booleans`);
    }
    if (extra) {
        for (const [key, value] of Object.entries(extra)) {
            if (key in out) throw new RowError(`property '${key}' is given both as a column and in the properties JSON`);
            checkNoNul(key, value);
            out[key] = value;
        }
    }
    return JSON.stringify(out);
}

function asObject(value: unknown): Record<string, unknown> {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        throw new RowError(`properties must be a JSON object, not ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`);
    }
    return value as Record<string, unknown>;
}

/** Rules across columns that the SQL schema alone does not state (store.md). */
function checkRow(table: StoreTable, v: SqlCell[]): void {
    switch (table) {
        case 'events': {
            const [, , , objectType, objectId, anonymousId] = v;
            if ((objectType === null) !== (objectId === null)) {
                throw new RowError(objectType === null ? 'object_id is set but object_type is empty' : 'object_type is set but object_id is empty');
            }
            if (objectType === null && anonymousId === null) throw new RowError('an event needs object_type and object_id, or an anonymous_id');
            if (objectType !== null) checkObjectType('object_type', objectType);
            break;
        }
        case 'objects': checkObjectType('object_type', v[0]); break;
        case 'associations': checkObjectType('object_type', v[0]); checkObjectType('related_type', v[2]); break;
        case 'event_types':
            if (!CATEGORIES.has(String(v[1]))) throw new RowError(`category '${v[1]}' is not one of ${[...CATEGORIES].join(', ')}`);
            checkObjectType('object_type', v[2]);
            break;
        default: break;
    }
}

function checkObjectType(column: string, value: SqlCell): void {
    if (!OBJECT_TYPES.has(String(value))) throw new RowError(`${column} '${value}' is not one of ${[...OBJECT_TYPES].join(', ')}`);
}

const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * A CSV cell that is not a column of the table, as a property value: JSON-style
 * numbers become numbers (not "007" or "1e999", which stay text), true/false
 * become booleans, anything else stays a string; an empty cell means "not set".
 */
export function csvPropertyValue(text: string): PropertyValue | undefined {
    if (text === '') return undefined;
    if (text === 'true') return true;
    if (text === 'false') return false;
    if (JSON_NUMBER.test(text)) {
        const n = Number(text);
        if (Number.isFinite(n) && (!/^-?\d+$/.test(text) || Number.isSafeInteger(n))) return n;
    }
    return text;
}
