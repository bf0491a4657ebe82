/** What a command may touch: its arguments' meaning is its own, output goes through here, so tests run commands in-process. */
export interface CliIO {
    stdout: (text: string) => void;
    stderr: (text: string) => void;
    cwd: string;
    /** True when stderr is a terminal (progress bars are drawn only then). */
    isTTY: boolean;
    /** Aborted on Ctrl-C; long work checks it and stops, leaving nothing half-written. */
    signal: AbortSignal;
}

export interface CliCommand {
    name: string;
    summary: string;
    usage: string;
    /** Returns the process exit code. Throw UserError for a clear one-sentence failure. */
    run(args: string[], io: CliIO): Promise<number>;
}

/** A failure the user caused or can fix: printed as one sentence, no stack trace (unless --debug). */
export class UserError extends Error {
    constructor(message: string, readonly exitCode = 1) {
        super(message);
        this.name = 'UserError';
    }
}

/** io for a real process. */
export function processIO(signal: AbortSignal): CliIO {
    return {
        stdout: text => process.stdout.write(text),
        stderr: text => process.stderr.write(text),
        cwd: process.cwd(),
        isTTY: Boolean(process.stderr.isTTY),
        signal,
    };
}

/** io that collects output, for tests. */
export function memoryIO(cwd = process.cwd()): CliIO & { out: string; err: string } {
    const io = {
        out: '',
        err: '',
        cwd,
        isTTY: false,
        signal: new AbortController().signal,
        stdout: (text: string) => { io.out += text; },
        stderr: (text: string) => { io.err += text; },
    };
    return io;
}
