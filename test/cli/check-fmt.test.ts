import { copyFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { memoryIO } from '../../cli/cli-io.js';
import { checkCommand } from '../../cli/commands/check.js';
import { fmtCommand } from '../../cli/commands/fmt.js';
import { writeTestStore } from '../language-server/test-store.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'language');
const LINE = /^(.+?):(\d+):(\d+) (error|warning|information) ([a-z-]+) (.+)$/;

let store: string;
let bigStore: string;
beforeAll(async () => {
    store = await writeTestStore();
    bigStore = await writeTestStore({ bigCache: true });
});

/** `line code` for every `// expect: CODE, CODE` annotation of a fixture. */
function expected(file: string): string[] {
    const out: string[] = [];
    readFileSync(path.join(FIXTURES, file), 'utf8').split('\n').forEach((line, i) => {
        const match = /\/\/ expect: (.+)$/.exec(line);
        if (match) for (const code of match[1].split(',')) out.push(`${i + 1} ${code.trim()}`);
    });
    return out.sort();
}

async function check(args: string[]) {
    const io = memoryIO(FIXTURES);
    const code = await checkCommand.run(args, io);
    return { code, out: io.out, err: io.err, lines: io.out.split('\n').filter(Boolean) };
}

function reported(lines: string[], file: string): string[] {
    return lines.map(line => {
        const match = LINE.exec(line);
        expect(match, `not path:line:col severity code message: ${line}`).not.toBeNull();
        expect(match![1]).toBe(file);
        return `${match![2]} ${match![5]}`;
    }).sort();
}

const fixtures = readdirSync(FIXTURES).filter(f => f.endsWith('.journey'));

describe('journey check on the fixtures', () => {
    for (const file of fixtures.filter(f => !f.startsWith('messy'))) {
        test(`${file}: exactly the annotated codes at the annotated lines`, async () => {
            const db = file === 'store-large.journey' ? ['--db', bigStore] : file.startsWith('store-') ? ['--db', store] : [];
            const result = await check([file, ...db]);
            expect(reported(result.lines, file)).toEqual(expected(file));
            const errors = result.lines.some(line => LINE.exec(line)![4] === 'error');
            expect(result.code).toBe(errors ? 1 : 0);
            expect(result.err).toBe('');
        });
    }

    test('severities: warnings alone exit 0, and store rules are silent without --db', async () => {
        const warningsOnly = await check(['store-large.journey', '--db', store]);
        expect(warningsOnly).toMatchObject({ code: 0, out: '' });
        const withoutDb = await check(['store-rules.journey']);
        expect(withoutDb).toMatchObject({ code: 0, out: '' });
        const withDb = await check(['store-rules.journey', '--db', store]);
        expect(withDb.code).toBe(1); // campaign-category is an error
        expect(withDb.lines[0]).toBe('store-rules.journey:4:39 warning unknown-property No contact in the store has a property "shoe_size".');
    });

    test('several files and a folder, in order; a missing file is reported and fails', async () => {
        const both = await check(['valid.journey', 'syntax.journey']);
        expect(both.code).toBe(1);
        expect(both.lines).toEqual(['syntax.journey:2:11 error syntax Expected a text in double quotes after `stage` in a stage, but found `{`.']);
        const missing = await check(['nope.journey', 'valid.journey']);
        expect(missing).toMatchObject({ code: 1, out: '', err: 'journey check: nope.journey: no such file or folder\n' });
        const folder = await check(['.']);
        expect(folder.lines.map(l => l.split(':')[0])).toContain('structure.journey');
    });

    test('--limits raises the limits; bad options are one-sentence errors', async () => {
        const raised = await check(['limits.journey', '--limits', 'stages=20,events=20,breakdowns=11']);
        expect(raised).toMatchObject({ code: 0, out: '' });
        await expect(check(['limits.journey', '--limits', 'stages=zero'])).rejects.toThrow("--limits: stages must be a whole number ≥ 1, not 'zero'");
        await expect(check([])).rejects.toThrow(/give one or more journey files/);
    });

    test('an unusable store gives one warning on stderr and the file is still checked', async () => {
        const result = await check(['structure.journey', '--db', 'README.md']);
        expect(result.err).toBe('journey check: warning: the store ' + path.join(FIXTURES, 'README.md') + ' is not a SQLite database (its header is wrong); the checks that need the store are skipped.\n');
        expect(result.code).toBe(1);
        expect(result.lines.length).toBe(expected('structure.journey').length);
    });

    test('binary garbage and an empty file: diagnostics, never a stack trace', async () => {
        const folder = mkdtempSync(path.join(os.tmpdir(), 'journey-check-'));
        writeFileSync(path.join(folder, 'garbage.journey'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
        writeFileSync(path.join(folder, 'empty.journey'), '');
        const io = memoryIO(folder);
        const code = await checkCommand.run(['garbage.journey', 'empty.journey'], io);
        expect(code).toBe(1);
        expect(io.out.split('\n').filter(Boolean).every(line => /^garbage\.journey:\d+:\d+ error syntax /.test(line))).toBe(true);
        expect(io.err).toBe('');
    });
});

describe('journey fmt', () => {
    test('--check passes on the canonical fixtures and lists the messy one', async () => {
        const io = memoryIO(FIXTURES);
        const canonical = fixtures.filter(f => f !== 'messy.journey' && f !== 'syntax.journey');
        expect(await fmtCommand.run([...canonical, '--check'], io)).toBe(0);
        expect(io.out).toBe('');
        const messy = memoryIO(FIXTURES);
        expect(await fmtCommand.run(['messy.journey', 'valid.journey', '--check'], messy)).toBe(1);
        expect(messy.out).toBe('messy.journey\n');
    });

    test('rewrites a file in place, to exactly the expected layout, and a second run changes nothing', async () => {
        const folder = mkdtempSync(path.join(os.tmpdir(), 'journey-fmt-'));
        copyFileSync(path.join(FIXTURES, 'messy.journey'), path.join(folder, 'messy.journey'));
        const io = memoryIO(folder);
        expect(await fmtCommand.run(['messy.journey'], io)).toBe(0);
        expect(io.out).toBe('messy.journey\n');
        expect(readFileSync(path.join(folder, 'messy.journey'), 'utf8')).toBe(readFileSync(path.join(FIXTURES, 'messy.formatted.journey'), 'utf8'));
        expect(readdirSync(folder)).toEqual(['messy.journey']);
        const again = memoryIO(folder);
        expect(await fmtCommand.run(['messy.journey', '--check'], again)).toBe(0);
    });

    test('a file that does not parse is left alone and named with its line', async () => {
        const io = memoryIO(FIXTURES);
        expect(await fmtCommand.run(['syntax.journey'], io)).toBe(1);
        expect(io.err).toBe('journey fmt: syntax.journey:2:11 not formatted: Expected a text in double quotes after `stage` in a stage, but found `{`.\n');
    });
});

describe('the project examples', () => {
    const examples = path.join(FIXTURES, '..', '..', '..', 'examples');

    test('are canonical (fmt --check) and have no errors (check)', async () => {
        const fmt = memoryIO(examples);
        expect(await fmtCommand.run(['.', '--check'], fmt)).toBe(0);
        expect(fmt.out + fmt.err).toBe('');
        const io = memoryIO(examples);
        expect(await checkCommand.run(['.'], io)).toBe(0);
        expect(io.out).toBe('');
    });
});
