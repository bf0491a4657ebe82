/** A throwaway git repository for tests that read `REV:path`. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface GitFixture {
    dir: string;
    write(file: string, text: string): void;
    git(...args: string[]): string;
    commit(message: string): string;
    remove(): void;
}

export function createGitFixture(): GitFixture {
    const dir = mkdtempSync(path.join(tmpdir(), 'journey-git-'));
    const env = {
        ...process.env,
        GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.com',
        GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.com',
        GIT_CONFIG_NOSYSTEM: '1', HOME: dir,
    };
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env, encoding: 'utf8' });
    git('init', '-q', '-b', 'main');
    return {
        dir,
        git,
        write(file, text) {
            mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
            writeFileSync(path.join(dir, file), text);
        },
        commit(message) {
            git('add', '-A');
            git('commit', '-q', '-m', message);
            return git('rev-parse', 'HEAD').trim();
        },
        remove() {
            rmSync(dir, { recursive: true, force: true });
        },
    };
}
