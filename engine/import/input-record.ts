/** What readers yield, and the one error type every import failure becomes: `file:line: reason`. */
import type { PropertyValue } from './convert-row.js';

export interface InputRecord {
    /** 1-based line in the file where the record starts. */
    line: number;
    /** Raw values by column name, or in the table's column order (see convertRow). */
    cells: Record<string, unknown> | unknown[];
    /** CSV columns that are not the table's: properties. */
    extra?: Record<string, PropertyValue>;
}

export class ImportError extends Error {
    constructor(readonly file: string, readonly line: number | undefined, readonly reason: string) {
        super(`${line === undefined ? file : `${file}:${line}`}: ${reason}`);
        this.name = 'ImportError';
    }
}
