/**
 * A one-line progress bar on stderr, drawn only when stderr is a terminal
 * (scripts and CI logs get no control characters). Redraws at most ~10 times a
 * second so that progress callbacks from hot loops cost nothing.
 */
import type { CliIO } from './cli-io.js';

export interface Progress {
    /** fraction in [0, 1]; message is a short phrase such as "120,000 rows". */
    update(fraction: number, message?: string): void;
    /** Clears the bar (call on success and on failure). */
    done(): void;
}

const WIDTH = 24;

export function createProgress(io: Pick<CliIO, 'isTTY' | 'stderr'>, label: string, now: () => number = Date.now): Progress {
    if (!io.isTTY) return { update() { /* silent when not a terminal */ }, done() { /* nothing drawn */ } };
    let last = 0;
    let drawn = false;
    return {
        update(fraction, message = '') {
            const time = now();
            if (drawn && time - last < 100 && fraction < 1) return;
            last = time;
            drawn = true;
            io.stderr(`\r\x1b[2K${renderBar(label, fraction, message)}`);
        },
        done() {
            if (drawn) io.stderr('\r\x1b[2K');
            drawn = false;
        },
    };
}

/** The bar's text, e.g. `import [######------------------]  25% 1,000 rows` (pure, for tests). */
export function renderBar(label: string, fraction: number, message: string): string {
    const f = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
    const filled = Math.round(f * WIDTH);
    const percent = `${Math.floor(f * 100)}%`.padStart(4);
    return `${label} [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${percent}${message ? ` ${message}` : ''}`;
}
