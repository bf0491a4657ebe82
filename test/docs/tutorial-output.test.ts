/**
 * The tutorial's outputs are what the commands print today: in a scratch
 * project folder the test runs `journey demo` (which writes the sample store),
 * checks, formats and runs the tutorial's own journey, and lists the
 * templates, comparing each with the page's ```text output=NAME block.
 * Timings ("in 3.8 s", "ran in 1,559 ms") are the only thing ignored.
 * With UPDATE_DOCS=1 the blocks are rewritten from the commands' output instead
 * (then read the page's prose again: it quotes some of the numbers).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { memoryIO } from '../../cli/cli-io.js';
import { demoCommand } from '../../cli/commands/demo.js';
import { checkCommand } from '../../cli/commands/check.js';
import { runCommand } from '../../cli/commands/run.js';
import { newCommand } from '../../cli/commands/new.js';
import { formatJourneyText } from '../../language-server/journey-formatter.js';
import { codeBlocks } from './markdown.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const blocks = codeBlocks(readFileSync(path.join(root, 'docs/tutorial.md'), 'utf8'));
const output = (name: string) => {
    const block = blocks.find(b => b.info === `output=${name}`);
    if (!block) throw new Error(`docs/tutorial.md has no \`\`\`text output=${name} block`);
    return block.text.replace(/\n$/, '');
};
/** The journey block right after a given output block (the fmt example), or the first one with a name. */
const journeyAfter = (name: string) => blocks[blocks.findIndex(b => b.info === `output=${name}`) + 1];
const firstJourney = blocks.find(b => b.lang === 'journey' && b.text.includes('journey "Email to meeting"'))!.text;

const tutorialPath = path.join(root, 'docs/tutorial.md');
const update = process.env.UPDATE_DOCS === '1';

/** Compares printed text with a block, or (UPDATE_DOCS=1) writes it into the block. */
function expectOutput(printed: string, name: string): void {
    if (!update) {
        expect(normalize(printed)).toBe(normalize(output(name)));
        return;
    }
    const text = readFileSync(tutorialPath, 'utf8');
    const open = `\`\`\`text output=${name}\n`;
    const start = text.indexOf(open) + open.length;
    const end = text.indexOf('\n```', start - 1);
    writeFileSync(tutorialPath, text.slice(0, start) + printed.replace(/\s+$/, '') + text.slice(end));
}

const normalize = (text: string) => text
    .replace(/ in \d+(\.\d+)? s\b/g, ' in N s')
    .replace(/ran in [\d,]+ ms/g, 'ran in N ms')
    .replace(/\s+$/, '');

let dir: string;
const io = () => memoryIO(dir);

beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'journey-tutorial-'));
    mkdirSync(path.join(dir, 'examples'));
    copyFileSync(path.join(root, 'examples/pages-to-deals.journey'), path.join(dir, 'examples/pages-to-deals.journey'));
    writeFileSync(path.join(dir, 'first.journey'), firstJourney);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('docs/tutorial.md shows what the commands print', () => {
    test('npm run demo (journey demo) writes the sample store and prints the report shown', async () => {
        const demo = io();
        expect(await demoCommand.run([], demo)).toBe(0);
        const printed = (demo.err + demo.out).replaceAll(`${dir}${path.sep}`, '');
        expectOutput(printed, 'demo');
    }, 120_000);

    test('the tutorial shows the example journey as it is in examples/', () => {
        const shown = blocks.find(b => b.lang === 'journey' && b.text.includes('journey "Pages to deals"'))!.text;
        const file = readFileSync(path.join(root, 'examples/pages-to-deals.journey'), 'utf8');
        expect(file.endsWith(shown)).toBe(true);
    });

    test('journey check finds the two mistakes the tutorial makes', async () => {
        const broken = firstJourney
            .replace('    stage "Opened an email"', '    optional stage "Opened an email"')
            .replace('event meeting_booked', 'event meeting_boked');
        writeFileSync(path.join(dir, 'first.journey'), broken);
        const check = io();
        try {
            expect(await checkCommand.run(['first.journey', '--db', 'examples/sample.sqlite'], check)).toBe(1);
        } finally {
            writeFileSync(path.join(dir, 'first.journey'), firstJourney);
        }
        expectOutput(check.out, 'check');
        const clean = io();
        expect(await checkCommand.run(['first.journey', '--db', 'examples/sample.sqlite'], clean)).toBe(0);
        expect(clean.out).toBe('');
    });

    test('journey fmt turns the messy example into the one shown', () => {
        expect(formatJourneyText(output('fmt-input') + '\n')).toBe(journeyAfter('fmt-input').text);
    });

    test('journey run prints the report shown for the first journey', async () => {
        const run = io();
        expect(await runCommand.run(['first.journey', '--db', 'examples/sample.sqlite'], run)).toBe(0);
        expectOutput(run.out, 'run');
    }, 60_000);

    test('journey new --list prints the templates shown', async () => {
        const list = io();
        expect(await newCommand.run(['--list'], list)).toBe(0);
        expectOutput(list.out, 'new-list');
    });
});
