/**
 * `journey run --snapshot` and `journey test` on a real (small) sample store:
 * the snapshot is written, a re-run passes, and a moved number fails with exit 1
 * and the difference shown.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { memoryIO } from '../../cli/cli-io.js';
import { sampleCommand } from '../../cli/commands/sample.js';
import { testCommand } from '../../cli/commands/test.js';
import { runCommand } from '../../cli/commands/run.js';
import { readSnapshot } from '../../cli/snapshot.js';

const PAGES = `journey "Pages to meetings" {
    dates last 12 months
    stage "Viewed pricing" {
        event page_viewed where url_path = "/pricing"
    }
    stage "Booked a meeting" {
        event meeting_booked
    }
}
`;
const TICKETS = `journey "Tickets" {
    source tickets
    stage "Opened" {
        event ticket_created
    }
    stage "Closed" {
        event ticket_closed
    }
}
`;

let dir: string;
beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'journey-test-cmd-'));
    const io = memoryIO(dir);
    expect(await sampleCommand.run(['--db', 'fixture.sqlite', '--contacts', '200'], io)).toBe(0);
    mkdirSync(path.join(dir, 'journeys/support'), { recursive: true });
    writeFileSync(path.join(dir, 'journeys/pages.journey'), PAGES);
    writeFileSync(path.join(dir, 'journeys/support/tickets.journey'), TICKETS);
    writeFileSync(path.join(dir, 'journeys/unsnapshotted.journey'), TICKETS.replace('Tickets', 'Other'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function journeyTest(args: string[], cwd = dir) {
    const io = memoryIO(cwd);
    const code = await testCommand.run(args, io);
    return { code, out: io.out, err: io.err };
}

describe('journey test', () => {
    it('writes snapshots with --update, recording the day of the run', async () => {
        const { code, out } = await journeyTest(['journeys/pages.journey', 'journeys/support/tickets.journey', '--db', 'fixture.sqlite', '--today', '2026-06-30', '--update']);
        expect(code).toBe(0);
        expect(out).toBe('updated journeys/pages.journey.snap.json\nupdated journeys/support/tickets.journey.snap.json\n');
        const snapshot = readSnapshot(path.join(dir, 'journeys/pages.journey.snap.json'));
        expect(snapshot.today).toBe('2026-06-30');
        expect(snapshot.journeys[0]).toMatchObject({ journey: 'Pages to meetings', dateRange: { from: '2025-07-01', to: '2026-06-30' } });
        expect((snapshot.journeys[0] as { entered: number }).entered).toBeGreaterThan(0);
        expect(JSON.stringify(snapshot)).not.toContain('elapsedMs');
    });

    it('passes on a snapshot written by `journey run --snapshot`, which --update writes identically', async () => {
        const snap = path.join(dir, 'journeys/pages.journey.snap.json');
        const fromUpdate = readFileSync(snap, 'utf8');
        rmSync(snap);
        const io = memoryIO(dir);
        expect(await runCommand.run(['journeys/pages.journey', '--db', 'fixture.sqlite', '--today', '2026-06-30', '--snapshot', '--format', 'json'], io)).toBe(0);
        expect(io.err).toContain('Wrote the snapshot journeys/pages.journey.snap.json');
        expect(readFileSync(snap, 'utf8')).toBe(fromUpdate);
        const entered = (JSON.parse(io.out) as { entered: number }).entered;
        expect((readSnapshot(snap).journeys[0] as { entered: number }).entered).toBe(entered);
        const { code, out } = await journeyTest(['journeys/pages.journey', '--db', 'fixture.sqlite']);
        expect(out).toContain('ok   journeys/pages.journey (1 journey)');
        expect(code).toBe(0);
    });

    it('passes when nothing moved, finding every snapshotted journey under the current folder', async () => {
        // No --today: the day recorded in the snapshot keeps `dates last 12 months` where it was.
        const { code, out } = await journeyTest(['--db', 'fixture.sqlite']);
        expect(out).toBe('ok   journeys/pages.journey (1 journey)\nok   journeys/support/tickets.journey (1 journey)\n\n2 passed, 0 failed\n');
        expect(code).toBe(0);
        const inside = await journeyTest(['--db', '../../fixture.sqlite'], path.join(dir, 'journeys/support'));
        expect(inside.out).toContain('ok   tickets.journey (1 journey)');
        const folder = await journeyTest(['journeys/support', '--db', 'fixture.sqlite']);
        expect(folder.out).toBe('ok   journeys/support/tickets.journey (1 journey)\n\n1 passed, 0 failed\n');
    });

    it('fails with exit 1 and shows the numbers that moved', async () => {
        const file = path.join(dir, 'journeys/pages.journey');
        const before = readSnapshot(`${file}.snap.json`).journeys[0] as { entered: number };
        try {
            writeFileSync(file, PAGES.replace('url_path = "/pricing"', 'url_path starts with "/"'));
            const { code, out } = await journeyTest(['journeys/pages.journey', '--db', 'fixture.sqlite']);
            expect(code).toBe(1);
            expect(out).toMatch(/^FAIL journeys\/pages\.journey: \d+ differences? from journeys\/pages\.journey\.snap\.json \(expected → actual\)\n/);
            const entered = /journey "Pages to meetings" › entered: (\d+) → (\d+) \(\+(\d+)\)/.exec(out);
            expect(entered).not.toBeNull();
            expect(Number(entered![1])).toBe(before.entered);
            expect(Number(entered![3])).toBe(Number(entered![2]) - before.entered);
            expect(out).toContain('stage "Viewed pricing" › count: ');
            expect(out).toMatch(/\n0 passed, 1 failed\n$/);
        } finally {
            writeFileSync(file, PAGES);
        }
    });

    it('fails a named file that has no snapshot, and a journey that no longer validates, but tests the rest', async () => {
        const { code, out } = await journeyTest(['journeys/unsnapshotted.journey', 'journeys/support/tickets.journey', '--db', 'fixture.sqlite']);
        expect(code).toBe(1);
        expect(out).toContain("FAIL journeys/unsnapshotted.journey: journeys/unsnapshotted.journey.snap.json does not exist; write it with 'journey run journeys/unsnapshotted.journey --db STORE --snapshot'");
        expect(out).toContain('ok   journeys/support/tickets.journey');
        const file = path.join(dir, 'journeys/support/tickets.journey');
        try {
            writeFileSync(file, TICKETS.replace('stage "Closed"', 'stage "Opened"'));
            const broken = await journeyTest(['journeys/support/tickets.journey', '--db', 'fixture.sqlite']);
            expect(broken.code).toBe(1);
            expect(broken.out).toMatch(/^FAIL journeys\/support\/tickets\.journey: journeys\/support\/tickets\.journey is not valid/);
        } finally {
            writeFileSync(file, TICKETS);
        }
    });

    it('says so when there is nothing to test, and requires --db', async () => {
        const empty = mkdtempSync(path.join(tmpdir(), 'journey-test-empty-'));
        try {
            const { code, err } = await journeyTest(['--db', path.join(dir, 'fixture.sqlite')], empty);
            expect(code).toBe(0);
            expect(err).toContain('no *.journey file with a .snap.json beside it');
        } finally {
            rmSync(empty, { recursive: true, force: true });
        }
        await expect(journeyTest([])).rejects.toThrow(/--db STORE is required/);
        expect(existsSync(path.join(dir, 'journeys/unsnapshotted.journey.snap.json'))).toBe(false);
        expect(readFileSync(path.join(dir, 'journeys/pages.journey'), 'utf8')).toBe(PAGES);
    });
});
