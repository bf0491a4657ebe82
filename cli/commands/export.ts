/**
 * `journey export FILE --db STORE`: a static list of the objects that reached
 * (or dropped off after) a stage, or the unsummarized per-object table with
 * each stage's first-touch time. Files are CSV, replaced atomically.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { UserError, type CliCommand, type CliIO } from '../cli-io.js';
import { parseCommandArgs, parseEngine, parseToday, requireDb, singleFile } from '../command-args.js';
import { loadJourneys } from '../load-journeys.js';
import { createProgress, type Progress } from '../progress.js';
import { writeFileAtomic } from '../write-output.js';
import { parseLimitsOption } from '../../language-server/journey-limits.js';
import type { Engine } from '../../engine/engine.js';
import { openEngine } from '../../engine/open-engine.js';
import type { JourneyPlan } from '../../engine/plan.js';
import { STATIC_LIST_LIMIT, type StaticList } from '../../engine/report.js';
import { staticListCsv, unsummarizedCsv } from '../../engine/format/export-csv.js';
import { rethrowAsUserError } from './run.js';
import { formatCount } from '../../report-view/numbers.js';

const USAGE = `Usage:
  journey export FILE --db STORE --stage NAME (--reached | --dropped) --list OUT.csv [options]
  journey export FILE --db STORE --unsummarized OUT.csv [options]

--list writes the objects that reached stage NAME (--reached) or were counted
there but not at the next required stage (--dropped), one id a line, ordered
by id, at most ${formatCount(STATIC_LIST_LIMIT)} (the command says how many were cut).
--unsummarized writes one row per object counted at the first stage, with the
time (ISO-8601, UTC) it first reached each stage it is counted at.

Options:
  --journey NAME     the journey to export (needed when FILE holds several)
  --today YYYY-MM-DD the date relative ranges end on (default: today, UTC)
  --engine ENGINE    sqljs | duckdb | clickhouse (default: from --db)
  --limits LIMITS    raise validation limits, e.g. stages=20,events=30`;

export const exportCommand: CliCommand = {
    name: 'export',
    summary: 'write a static list or the unsummarized per-object data',
    usage: USAGE,
    async run(args, io) {
        const { values, positionals } = parseCommandArgs('export', args, {
            db: { type: 'string' },
            journey: { type: 'string' },
            stage: { type: 'string' },
            reached: { type: 'boolean' },
            dropped: { type: 'boolean' },
            list: { type: 'string' },
            unsummarized: { type: 'string' },
            today: { type: 'string' },
            engine: { type: 'string' },
            limits: { type: 'string' },
        });
        const file = singleFile('export', positionals);
        const db = requireDb(values.db);
        const wantsList = values.list !== undefined || values.stage !== undefined || values.reached || values.dropped;
        if (wantsList && values.unsummarized !== undefined) throw new UserError('give either --list (with --stage) or --unsummarized, not both');
        if (!wantsList && values.unsummarized === undefined) throw new UserError('say what to export: --stage NAME --reached|--dropped --list OUT.csv, or --unsummarized OUT.csv');
        if (wantsList) {
            if (values.stage === undefined) throw new UserError('--list needs --stage NAME: the stage whose objects to list');
            if (values.reached === values.dropped) throw new UserError('give exactly one of --reached and --dropped');
            if (values.list === undefined) throw new UserError('--stage needs --list OUT.csv: the file to write the list to');
        }
        let limits;
        try {
            limits = values.limits === undefined ? undefined : parseLimitsOption(values.limits);
        } catch (error) {
            throw new UserError((error as Error).message);
        }
        const { plans } = await loadJourneys(file, { cwd: io.cwd, journey: values.journey, today: parseToday(values.today), limits });
        if (plans.length > 1) {
            throw new UserError(`${file} holds ${plans.length} journeys; pick one with --journey NAME (${plans.map(p => JSON.stringify(p.name)).join(', ')})`);
        }
        const plan = plans[0];
        const engine = await openStoreEngine(db, values.engine, io);
        const progress = createProgress(io, 'export');
        try {
            if (wantsList) {
                await exportStaticList(engine, plan, values.stage!, values.reached ? 'reached' : 'dropped', values.list!, io, progress);
            } else {
                await exportUnsummarized(engine, plan, values.unsummarized!, io, progress);
            }
            return 0;
        } finally {
            progress.done();
            await engine.close();
        }
    },
};

/** Writes the static list of one stage and says how many objects it holds and how many the limit cut. */
export async function exportStaticList(
    engine: Engine, plan: JourneyPlan, stageName: string, mode: 'reached' | 'dropped', out: string, io: CliIO, progress?: Progress,
): Promise<StaticList> {
    const stageIndex = plan.stages.findIndex(s => s.name === stageName);
    if (stageIndex < 0) {
        throw new UserError(`journey ${JSON.stringify(plan.name)} has no stage named ${JSON.stringify(stageName)} (it has ${plan.stages.map(s => JSON.stringify(s.name)).join(', ')})`);
    }
    const list = await engine.staticList(plan, stageIndex, mode, STATIC_LIST_LIMIT, { signal: io.signal, onProgress: progressCallback(progress) });
    progress?.done();
    writeFileAtomic(path.resolve(io.cwd, out), staticListCsv(list.objects));
    const what = mode === 'reached' ? 'reached' : 'dropped off after';
    io.stdout(`Wrote ${formatCount(list.objects.length)} objects that ${what} ${JSON.stringify(stageName)} to ${out}\n`);
    if (list.cut > 0) {
        io.stdout(`The list was cut at ${formatCount(STATIC_LIST_LIMIT)} objects: ${formatCount(list.cut)} more were left out.\n`);
    }
    return list;
}

/** Writes the unsummarized per-object table. */
export async function exportUnsummarized(engine: Engine, plan: JourneyPlan, out: string, io: CliIO, progress?: Progress): Promise<void> {
    const rows = await engine.unsummarized(plan, { signal: io.signal, onProgress: progressCallback(progress) });
    progress?.done();
    writeFileAtomic(path.resolve(io.cwd, out), unsummarizedCsv(plan.stages.map(s => s.name), rows));
    io.stdout(`Wrote ${formatCount(rows.length)} objects with their first-touch time per stage to ${out}\n`);
}

function progressCallback(progress: Progress | undefined) {
    return progress ? (fraction: number, message: string) => progress.update(fraction, message) : undefined;
}

async function openStoreEngine(db: string, engineName: string | undefined, io: CliIO): Promise<Engine> {
    const address = db.includes('://') ? db : path.resolve(io.cwd, db);
    if (!db.includes('://') && !existsSync(address)) throw new UserError(`the store ${db} does not exist`);
    return openEngine(address, parseEngine(engineName)).catch(rethrowAsUserError);
}
