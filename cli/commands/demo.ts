/**
 * `npm run demo` (`journey demo`): the one command a new user runs. Creates
 * examples/sample.sqlite with the sample generator when it is missing, runs
 * examples/pages-to-deals.journey on it with a fixed "today", prints the table
 * and writes the HTML report beside the journey.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { UserError, type CliCommand } from '../cli-io.js';
import { parseCommandArgs } from '../command-args.js';
import { writeFileAtomic } from '../write-output.js';
import { runJourneys } from './run.js';
import { formatReports } from '../../engine/format/index.js';

export const DEMO_JOURNEY = 'examples/pages-to-deals.journey';
export const DEMO_STORE = 'examples/sample.sqlite';
export const DEMO_HTML = 'examples/pages-to-deals.html';
/** The sample data ends on this day, so relative ranges reproduce. */
export const DEMO_TODAY = '2026-06-30';

const USAGE = `Usage: journey demo [--contacts N]

Run from the project folder (npm run demo). Creates ${DEMO_STORE} with
'journey sample' when it is missing, runs ${DEMO_JOURNEY} with
--today ${DEMO_TODAY}, prints the report and writes ${DEMO_HTML}.

Options:
  --contacts N   contacts in a newly created sample store (default: journey sample's)`;

export const demoCommand: CliCommand = {
    name: 'demo',
    summary: 'create the sample store if missing and run the example journey',
    usage: USAGE,
    async run(args, io) {
        const { values, positionals } = parseCommandArgs('demo', args, { contacts: { type: 'string' } });
        if (positionals.length) throw new UserError(`journey demo takes no files (got ${positionals.join(', ')})`);
        const journeyPath = path.resolve(io.cwd, DEMO_JOURNEY);
        if (!existsSync(journeyPath)) {
            throw new UserError(`${DEMO_JOURNEY} was not found under ${io.cwd}; run the demo from the project folder (npm run demo)`);
        }
        const storePath = path.resolve(io.cwd, DEMO_STORE);
        if (!existsSync(storePath)) {
            io.stderr(`Creating the sample store ${DEMO_STORE} (once)...\n`);
            const { COMMANDS } = await import('./index.js');
            const sample = await COMMANDS.sample.load();
            const sampleArgs = ['--db', DEMO_STORE, ...(values.contacts ? ['--contacts', values.contacts] : [])];
            const code = await sample.run(sampleArgs, io);
            if (code !== 0) return code;
        } else {
            io.stderr(`Using the sample store ${DEMO_STORE} (delete it to make a new one).\n`);
        }
        const { reports, single } = await runJourneys({ file: DEMO_JOURNEY, db: DEMO_STORE, today: DEMO_TODAY }, io);
        io.stdout(await formatReports(reports, 'table', single));
        writeFileAtomic(path.resolve(io.cwd, DEMO_HTML), await formatReports(reports, 'html', single));
        io.stdout(`\nThe HTML report (charts included, works offline) is at ${path.resolve(io.cwd, DEMO_HTML)}\n`);
        io.stdout(`Try the other examples: node bin/journey.cjs run examples/breakdown.journey --db ${DEMO_STORE} --today ${DEMO_TODAY}\n`);
        return 0;
    },
};
