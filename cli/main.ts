// The `journey` command line: dispatches to one file per command.
import { COMMANDS } from './commands/index.js';
import { processIO, UserError } from './cli-io.js';
import { VERSION } from './version.js';

const HELP = `journey ${VERSION} — customer-journey reports as code

Usage: journey <command> [options]

Commands:
${Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`).join('\n')}

Options for all commands: --help, --version, --debug (stack traces on errors).
Run 'journey <command> --help' for a command's options.
`;

export async function main(argv: string[]): Promise<number> {
    const debug = argv.includes('--debug');
    const args = argv.filter(a => a !== '--debug');
    const [name, ...rest] = args;
    if (!name || name === '--help' || name === '-h' || name === 'help') {
        process.stdout.write(HELP);
        return 0;
    }
    if (name === '--version' || name === '-v') {
        process.stdout.write(`${VERSION}\n`);
        return 0;
    }
    const entry = COMMANDS[name];
    if (!entry) {
        process.stderr.write(`journey: unknown command '${name}'. Run 'journey --help' for the list.\n`);
        return 2;
    }
    const controller = new AbortController();
    const onInterrupt = () => {
        if (controller.signal.aborted) process.exit(130);
        controller.abort();
    };
    process.on('SIGINT', onInterrupt);
    try {
        const command = await entry.load();
        if (rest.includes('--help') || rest.includes('-h')) {
            process.stdout.write(`${command.usage}\n`);
            return 0;
        }
        if (rest.includes('--version')) {
            process.stdout.write(`${VERSION}\n`);
            return 0;
        }
        return await command.run(rest, processIO(controller.signal));
    } catch (error) {
        if (controller.signal.aborted) {
            process.stderr.write('journey: cancelled.\n');
            return 130;
        }
        if (debug) {
            process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
        } else {
            const message = error instanceof Error ? error.message : String(error);
            process.stderr.write(`journey ${name}: ${message.replace(/\s+$/, '')}\n`);
        }
        return error instanceof UserError ? error.exitCode : 1;
    } finally {
        process.off('SIGINT', onInterrupt);
    }
}

// A closed pipe (`journey check ... | head`) ends output quietly, not with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
        throw error;
    });
}

main(process.argv.slice(2)).then(code => { process.exitCode = code; });
