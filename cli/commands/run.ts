/**
 * `journey run FILE --db STORE`: validates the journeys, runs them on the
 * store and prints (or writes, atomically) the report in one of six formats.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { CliCommand, CliIO } from '../cli-io.js';
import { UserError } from '../cli-io.js';
import { parseCommandArgs, parseEngine, parseToday, requireDb, singleFile } from '../command-args.js';
import { loadJourneys } from '../load-journeys.js';
import { createProgress } from '../progress.js';
import { writeFileAtomic } from '../write-output.js';
import { writeSnapshot } from '../snapshot.js';
import { utcToday } from '../../engine/dates.js';
import { parseLimitsOption, type JourneyLimits } from '../../language-server/journey-limits.js';
import type { EngineName } from '../../engine/engine.js';
import { openEngine } from '../../engine/open-engine.js';
import type { JourneyReport } from '../../engine/report.js';
import { formatOfPath, formatReports, isReportFormat, REPORT_FORMATS, type ReportFormat } from '../../engine/format/index.js';

const USAGE = `Usage: journey run FILE --db STORE [options]

Runs the journeys of FILE on the store and prints the report.

Options:
  --db STORE         the store: a .sqlite file, a .duckdb file, clickhouse://host:port/database
                     (a ClickHouse server) or chdb:///folder/database (ClickHouse in-process, npm package chdb)
  --journey NAME     run only the journey named NAME (JSON then prints one object)
  --format FORMAT    ${REPORT_FORMATS.join(' | ')} (default: from --out's extension, else table)
  --out PATH         write the report to PATH (replaced atomically) instead of printing it
  --today YYYY-MM-DD the date relative ranges ("dates last 30 days") end on (default: today, UTC)
  --engine ENGINE    sqljs | duckdb | clickhouse (default: from --db: clickhouse:// or chdb:// or .duckdb, else sqljs)
  --limits LIMITS    raise validation limits, e.g. stages=20,events=30,breakdowns=12,years=10
  --snapshot         also write FILE.snap.json, the expected numbers 'journey test' compares with

Exit status: 0 when the report was produced, 1 on a validation error or a failed run.`;

export interface RunJourneysOptions {
    file: string;
    db: string;
    journey?: string;
    today?: string;
    engine?: EngineName;
    limits?: JourneyLimits;
}

/** Validates and runs the journeys of a file; shared by `run` and `demo`. */
export async function runJourneys(options: RunJourneysOptions, io: CliIO): Promise<{ reports: JourneyReport[]; single: boolean }> {
    const { plans, single, notes } = await loadJourneys(options.file, {
        cwd: io.cwd, journey: options.journey, today: options.today, limits: options.limits,
    });
    for (const note of notes) io.stderr(`${note}\n`);
    const db = options.db.includes('://') ? options.db : path.resolve(io.cwd, options.db);
    if (!options.db.includes('://') && !existsSync(db)) {
        throw new UserError(`the store ${options.db} does not exist; create one with 'journey sample --db ${options.db}' or 'journey import --db ${options.db} ...'`);
    }
    const progress = createProgress(io, 'run');
    const engine = await openEngine(db, options.engine).catch(rethrowAsUserError);
    try {
        const reports: JourneyReport[] = [];
        for (const [i, plan] of plans.entries()) {
            if (io.signal.aborted) throw new UserError('cancelled', 130);
            const label = plans.length > 1 ? `${plan.name} (${i + 1}/${plans.length})` : plan.name;
            reports.push(await engine.run(plan, {
                signal: io.signal,
                onProgress: (fraction, message) => progress.update((i + fraction) / plans.length, `${label}: ${message}`),
            }));
        }
        return { reports, single: single || plans.length === 1 };
    } finally {
        progress.done();
        await engine.close();
    }
}

/** Store and engine errors (a broken file, an engine not installed) are the user's to fix: one sentence, exit 1. */
export function rethrowAsUserError(error: unknown): never {
    const name = (error as Error)?.name;
    if (name === 'StoreError' || name === 'EngineUnavailableError' || name === 'CatalogError') {
        throw new UserError((error as Error).message);
    }
    throw error;
}

export function chooseFormat(format: string | undefined, out: string | undefined): ReportFormat {
    if (format !== undefined) {
        if (!isReportFormat(format)) throw new UserError(`--format must be one of ${REPORT_FORMATS.join(', ')}, not '${format}'`);
        return format;
    }
    return (out && formatOfPath(out)) || 'table';
}

export const runCommand: CliCommand = {
    name: 'run',
    summary: 'run journeys on a store and print the report',
    usage: USAGE,
    async run(args, io) {
        const { values, positionals } = parseCommandArgs('run', args, {
            db: { type: 'string' },
            journey: { type: 'string' },
            format: { type: 'string' },
            out: { type: 'string' },
            today: { type: 'string' },
            engine: { type: 'string' },
            limits: { type: 'string' },
            snapshot: { type: 'boolean' },
        });
        const file = singleFile('run', positionals);
        const format = chooseFormat(values.format, values.out);
        let limits: JourneyLimits | undefined;
        try {
            limits = values.limits === undefined ? undefined : parseLimitsOption(values.limits);
        } catch (error) {
            throw new UserError((error as Error).message);
        }
        if (values.snapshot && values.journey !== undefined) {
            throw new UserError('--snapshot records every journey of the file; leave out --journey');
        }
        const today = parseToday(values.today) ?? utcToday();
        const { reports, single } = await runJourneys({
            file,
            db: requireDb(values.db),
            journey: values.journey,
            today,
            engine: parseEngine(values.engine),
            limits,
        }, io);
        const text = await formatReports(reports, format, single);
        if (values.out) {
            writeFileAtomic(path.resolve(io.cwd, values.out), text);
            io.stderr(`Wrote the ${format} report to ${values.out}\n`);
        } else {
            io.stdout(text);
        }
        if (values.snapshot) {
            const written = writeSnapshot(path.resolve(io.cwd, file), reports, today);
            io.stderr(`Wrote the snapshot ${path.relative(io.cwd, written) || written}\n`);
        }
        return 0;
    },
};
