/** `journey diff --db`: both versions run on a real sample store, stage by stage before → after. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { memoryIO } from '../../cli/cli-io.js';
import { diffCommand } from '../../cli/commands/diff.js';
import { runJourneys } from '../../cli/commands/run.js';
import { sampleCommand } from '../../cli/commands/sample.js';
import type { JourneyReport } from '../../engine/report.js';
import { formatCount, formatRate } from '../../engine/diff/diff-format.js';
import { createGitFixture, type GitFixture } from './diff-git-fixture.js';

const OLD = `journey "Pages to deals" {
    dates from 2025-01-01 to 2026-06-30
    stage "Visited a page" {
        event page_viewed
    }
    stage "Submitted a form" {
        event form_submitted
    }
    stage "Booked a meeting" {
        event meeting_booked
    }
}
`;
// Narrower first stage, a stage renamed, one added: every kind of row.
const NEW = OLD
    .replace('event page_viewed', 'event page_viewed where url_path = "/pricing"')
    .replace('stage "Submitted a form"', 'stage "Form submitted"')
    .replace('    stage "Booked a meeting"', '    stage "Deal created" {\n        event deal_created\n    }\n    stage "Booked a meeting"');

let repo: GitFixture;
let oldReport: JourneyReport;
let newReport: JourneyReport;
beforeAll(async () => {
    repo = createGitFixture();
    expect(await sampleCommand.run(['--db', 'store.sqlite', '--contacts', '200'], memoryIO(repo.dir))).toBe(0);
    repo.write('pages.journey', OLD);
    repo.commit('old');
    oldReport = (await runJourneys({ file: 'pages.journey', db: 'store.sqlite', today: '2026-06-30' }, memoryIO(repo.dir))).reports[0];
    repo.write('pages.journey', NEW);
    newReport = (await runJourneys({ file: 'pages.journey', db: 'store.sqlite', today: '2026-06-30' }, memoryIO(repo.dir))).reports[0];
});
afterAll(() => repo.remove());

describe('journey diff --db', () => {
    it('shows each stage\'s count and conversion before → after, lined up through the rename', async () => {
        expect(oldReport.entered).toBeGreaterThan(newReport.entered);
        const io = memoryIO(repo.dir);
        expect(await diffCommand.run(['HEAD:pages.journey', 'pages.journey', '--db', 'store.sqlite', '--today', '2026-06-30', '--format', 'md'], io)).toBe(0);
        const [o, n] = [oldReport.stages, newReport.stages];
        const row = (name: string, a: number | undefined, b: number | undefined) => `| ${name} | ${a === undefined ? '(none)' : formatCount(a)} → ${b === undefined ? '(none)' : formatCount(b)} |`;
        expect(io.out).toContain(row('Visited a page', o[0].count, n[0].count));
        expect(io.out).toContain(row('Form submitted', o[1].count, n[1].count));
        expect(io.out).toContain(`${row('Deal created', undefined, n[2].count)}  | (none) → ${formatRate(n[2].conversionFromPrevious)} |  |`);
        expect(io.out).toContain(`${row('Booked a meeting', o[2].count, n[3].count)} −${formatCount(o[2].count - n[3].count)} | ${formatRate(o[2].conversionFromPrevious)} → ${formatRate(n[3].conversionFromPrevious)} |`);
        expect(io.out).toContain(`| *entered* | ${formatCount(oldReport.entered)} → ${formatCount(newReport.entered)} | −${formatCount(oldReport.entered - newReport.entered)} |`);
        expect(io.out).toContain('- stage renamed: "Submitted a form" → "Form submitted"');
    });

    it('shows unchanged numbers as ±0 when only the layout changed', async () => {
        const io = memoryIO(repo.dir);
        await diffCommand.run(['HEAD:pages.journey', 'HEAD:pages.journey', '--db', 'store.sqlite', '--today', '2026-06-30'], io);
        expect(io.out).toContain('No change in meaning.');
        expect(io.out).toContain(`  Visited a page     ${formatCount(oldReport.stages[0].count)} → ${formatCount(oldReport.stages[0].count)} (±0)`);
        expect(io.out).toMatch(/\(completed\) +[\d,]+ → [\d,]+ \(±0\) +[\d.]+% → [\d.]+% \(±0 pp\)/);
    });

    it('gives the same numbers as JSON, and names a missing store', async () => {
        const io = memoryIO(repo.dir);
        await diffCommand.run(['HEAD:pages.journey', path.join(repo.dir, 'pages.journey'), '--db', 'store.sqlite', '--today', '2026-06-30', '--format', 'json'], io);
        const numbers = JSON.parse(io.out).journeys[0].numbers;
        expect(numbers.entered).toEqual({ before: oldReport.entered, after: newReport.entered, difference: newReport.entered - oldReport.entered });
        expect(numbers.stages.map((s: { name: string }) => s.name)).toEqual(['Visited a page', 'Form submitted', 'Deal created', 'Booked a meeting']);
        await expect(diffCommand.run(['HEAD:pages.journey', 'pages.journey', '--db', 'nope.sqlite'], memoryIO(repo.dir)))
            .rejects.toThrow('the store nope.sqlite does not exist');
    });
});
