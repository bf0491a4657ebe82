// `journey import --db STORE (--events F | --objects F | ... | --store SOURCE.sqlite)...`: all or nothing.
import path from 'node:path';
import { UserError, type CliCommand } from '../cli-io.js';
import { createProgress } from '../progress.js';
import type { ImportSource } from '../../engine/import/importer.js';
import { isClickHouseAddress } from '../../engine/stores/clickhouse/clickhouse-address.js';

const USAGE = `Usage: journey import --db STORE (--events F | --objects F | --identities F | --associations F | --event-types F | --store SOURCE.sqlite)...

Loads CSV or NDJSON files (one table per file; each option may repeat) or every
row of another store into STORE, creating it when missing. All or nothing: the
first bad row stops the import with FILE:LINE: reason and STORE is left exactly
as it was. Files ending in .csv are CSV, .ndjson/.jsonl/.json NDJSON; others are
recognised by their first character. Times are ISO-8601 (UTC without a zone) or
epoch milliseconds. In CSV, columns that are not the table's become properties.
STORE may also be a DuckDB file (*.duckdb), a clickhouse://host:port/db address
(a ClickHouse server) or chdb:///absolute/folder/db (ClickHouse in this process
through the npm package chdb; the folder is created when missing).`;

export const importCommand: CliCommand = {
    name: 'import',
    summary: 'load CSV/NDJSON files or a whole store into a store, all or nothing',
    usage: USAGE,
    async run(args, io) {
        const { db, sources } = parseImportArgs(args);
        const resolve = (p: string) => (isClickHouseAddress(p) ? p : path.resolve(io.cwd, p));
        const storePath = resolve(db);
        // Paths as the user wrote them when they mean the same file, so errors read like the command line.
        const resolved: ImportSource[] = sources.map(s => ({ ...s, file: path.resolve(io.cwd, s.file) === path.resolve(s.file) ? s.file : path.resolve(io.cwd, s.file) }));
        for (const source of resolved) {
            if (source.kind === 'store' && path.resolve(io.cwd, source.file) === storePath) throw new UserError(`--store ${source.file} is the store being imported into`);
        }
        const [{ importSources }, { openImportSink }] = await Promise.all([
            import('../../engine/import/importer.js'), import('../../engine/import/open-sink.js'),
        ]);
        const progress = createProgress(io, 'import');
        const sink = await openImportSink(storePath, {
            signal: io.signal,
            onWait: holder => io.stderr(`waiting for ${holder}, which is writing ${db}...\n`),
        });
        const started = Date.now();
        try {
            const summary = await importSources(sink, resolved, {
                signal: io.signal,
                onProgress: (fraction, message) => progress.update(fraction, message),
            });
            progress.done();
            const parts = Object.entries(summary).filter(([, n]) => n > 0).map(([table, n]) => `${n.toLocaleString('en-US')} ${table}`);
            io.stderr(`imported ${parts.length ? parts.join(', ') : 'no rows'} into ${db} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
            return 0;
        } catch (error) {
            progress.done();
            // Bad input (file:line: reason) is the user's to fix: one sentence, no stack trace.
            const name = (error as Error).name;
            if (['ImportError', 'SinkRowError', 'StoreError'].includes(name)) throw new UserError(`${(error as Error).message}; ${db} was not changed`);
            throw error;
        }
    },
};

const TABLE_FLAGS: Record<string, string> = {
    '--events': 'events', '--objects': 'objects', '--identities': 'identities',
    '--associations': 'associations', '--event-types': 'event_types', '--event_types': 'event_types',
};

export function parseImportArgs(args: string[]): { db: string; sources: ImportSource[] } {
    let db: string | undefined;
    const sources: ImportSource[] = [];
    for (let i = 0; i < args.length; i++) {
        const arg = args[i];
        const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
        const flag = eq > 0 ? arg.slice(0, eq) : arg;
        if (!flag.startsWith('--')) throw new UserError(`unexpected argument '${arg}': name each file's table, as in --events ${arg}`);
        const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
        if (value === undefined || value === '' || (eq < 0 && value.startsWith('--'))) throw new UserError(`${flag} needs a value`);
        if (flag === '--db') db = value;
        else if (flag === '--store') sources.push({ kind: 'store', file: value });
        else if (TABLE_FLAGS[flag]) sources.push({ kind: 'file', table: TABLE_FLAGS[flag], file: value });
        else throw new UserError(`${value}: unknown table '${flag.slice(2)}' (use --events, --objects, --identities, --associations, --event-types or --store)`);
    }
    if (!db) throw new UserError('--db STORE is required (the store to import into)');
    if (sources.length === 0) throw new UserError('nothing to import: give at least one of --events, --objects, --identities, --associations, --event-types or --store');
    return { db, sources };
}
