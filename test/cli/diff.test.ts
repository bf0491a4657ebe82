import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { memoryIO, UserError } from '../../cli/cli-io.js';
import { diffCommand } from '../../cli/commands/diff.js';
import { MARKDOWN_MARKER } from '../../engine/diff/diff-format.js';
import { createGitFixture, type GitFixture } from './diff-git-fixture.js';

const V1 = `journey "Pages to deals" {
    dates last 90 days
    stage "Visited a page" {
        event page_viewed where url_path starts with "/pricing"
    }
    stage "Booked a meeting" {
        event meeting_booked
    }
}
`;

let repo: GitFixture;
beforeEach(() => {
    repo = createGitFixture();
    repo.write('journeys/pages.journey', V1);
    repo.commit('first version');
});
afterEach(() => repo.remove());

async function diff(args: string[], cwd = repo.dir) {
    const io = memoryIO(cwd);
    const code = await diffCommand.run(args, io);
    return { code, out: io.out, err: io.err };
}

describe('journey diff with REV:path', () => {
    it('compares a committed version with the working file', async () => {
        repo.write('journeys/pages.journey', V1.replace('    stage "Booked a meeting"', '    optional stage "Called" {\n        event call_logged\n    }\n    stage "Booked a meeting"'));
        const { code, out } = await diff(['HEAD:journeys/pages.journey', 'journeys/pages.journey']);
        expect(code).toBe(0);
        expect(out).toBe([
            'HEAD:journeys/pages.journey → journeys/pages.journey',
            '',
            'journey "Pages to deals": 1 change in meaning',
            '  - optional stage "Called" added as the 2nd stage (event call_logged)',
            '',
        ].join('\n'));
    });

    it('compares two revisions, reading paths relative to the current folder', async () => {
        repo.write('journeys/pages.journey', V1.replace('dates last 90 days', 'dates last 30 days'));
        repo.commit('shorter range');
        const { out } = await diff(['HEAD~1:pages.journey', 'HEAD:pages.journey'], path.join(repo.dir, 'journeys'));
        expect(out).toContain('  - dates: last 90 days → last 30 days\n');
    });

    it('reads branch names, and says "no change in meaning" for a reformatted file', async () => {
        repo.git('branch', 'base');
        repo.write('journeys/pages.journey', `// reformatted\n${V1.replace(/\n\s+/g, ' ')}`);
        const { out } = await diff(['base:journeys/pages.journey', 'journeys/pages.journey']);
        expect(out).toContain('No change in meaning.\n');
        expect(out).toContain('journey "Pages to deals": no change in meaning');
    });

    it('reads a file missing at REV as empty, so its journeys show as added', async () => {
        repo.write('journeys/tickets.journey', 'journey "Tickets" {\n    source tickets\n    stage "Opened" {\n        event ticket_created\n    }\n}\n');
        const { out, err } = await diff(['HEAD:journeys/tickets.journey', 'journeys/tickets.journey']);
        expect(err).toContain('journeys/tickets.journey does not exist at HEAD; compared as an empty file');
        expect(out).toContain('journey "Tickets": added (1 stage: "Opened")');
    });

    it('names an unknown revision, a missing file and a path outside the repository clearly', async () => {
        await expect(diff(['nosuchbranch:journeys/pages.journey', 'journeys/pages.journey']))
            .rejects.toThrow(/'nosuchbranch' is not a revision of the git repository/);
        await expect(diff(['journeys/missing.journey', 'journeys/pages.journey']))
            .rejects.toThrow('journeys/missing.journey does not exist (give a file or REV:path)');
        await expect(diff(['HEAD:../elsewhere.journey', 'journeys/pages.journey'])).rejects.toThrow(/outside the git repository/);
        await expect(diff(['--', '--output=x:journeys/pages.journey', 'journeys/pages.journey'])).rejects.toThrow("'--output=x' is not a revision");
    });

    it('compares a version with validation errors anyway, noting each error', async () => {
        repo.write('journeys/pages.journey', V1.replace('stage "Booked a meeting"', 'stage "Visited a page"'));
        const { out, err } = await diff(['HEAD:journeys/pages.journey', 'journeys/pages.journey']);
        expect(err).toMatch(/^journey diff: note: journeys\/pages\.journey:\d+:\d+ error duplicate-stage .* \(compared anyway\)$/m);
        expect(out).toContain('journey "Pages to deals": ');
    });

    it('stops on a syntax error with the file, line and column', async () => {
        repo.write('journeys/pages.journey', V1.replace('event meeting_booked', 'event meeting_booked where'));
        const error = await diff(['HEAD:journeys/pages.journey', 'journeys/pages.journey']).catch(e => e);
        expect(error).toBeInstanceOf(UserError);
        expect(error.message).toMatch(/^journeys\/pages\.journey:8:\d+: /);
    });
});

describe('journey diff formats and arguments', () => {
    beforeEach(() => repo.write('journeys/pages.journey', V1.replace('"/pricing"', '"/features"')));

    it('writes Markdown ready for a pull-request comment', async () => {
        const { out } = await diff(['HEAD:journeys/pages.journey', 'journeys/pages.journey', '--format', 'md']);
        expect(out).toBe([
            MARKDOWN_MARKER,
            '### Journey diff: `HEAD:journeys/pages.journey` → `journeys/pages.journey`',
            '',
            '**journey "Pages to deals"**: 1 change in meaning',
            '',
            '- stage "Visited a page": event page\\_viewed filter changed: where url\\_path starts with "/pricing" → where url\\_path starts with "/features"',
            '',
        ].join('\n'));
    });

    it('writes JSON with each change\'s kind and stage', async () => {
        const { out } = await diff(['HEAD:journeys/pages.journey', 'journeys/pages.journey', '--format', 'json']);
        const json = JSON.parse(out);
        expect(json).toMatchObject({ old: 'HEAD:journeys/pages.journey', new: 'journeys/pages.journey', meaningChanged: true });
        expect(json.journeys).toEqual([{
            oldName: 'Pages to deals', newName: 'Pages to deals', status: 'changed',
            changes: [{ kind: 'event-filter', stage: 'Visited a page', message: expect.stringContaining('"/features"') }],
        }]);
    });

    it('rejects a wrong number of files, an unknown format or option, and a bad --today', async () => {
        await expect(diff(['journeys/pages.journey'])).rejects.toThrow(/expected two journey files/);
        await expect(diff(['a', 'b', '--format', 'html'])).rejects.toThrow("unknown --format 'html' (use text, md or json)");
        await expect(diff(['a', 'b', '--colour'])).rejects.toThrow(/--colour/);
        await expect(diff(['a', 'b', '--today', '2026-02-30'])).rejects.toThrow("--today must be a real day written YYYY-MM-DD, not '2026-02-30'");
    });
});
