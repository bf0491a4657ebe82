/**
 * Option parsing shared by run, export and demo: node's parseArgs, with its
 * wordy errors turned into one sentence that names the command.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UserError } from './cli-io.js';
import { isRealDay } from '../engine/dates.js';
import { ENGINE_NAMES, isEngineName } from '../engine/open-engine.js';
import type { EngineName } from '../engine/engine.js';

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseCommandArgs<T extends Options>(command: string, args: string[], options: T) {
    try {
        return parseArgs({ args, options, allowPositionals: true, strict: true });
    } catch (error) {
        const message = (error as Error).message;
        const unknown = /Unknown option '([^']+)'/.exec(message);
        if (unknown) throw new UserError(`unknown option ${unknown[1]}; run 'journey ${command} --help' for the options`);
        const missing = /Option '([^']+)' argument missing/.exec(message);
        if (missing) throw new UserError(`option ${missing[1].split(',').pop()!.trim().replace(/ <value>$/, '')} needs a value`);
        throw new UserError(message.split('\n')[0]);
    }
}

/** `--today`: a real calendar day, so relative date ranges reproduce. */
export function parseToday(value: string | undefined): string | undefined {
    if (value === undefined) return undefined;
    if (!isRealDay(value)) throw new UserError(`--today must be a real day written YYYY-MM-DD, not '${value}'`);
    return value;
}

export function parseEngine(value: string | undefined): EngineName | undefined {
    if (value === undefined) return undefined;
    if (!isEngineName(value)) throw new UserError(`--engine must be one of ${ENGINE_NAMES.join(', ')}, not '${value}'`);
    return value;
}

/** The single FILE argument of a command. */
export function singleFile(command: string, positionals: string[]): string {
    if (positionals.length === 0) throw new UserError(`give a journey file, as in 'journey ${command} FILE.journey --db STORE'`);
    if (positionals.length > 1) throw new UserError(`give one journey file, not ${positionals.length} (${positionals.join(', ')})`);
    return positionals[0];
}

export function requireDb(db: string | undefined): string {
    if (!db) throw new UserError('--db STORE is required: the store file (or clickhouse:// or chdb:// address) to run on');
    return db;
}
