/**
 * `journey test [FILE...] --db STORE`: re-runs journeys and compares them with
 * their `FILE.snap.json` (written by `journey run FILE --snapshot`), so teams
 * can keep small fixture stores and assert in CI what their journeys count.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { CliCommand, CliIO } from '../cli-io.js';
import { UserError } from '../cli-io.js';
import { parseCommandArgs, parseEngine, parseToday, requireDb } from '../command-args.js';
import { compareSnapshots, readSnapshot, snapshotOf, snapshotPathOf, SNAPSHOT_SUFFIX, writeSnapshot } from '../snapshot.js';
import { runJourneys } from './run.js';
import { utcToday } from '../../engine/dates.js';

const USAGE = `Usage: journey test [FILE...] --db STORE [--today YYYY-MM-DD] [--engine E] [--update]

Re-runs each journey file on STORE and compares the numbers with FILE.snap.json
(written by 'journey run FILE --db STORE --snapshot'). Prints every number that
moved. A folder means every *.journey file under it that has a .snap.json
beside it; with no FILE, the current folder.

  --db STORE     the store to run on (a small fixture store kept in the repository)
  --today D      run as of D (default: the day recorded in each snapshot)
  --engine E     sqljs | duckdb | clickhouse (default: from --db)
  --update       write the snapshots again from this run instead of comparing

Exit status: 0 when every number matches, 1 when a number moved or a file failed.`;

/** Folders never searched for snapshots: dependencies, VCS data, build output. */
const SKIPPED_FOLDERS = new Set(['node_modules', 'out', 'dist', 'coverage']);

export const testCommand: CliCommand = {
    name: 'test',
    summary: 're-run journeys and compare with their .snap.json (exit 1 when a number moved)',
    usage: USAGE,
    async run(args: string[], io: CliIO): Promise<number> {
        const { values, positionals } = parseCommandArgs('test', args, {
            db: { type: 'string' },
            today: { type: 'string' },
            engine: { type: 'string' },
            update: { type: 'boolean' },
        });
        const db = requireDb(values.db);
        const today = parseToday(values.today);
        const engine = parseEngine(values.engine);
        const files = positionals.length ? positionals.flatMap(p => expandFolder(p, io.cwd)) : findSnapshotted(io.cwd);
        if (files.length === 0) {
            io.stderr(`journey test: no *.journey file with a ${SNAPSHOT_SUFFIX} beside it under ${io.cwd}; nothing to test (write one with 'journey run FILE --db STORE --snapshot')\n`);
            return 0;
        }
        let failed = 0;
        for (const file of files) {
            if (io.signal.aborted) throw new UserError('cancelled', 130);
            const absolute = path.resolve(io.cwd, file);
            try {
                if (values.update) {
                    const snapshotToday = today ?? (existsSync(snapshotPathOf(absolute)) ? readSnapshot(snapshotPathOf(absolute)).today : undefined);
                    const dayOfRun = snapshotToday ?? utcToday();
                    const { reports } = await runJourneys({ file, db, today: dayOfRun, engine }, io);
                    writeSnapshot(absolute, reports, dayOfRun);
                    io.stdout(`updated ${snapshotPathOf(file)}\n`);
                    continue;
                }
                const expected = readSnapshot(snapshotPathOf(absolute), snapshotPathOf(file));
                const dayOfRun = today ?? expected.today;
                const { reports } = await runJourneys({ file, db, today: dayOfRun, engine }, io);
                const differences = compareSnapshots(expected, snapshotOf(reports, dayOfRun));
                if (differences.length === 0) {
                    io.stdout(`ok   ${file} (${reports.length} journey${reports.length === 1 ? '' : 's'})\n`);
                } else {
                    failed++;
                    io.stdout(`FAIL ${file}: ${differences.length} difference${differences.length === 1 ? '' : 's'} from ${snapshotPathOf(file)} (expected → actual)\n`);
                    for (const line of differences) io.stdout(`  ${line}\n`);
                }
            } catch (error) {
                if (!(error instanceof UserError) || error.exitCode === 130) throw error;
                failed++;
                io.stdout(`FAIL ${file}: ${error.message}\n`);
            }
        }
        if (!values.update) io.stdout(`\n${files.length - failed} passed, ${failed} failed\n`);
        return failed ? 1 : 0;
    },
};

/** A folder argument means every snapshotted journey under it (as for `check` and `fmt`); a file stays itself. */
function expandFolder(arg: string, cwd: string): string[] {
    const absolute = path.resolve(cwd, arg);
    if (!existsSync(absolute) || !statSync(absolute).isDirectory()) return [arg];
    return findSnapshotted(absolute).map(file => path.join(arg, file).split(path.sep).join('/'));
}

/** Every `*.journey` under `root` with a `.snap.json` beside it, as paths relative to root, sorted. */
export function findSnapshotted(root: string): string[] {
    const found: string[] = [];
    const walk = (dir: string) => {
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
            if (entry.isDirectory()) {
                if (!entry.name.startsWith('.') && !SKIPPED_FOLDERS.has(entry.name)) walk(path.join(dir, entry.name));
            } else if (entry.name.endsWith('.journey') && existsSync(path.join(dir, entry.name + SNAPSHOT_SUFFIX))) {
                found.push(path.relative(root, path.join(dir, entry.name)).split(path.sep).join('/'));
            }
        }
    };
    walk(root);
    return found.sort();
}
