/**
 * Sample templates (issue 9): each one is formatted, valid against the sample
 * store's catalog (no error or warning), and counts someone in every stage of
 * the sample store; `journey new` writes them and `--list` describes them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { memoryIO } from '../../cli/cli-io.js';
import { checkCommand } from '../../cli/commands/check.js';
import { listTemplates, newCommand } from '../../cli/commands/new.js';
import { runJourneys } from '../../cli/commands/run.js';
import { sampleCommand } from '../../cli/commands/sample.js';
import { formatJourneyText } from '../../language-server/journey-formatter.js';

const TEMPLATES = listTemplates();
let dir: string;

beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'journey-new-'));
    // The sample store exactly as `journey sample` writes it by default.
    expect(await sampleCommand.run(['--db', 'sample.sqlite'], memoryIO(dir))).toBe(0);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function journeyNew(args: string[]) {
    const io = memoryIO(dir);
    const code = await newCommand.run(args, io);
    return { code, out: io.out, err: io.err };
}

describe('the templates', () => {
    it('cover the six goals, each with a one-line description', () => {
        expect(TEMPLATES.map(t => t.name)).toEqual(expect.arrayContaining([
            'pages-to-deals', 'email-to-meeting', 'ad-to-contact', 'deal-pipeline', 'ticket-journey', 'before-key-stage',
        ]));
        for (const t of TEMPLATES) {
            expect(t.description, t.name).toMatch(/^\S.{20,}$/);
            expect(t.text.split('\n')[0], t.name).toBe(`// ${t.description}`);
        }
    });

    it.each(TEMPLATES.map(t => [t.name, t] as const))('%s is in the canonical layout', (name, t) => {
        expect(formatJourneyText(t.text), `${name} is not in the canonical layout`).toBe(t.text);
    });

    it('are valid on the sample store, without an error or a warning', async () => {
        // One check of all templates: reading the store's catalog once keeps this quick.
        for (const t of TEMPLATES) writeFileSync(path.join(dir, `${t.name}.journey`), t.text);
        const io = memoryIO(dir);
        const code = await checkCommand.run([...TEMPLATES.map(t => `${t.name}.journey`), '--db', 'sample.sqlite', '--today', '2026-06-30'], io);
        expect(io.out + io.err).toBe('');
        expect(code).toBe(0);
        // The check is real: a wrong event name in a template would be reported.
        writeFileSync(path.join(dir, 'broken.journey'), TEMPLATES[0].text.replace(/event (\w+)/, 'event $1_typo'));
        const broken = memoryIO(dir);
        await checkCommand.run(['broken.journey', '--db', 'sample.sqlite'], broken);
        expect(broken.out).toContain('unknown-event');
    });

    it.each(TEMPLATES.map(t => [t.name] as const))('%s counts someone in every stage of the sample store', async name => {
        writeFileSync(path.join(dir, `${name}.journey`), TEMPLATES.find(t => t.name === name)!.text);
        const { reports } = await runJourneys({ file: `${name}.journey`, db: 'sample.sqlite', today: '2026-06-30' }, memoryIO(dir));
        expect(reports.length).toBeGreaterThan(0);
        for (const report of reports) {
            for (const stage of report.stages) expect(stage.count, `${name}: stage "${stage.name}"`).toBeGreaterThan(0);
            for (const stage of report.stages.filter(s => s.paths)) expect(stage.paths!.rows.length, `${name}: paths of "${stage.name}"`).toBeGreaterThan(0);
        }
    });

    it('use the sources their goals name', async () => {
        const sourceOf = (name: string) => /source (\w+)/.exec(TEMPLATES.find(t => t.name === name)!.text)?.[1];
        expect(sourceOf('deal-pipeline')).toBe('deals');
        expect(sourceOf('ticket-journey')).toBe('tickets');
        expect(TEMPLATES.find(t => t.name === 'before-key-stage')!.text).toMatch(/paths before/);
    });
});

describe('journey new', () => {
    it('lists the templates, one name and description a line', async () => {
        const { code, out } = await journeyNew(['--list']);
        expect(code).toBe(0);
        const lines = out.trimEnd().split('\n');
        expect(lines).toHaveLength(TEMPLATES.length);
        TEMPLATES.forEach((t, i) => expect(lines[i]).toMatch(new RegExp(`^${t.name} +${t.description.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`)));
    });

    it('writes a template to FILE (adding .journey), and refuses to replace a file without --force', async () => {
        const { code, err } = await journeyNew(['q3-pages', '--template', 'pages-to-deals']);
        expect(code).toBe(0);
        expect(err).toContain("Wrote q3-pages.journey from the template 'pages-to-deals'");
        const written = readFileSync(path.join(dir, 'q3-pages.journey'), 'utf8');
        expect(written).toBe(TEMPLATES.find(t => t.name === 'pages-to-deals')!.text);
        await expect(journeyNew(['q3-pages.journey', '--template', 'ticket-journey'])).rejects.toThrow('q3-pages.journey already exists; pass --force to replace it');
        expect(await journeyNew(['q3-pages.journey', '--template', 'ticket-journey', '--force']).then(r => r.code)).toBe(0);
        expect(readFileSync(path.join(dir, 'q3-pages.journey'), 'utf8')).toContain('source tickets');
    });

    it('names the templates when one is unknown or missing', async () => {
        await expect(journeyNew(['x', '--template', 'funnel'])).rejects.toThrow(/there is no template 'funnel' \(the templates are .*pages-to-deals/);
        await expect(journeyNew(['x'])).rejects.toThrow(/--template T is required/);
        await expect(journeyNew(['--template', 'pages-to-deals'])).rejects.toThrow(/give one file to write/);
        expect(existsSync(path.join(dir, 'x.journey'))).toBe(false);
    });
});
