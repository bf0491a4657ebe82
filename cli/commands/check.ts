/**
 * `journey check FILE... [--db STORE]`: validates journey files with the
 * language server's own services and prints `path:line:col severity code
 * message`, one a line (cli.md). Exit 1 when any error, else 0.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { EmptyFileSystem } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { CliCommand, CliIO } from '../cli-io.js';
import { UserError } from '../cli-io.js';
import { parseCommandArgs, parseToday } from '../command-args.js';
import { formatDiagnostic } from '../load-journeys.js';
import { createJourneyServices } from '../../language-server/journey-module.js';
import { loadJourneyText } from '../../language-server/journey-document-loader.js';
import { parseLimitsOption } from '../../language-server/journey-limits.js';
import { expandJourneyFiles } from '../../language-server/journey-files.js';

const USAGE = `Usage: journey check FILE... [--db STORE] [--limits LIMITS] [--today YYYY-MM-DD]

Validates journey files (a folder means every .journey file under it) and
prints one problem a line: path:line:col severity code message.

Options:
  --db STORE         also check the rules that need the store's catalog (unknown events and
                     properties, campaign categories, anonymous support, large reports)
  --limits LIMITS    raise the limits, e.g. stages=20,events=30,breakdowns=12,years=10
  --today YYYY-MM-DD the day relative date ranges end on (default: today, UTC)

Exit status: 1 when any file has an error, else 0.`;

export const checkCommand: CliCommand = {
    name: 'check',
    summary: 'validate journey files',
    usage: USAGE,
    async run(args: string[], io: CliIO): Promise<number> {
        const { values, positionals } = parseCommandArgs('check', args, {
            db: { type: 'string' },
            limits: { type: 'string' },
            today: { type: 'string' },
        });
        if (positionals.length === 0) throw new UserError("give one or more journey files, as in 'journey check report.journey'", 2);
        const { Journey } = createJourneyServices(EmptyFileSystem);
        const catalogs = Journey.catalog.CatalogProvider;
        if (values.limits !== undefined) {
            try {
                catalogs.setLimits(parseLimitsOption(values.limits));
            } catch (error) {
                throw new UserError((error as Error).message, 2);
            }
        }
        catalogs.setToday(parseToday(values.today));
        if (values.db !== undefined) {
            catalogs.onWarning = () => undefined; // reported below, once, on stderr
            const problem = await catalogs.useStore(path.resolve(io.cwd, values.db));
            if (problem) io.stderr(`journey check: warning: ${problem.replace(/^Journey: /, '')}\n`);
        }
        let errors = 0;
        for (const file of expandJourneyFiles(positionals, io.cwd)) {
            if (io.signal.aborted) throw new UserError('cancelled', 130);
            if ('missing' in file) {
                io.stderr(`journey check: ${file.missing}: no such file or folder\n`);
                errors++;
                continue;
            }
            let text: string;
            try {
                text = await readFile(file.path, 'utf8');
            } catch (error) {
                io.stderr(`journey check: ${file.display} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})\n`);
                errors++;
                continue;
            }
            const loaded = await loadJourneyText(Journey, text, file.path);
            for (const diagnostic of sortDiagnostics(loaded.diagnostics)) {
                if ((diagnostic.severity ?? 1) === 1) errors++;
                io.stdout(`${formatDiagnostic(file.display, diagnostic)}\n`);
            }
        }
        catalogs.dispose();
        return errors > 0 ? 1 : 0;
    },
};

export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
    return [...diagnostics].sort((a, b) =>
        a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character
        || (a.severity ?? 1) - (b.severity ?? 1));
}
