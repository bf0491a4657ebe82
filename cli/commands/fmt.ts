/**
 * `journey fmt FILE... [--check]`: rewrites journey files in the canonical
 * layout (atomically: a temporary file renamed over the original), or with
 * `--check` only lists the files that would change (exit 1 when any would).
 * A file with syntax errors is left alone and reported.
 */
import { readFile, rename, writeFile, unlink } from 'node:fs/promises';
import type { CliCommand, CliIO } from '../cli-io.js';
import { UserError } from '../cli-io.js';
import { parseCommandArgs } from '../command-args.js';
import { tryFormatJourneyText } from '../../language-server/journey-formatter.js';
import { expandJourneyFiles } from '../../language-server/journey-files.js';

const USAGE = `Usage: journey fmt FILE... [--check]

Rewrites journey files (a folder means every .journey file under it) in the
canonical layout and prints the path of each file it changed.

Options:
  --check   change nothing; print the files that would change

Exit status: with --check, 1 when any file would change; 1 when a file cannot
be formatted (it does not parse, or cannot be read or written); else 0.`;

export const fmtCommand: CliCommand = {
    name: 'fmt',
    summary: 'format journey files in the canonical layout',
    usage: USAGE,
    async run(args: string[], io: CliIO): Promise<number> {
        const { values, positionals } = parseCommandArgs('fmt', args, { check: { type: 'boolean' } });
        if (positionals.length === 0) throw new UserError("give one or more journey files, as in 'journey fmt report.journey'", 2);
        let failed = false;
        let wouldChange = false;
        for (const file of expandJourneyFiles(positionals, io.cwd)) {
            if ('missing' in file) {
                io.stderr(`journey fmt: ${file.missing}: no such file or folder\n`);
                failed = true;
                continue;
            }
            let text: string;
            try {
                text = await readFile(file.path, 'utf8');
            } catch (error) {
                io.stderr(`journey fmt: ${file.display} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})\n`);
                failed = true;
                continue;
            }
            const result = tryFormatJourneyText(text);
            if (!result.ok) {
                io.stderr(`journey fmt: ${file.display}:${result.line}:${result.column} not formatted: ${result.message.replace(/\s*\n\s*/g, ' ')}\n`);
                failed = true;
                continue;
            }
            if (result.text === text) continue;
            if (values.check) {
                wouldChange = true;
                io.stdout(`${file.display}\n`);
                continue;
            }
            try {
                await writeAtomically(file.path, result.text);
                io.stdout(`${file.display}\n`);
            } catch (error) {
                io.stderr(`journey fmt: ${file.display} cannot be written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})\n`);
                failed = true;
            }
        }
        return failed || wouldChange ? 1 : 0;
    },
};

async function writeAtomically(target: string, text: string): Promise<void> {
    const temporary = `${target}.${process.pid}.fmt-tmp`;
    try {
        await writeFile(temporary, text, 'utf8');
        await rename(temporary, target);
    } catch (error) {
        await unlink(temporary).catch(() => undefined);
        throw error;
    }
}
