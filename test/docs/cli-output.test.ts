/**
 * Every `$ journey ...` example in docs/cli.md is run, in-process, in a
 * scratch project folder set up as the page says (the sample store, the
 * tutorial's first.journey, broken.journey, second.journey), and must print
 * what the page shows. A command that fails prints `journey NAME: message`,
 * as the real `journey` does. With UPDATE_DOCS=1 the outputs are rewritten.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { memoryIO, UserError } from '../../cli/cli-io.js';
import { COMMANDS } from '../../cli/commands/index.js';
import { codeBlocks } from './markdown.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cliPath = path.join(root, 'docs/cli.md');
const update = process.env.UPDATE_DOCS === '1';
const examples = codeBlocks(readFileSync(cliPath, 'utf8'))
    .filter(b => b.lang === 'text' && b.text.startsWith('$ journey '))
    .map(b => {
        const [command, ...rest] = b.text.replace(/\n$/, '').split('\n');
        return { command: command.slice(2), output: rest.join('\n'), line: b.line };
    });
const firstJourney = codeBlocks(readFileSync(path.join(root, 'docs/tutorial.md'), 'utf8'))
    .find(b => b.lang === 'journey' && b.text.includes('journey "Email to meeting"'))!.text;

/** Splits a command line the way a shell would for these examples: spaces, and "double quotes". */
export function splitCommandLine(line: string): string[] {
    return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map(m => m[1] ?? m[2]);
}

let dir: string;
beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'journey-cli-doc-'));
    mkdirSync(path.join(dir, 'examples'));
    const sample = await COMMANDS.sample.load();
    expect(await sample.run(['--db', 'examples/sample.sqlite'], memoryIO(dir))).toBe(0);
    writeFileSync(path.join(dir, 'first.journey'), firstJourney);
    writeFileSync(path.join(dir, 'broken.journey'), firstJourney
        .replace('    stage "Opened an email"', '    optional stage "Opened an email"')
        .replace('event meeting_booked', 'event meeting_boked'));
    writeFileSync(path.join(dir, 'second.journey'), firstJourney.replace('within 30 days', 'within 14 days'));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function runLine(line: string): Promise<string> {
    const [program, name, ...args] = splitCommandLine(line);
    expect(program).toBe('journey');
    const command = await COMMANDS[name].load();
    const io = memoryIO(dir);
    try {
        await command.run(args, io);
        return io.out;
    } catch (error) {
        if (!(error instanceof UserError)) throw error;
        return `${io.out}journey ${name}: ${error.message}`;
    }
}

describe('docs/cli.md examples print what the page shows', () => {
    test('the page has its examples', () => {
        expect(examples.map(e => splitCommandLine(e.command)[1])).toEqual(['run', 'check', 'export', 'new', 'diff']);
        expect(splitCommandLine('journey export a --stage "Booked a meeting" --reached')).toEqual(['journey', 'export', 'a', '--stage', 'Booked a meeting', '--reached']);
    });

    for (const example of examples) {
        test(`line ${example.line}: ${example.command}`, async () => {
            const printed = (await runLine(example.command)).replace(/\s+$/, '');
            if (!update) {
                expect(printed).toBe(example.output);
                return;
            }
            const text = readFileSync(cliPath, 'utf8');
            const start = text.indexOf(`$ ${example.command}\n`) + example.command.length + 3;
            const end = text.indexOf('\n```', start - 1);
            writeFileSync(cliPath, text.slice(0, start) + printed + text.slice(end));
        }, 60_000);
    }
});
