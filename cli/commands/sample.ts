// `journey sample --db STORE [--contacts N] [--seed S] [--force]`: writes the demo store.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { UserError, type CliCommand } from '../cli-io.js';
import { createProgress } from '../progress.js';

const USAGE = `Usage: journey sample --db STORE [--contacts N] [--seed S] [--force]

Writes a realistic demo store (2025-01-01 to 2026-06-30 UTC): page views with
UTM campaigns, forms, CTAs, emails, ads, events, meetings, calls, deals, tickets,
anonymous visitors (some identified later), identities and associations.
The same seed always gives the same store. About 40 events per contact.

Options:
  --db STORE      the store file to write (replaced atomically)
  --contacts N    contacts to create (default 2000; 500000 gives about 20M events)
  --seed S        random seed, a whole number (default 1)
  --force         replace STORE when it already exists`;

export const sampleCommand: CliCommand = {
    name: 'sample',
    summary: 'write a realistic demo store',
    usage: USAGE,
    async run(args, io) {
        const options = parseSampleArgs(args);
        const storePath = path.resolve(io.cwd, options.db);
        if (existsSync(storePath) && !options.force) {
            throw new UserError(`${options.db} already exists; pass --force to replace it with a sample store`);
        }
        const { writeSampleStore, MAX_SAMPLE_CONTACTS } = await import('../../engine/sample/write-sample.js');
        if (options.contacts > MAX_SAMPLE_CONTACTS) {
            throw new UserError(`--contacts ${options.contacts} is too many for a sql.js store (about ${Math.round(options.contacts * 40 / 1e6)}M events); the most is ${MAX_SAMPLE_CONTACTS} (about 30M events)`);
        }
        const progress = createProgress(io, 'sample');
        const started = Date.now();
        try {
            const summary = await writeSampleStore(storePath, {
                contacts: options.contacts, seed: options.seed, signal: io.signal,
                onProgress: (fraction, message) => progress.update(fraction, message),
            });
            progress.done();
            const seconds = ((Date.now() - started) / 1000).toFixed(1);
            io.stderr(`wrote ${options.db}: ${summary.events.toLocaleString('en-US')} events, ${summary.objects.toLocaleString('en-US')} objects, `
                + `${summary.identities.toLocaleString('en-US')} identities, ${summary.associations.toLocaleString('en-US')} associations in ${seconds} s\n`);
            return 0;
        } finally {
            progress.done();
        }
    },
};

export interface SampleArgs { db: string; contacts: number; seed: number; force: boolean }

export function parseSampleArgs(args: string[]): SampleArgs {
    const result: Partial<SampleArgs> = { contacts: 2000, seed: 1, force: false };
    for (let i = 0; i < args.length; i++) {
        const arg = args[i];
        const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
        const value = () => {
            const v = inline ?? args[++i];
            if (v === undefined || (inline === undefined && v.startsWith('--'))) throw new UserError(`${flag} needs a value`);
            return v;
        };
        switch (flag) {
            case '--db': result.db = value(); break;
            case '--contacts': result.contacts = wholeNumber(flag, value(), 1); break;
            case '--seed': result.seed = wholeNumber(flag, value(), 0); break;
            case '--force': result.force = true; break;
            default: throw new UserError(`unknown option '${arg}' (see journey sample --help)`);
        }
    }
    if (!result.db) throw new UserError('--db STORE is required (the store file to write)');
    return result as SampleArgs;
}

function wholeNumber(flag: string, text: string, min: number): number {
    const n = Number(text);
    if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < min) throw new UserError(`${flag} must be a whole number of at least ${min} (got '${text}')`);
    return n;
}
