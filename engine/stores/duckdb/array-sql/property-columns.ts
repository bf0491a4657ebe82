/**
 * A properties JSON object as typed parallel arrays, computed once at import
 * so that SQL engines without a faithful JSON reader (ClickHouse 18.16's
 * visitParamExtract* matches `"key":` anywhere in the text, nested or inside
 * strings) evaluate every condition exactly as engine/conditions.ts does:
 * the value's JSON type, its string, its number, its instant when it is a date
 * string, and its breakdown text. Shared by the DuckDB and ClickHouse stores.
 */
import { breakdownValue } from '../../../matcher/breakdown.js';
import { parseDateValue } from '../../../conditions.js';

/** Property value types as stored in the `pt` column. */
export const PT_NULL = 0;
export const PT_STRING = 1;
export const PT_NUMBER = 2;
export const PT_BOOLEAN = 3;
/** A nested object or array: present, equal to no literal, never ordered. */
export const PT_OTHER = 4;

export interface PropertyColumns {
    /** Keys, in the object's order (JSON.parse keeps the last of duplicates). */
    pk: string[];
    pt: number[];
    /** The string value ('' for other types). */
    ps: string[];
    /** The number value; booleans as 1/0; 0 for other types. */
    pn: number[];
    /** For a date string (semantics.md "Dates"), its epoch ms (sub-ms dropped); else 0. */
    pd: number[];
    /** 1 when `pd` holds a date string's instant. */
    pdk: number[];
    /** The value's breakdown key: JSON text of the value as a breakdown shows it. */
    pj: string[];
}

export function parsePropertiesText(text: unknown): Record<string, unknown> {
    if (typeof text !== 'string') return {};
    try {
        const value: unknown = JSON.parse(text);
        return value !== null && typeof value === 'object' && !Array.isArray(value) ? value as Record<string, unknown> : {};
    } catch {
        return {};
    }
}

/** The typed columns of a properties object (already parsed). */
export function propertyColumnsOf(props: Record<string, unknown>): PropertyColumns {
    const out: PropertyColumns = { pk: [], pt: [], ps: [], pn: [], pd: [], pdk: [], pj: [] };
    for (const key of Object.keys(props)) {
        const value = props[key];
        let type = PT_OTHER;
        let s = '';
        let n = 0;
        let d = 0;
        let dk = 0;
        if (value === null || value === undefined) type = PT_NULL;
        else if (typeof value === 'string') {
            type = PT_STRING;
            s = value;
            const ms = parseDateValue(value);
            if (ms !== undefined) { d = ms; dk = 1; }
        } else if (typeof value === 'number') { type = PT_NUMBER; n = value; }
        else if (typeof value === 'boolean') { type = PT_BOOLEAN; n = value ? 1 : 0; }
        out.pk.push(key);
        out.pt.push(type);
        out.ps.push(s);
        out.pn.push(n);
        out.pd.push(d);
        out.pdk.push(dk);
        out.pj.push(JSON.stringify(breakdownValue(value)));
    }
    return out;
}

/** Event properties text → typed columns. */
export function eventPropertyColumns(text: unknown): PropertyColumns {
    return propertyColumnsOf(parsePropertiesText(text));
}

/** Object properties as a journey-level `where` sees them: the `created_at` column is the property `created_at`. */
export function objectPropertyColumns(createdAt: number | null | undefined, text: unknown): PropertyColumns {
    const props = parsePropertiesText(text);
    if (createdAt === null || createdAt === undefined) delete props.created_at;
    else props.created_at = Number(createdAt);
    return propertyColumnsOf(props);
}
