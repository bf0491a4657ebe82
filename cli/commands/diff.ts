/**
 * `journey diff OLD NEW [--db STORE] [--format text|md|json] [--today D] [--engine E]`:
 * what changed in meaning between two versions of a journey file, and with a
 * store what it does to the numbers. OLD and NEW are files or `REV:path`
 * (read through `git show`), so CI can compare a pull request with its target.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { EmptyFileSystem } from 'langium';
import type { CliCommand, CliIO } from '../cli-io.js';
import { UserError } from '../cli-io.js';
import { createJourneyServices } from '../../language-server/journey-module.js';
import { loadJourneyText } from '../../language-server/journey-document-loader.js';
import { diffJourneysOf } from '../../engine/diff/diff-input.js';
import { diffJourneyFiles } from '../../engine/diff/journey-diff.js';
import { formatDiff, type DiffFormat } from '../../engine/diff/diff-format.js';
import { journeyDelta } from '../../engine/diff/result-delta.js';
import type { DiffJourney } from '../../engine/diff/diff-types.js';
import { utcToday } from '../../engine/dates.js';
import { parseCommandArgs, parseEngine, parseToday } from '../command-args.js';
import { formatDiagnostic } from '../load-journeys.js';
import { createProgress } from '../progress.js';
import type { EngineName } from '../../engine/engine.js';
import type { JourneyReport } from '../../engine/report.js';

const USAGE = `Usage: journey diff OLD NEW [--db STORE] [--format text|md|json] [--today YYYY-MM-DD] [--engine sqljs|duckdb|clickhouse]

What changed in meaning between two versions of a journey file: stages added,
removed, renamed, reordered, made optional or required; events, filters,
campaign, breakdown, top events, paths, source, dates, window, anonymous
visitors. Whitespace, comments and formatting alone are "no change in meaning".

OLD and NEW are files or REV:path (read with git show; the path is relative to
the current folder, e.g. origin/main:journeys/pages.journey). A path missing
at REV reads as an empty file, so a new journey file shows as added.

  --db STORE     also run both versions on STORE: count and conversion per stage, before → after
  --format F     text (default), md (a pull-request comment) or json
  --today D      the run's date for relative dates (default: today, UTC)
  --engine E     the engine for --db (default: from the store address)`;

const FORMATS: readonly DiffFormat[] = ['text', 'md', 'json'];

export const diffCommand: CliCommand = {
    name: 'diff',
    summary: 'what changed in meaning (and with --db in numbers) between two journey files',
    usage: USAGE,
    async run(args: string[], io: CliIO): Promise<number> {
        const options = parseDiffArgs(args);
        const [before, after] = [await readJourneySource(options.old, io), await readJourneySource(options.new, io)];
        const [oldJourneys, newJourneys] = [await parseForDiff(before, options.today, io), await parseForDiff(after, options.today, io)];
        const diff = diffJourneyFiles(oldJourneys, newJourneys);
        let deltas;
        if (options.db) {
            const { openEngine } = await import('../../engine/open-engine.js');
            const db = options.db.includes('://') ? options.db : path.resolve(io.cwd, options.db);
            if (!options.db.includes('://') && !existsSync(db)) throw new UserError(`the store ${options.db} does not exist`);
            const engine = await openEngine(db, options.engine);
            const progress = createProgress(io, 'diff');
            // Every journey runs once per version that has it: that many runs make the whole bar.
            const runs = diff.journeys.reduce((n, j) => n + (j.oldIndex !== undefined ? 1 : 0) + (j.newIndex !== undefined ? 1 : 0), 0);
            let done = 0;
            try {
                const run = async (journey: DiffJourney | undefined, version: string): Promise<JourneyReport | undefined> => {
                    if (!journey) return undefined;
                    const label = `${journey.plan.name} (${version})`;
                    const report = await engine.run(journey.plan, {
                        signal: io.signal,
                        onProgress: (fraction, message) => progress.update((done + fraction) / runs, `${label}: ${message}`),
                    });
                    done++;
                    return report;
                };
                deltas = [];
                for (const j of diff.journeys) {
                    const [a, b] = [j.oldIndex === undefined ? undefined : oldJourneys[j.oldIndex], j.newIndex === undefined ? undefined : newJourneys[j.newIndex]];
                    const oldReport = await run(a, 'old');
                    // The same plan gives the same numbers: run it once (a reformatted file costs one run, not two).
                    const samePlan = a && b && JSON.stringify(a.plan) === JSON.stringify(b.plan);
                    const newReport = samePlan ? (done++, oldReport) : await run(b, 'new');
                    deltas.push(journeyDelta(j, oldReport, newReport));
                }
            } finally {
                progress.done();
                await engine.close();
            }
        }
        io.stdout(formatDiff({ oldLabel: before.label, newLabel: after.label, diff, deltas }, options.format));
        return 0;
    },
};

export interface DiffOptions {
    old: string;
    new: string;
    db?: string;
    format: DiffFormat;
    today: string;
    engine?: EngineName;
}

export function parseDiffArgs(args: string[]): DiffOptions {
    const { positionals, values } = parseCommandArgs('diff', args, {
        db: { type: 'string' }, format: { type: 'string' }, today: { type: 'string' }, engine: { type: 'string' },
    });
    if (positionals.length !== 2) {
        throw new UserError(`expected two journey files (OLD NEW), got ${positionals.length}; see 'journey diff --help'`, 2);
    }
    const format = (values.format ?? 'text') as DiffFormat;
    if (!FORMATS.includes(format)) throw new UserError(`unknown --format '${values.format}' (use text, md or json)`, 2);
    const engine = parseEngine(values.engine);
    return {
        old: positionals[0], new: positionals[1], format, today: parseToday(values.today) ?? utcToday(),
        ...(values.db ? { db: values.db } : {}),
        ...(engine ? { engine } : {}),
    };
}

export interface JourneySource {
    /** As given on the command line; names the version in the output. */
    label: string;
    /** A path for messages: the file, or `REV:path`. */
    displayPath: string;
    text: string;
}

/**
 * A version of a journey file: a file when one exists at that path, else
 * `REV:path` read through git (a path relative to the current folder).
 */
export async function readJourneySource(spec: string, io: Pick<CliIO, 'cwd' | 'stderr'>): Promise<JourneySource> {
    const filePath = path.resolve(io.cwd, spec);
    if (existsSync(filePath)) return { label: spec, displayPath: spec, text: readFileSync(filePath, 'utf8') };
    const match = /^([^:]+):(.+)$/.exec(spec);
    // `C:\x` is a Windows path, not a revision.
    if (!match || (/^[a-zA-Z]$/.test(match[1]) && /^[\\/]/.test(match[2]))) {
        throw new UserError(`${spec} does not exist (give a file or REV:path)`);
    }
    const [, rev, file] = match;
    // A revision never starts with '-'; refusing it keeps it from reaching git as an option.
    if (rev.startsWith('-')) throw new UserError(`${spec}: '${rev}' is not a revision`);
    const top = (await git(['rev-parse', '--show-toplevel'], io.cwd).catch(() => {
        throw new UserError(`${spec} is not a file, and ${io.cwd} is not in a git repository to read REV:path from`);
    })).trim();
    await git(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], top).catch(() => {
        throw new UserError(`${spec}: '${rev}' is not a revision of the git repository at ${top}`);
    });
    const repoPath = path.relative(top, path.resolve(realpathSync(io.cwd), file)).split(path.sep).join('/');
    if (repoPath.startsWith('..') || path.isAbsolute(repoPath)) {
        throw new UserError(`${spec}: ${file} is outside the git repository at ${top}`);
    }
    try {
        return { label: spec, displayPath: spec, text: await git(['show', `${rev}:${repoPath}`], top) };
    } catch {
        // A file new in this version has no old self: it reads as empty, so its journeys show as added.
        io.stderr(`journey diff: note: ${repoPath} does not exist at ${rev}; compared as an empty file\n`);
        return { label: spec, displayPath: spec, text: '' };
    }
}

function git(args: string[], cwd: string): Promise<string> {
    return new Promise((resolve, reject) => {
        execFile('git', args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }, (error, stdout) => {
            if (error) reject(error); else resolve(stdout);
        });
    });
}

let services: ReturnType<typeof createJourneyServices>['Journey'] | undefined;

const SYNTAX_CODES = new Set(['lexing-error', 'parsing-error']);

/**
 * Parses one version. A syntax error stops the diff (file:line:col and the
 * reason): such a file has no meaning to compare. Validation errors (a limit,
 * a duplicate) do not: the reviewer still sees what changed, and each is
 * noted on stderr as `journey check` prints it.
 */
export async function parseForDiff(source: JourneySource, today: string, io?: Pick<CliIO, 'stderr'>): Promise<DiffJourney[]> {
    services ??= createJourneyServices(EmptyFileSystem).Journey;
    const loaded = await loadJourneyText(services, source.text);
    const { lexerErrors, parserErrors } = loaded.document.parseResult;
    const errors = loaded.diagnostics.filter(d => d.severity === 1);
    if (lexerErrors.length || parserErrors.length) {
        const syntax = errors.find(d => SYNTAX_CODES.has((d.data as { code?: string } | undefined)?.code ?? '')) ?? errors[0];
        const { line, character } = syntax.range.start;
        throw new UserError(`${source.displayPath}:${line + 1}:${character + 1}: ${syntax.message.replace(/\s*\n\s*/g, ' ')}`);
    }
    for (const error of errors) io?.stderr(`journey diff: note: ${formatDiagnostic(source.displayPath, error)} (compared anyway)\n`);
    return diffJourneysOf(loaded.file, today);
}
