import type { CliCommand } from '../cli-io.js';

/**
 * Every `journey` command, loaded lazily so that a cold `journey check` does
 * not pay for the engine or Vega. Each command lives in its own file.
 */
export const COMMANDS: Record<string, { summary: string; load: () => Promise<CliCommand> }> = {
    check: { summary: 'validate journey files', load: async () => (await import('./check.js')).checkCommand },
    fmt: { summary: 'format journey files in the canonical layout', load: async () => (await import('./fmt.js')).fmtCommand },
    run: { summary: 'run journeys on a store and print the report', load: async () => (await import('./run.js')).runCommand },
    import: { summary: 'load CSV/NDJSON files or a whole store into a store, all or nothing', load: async () => (await import('./import.js')).importCommand },
    sample: { summary: 'write a realistic demo store', load: async () => (await import('./sample.js')).sampleCommand },
    export: { summary: 'write a static list or the unsummarized per-object data', load: async () => (await import('./export.js')).exportCommand },
    diff: { summary: 'what changed in meaning (and with --db in numbers) between two journey files', load: async () => (await import('./diff.js')).diffCommand },
    test: { summary: 're-run journeys and compare with their .snap.json (exit 1 when a number moved)', load: async () => (await import('./test.js')).testCommand },
    new: { summary: 'write a journey from a sample template (--list shows them)', load: async () => (await import('./new.js')).newCommand },
    demo: { summary: 'create the sample store if missing and run the example journey', load: async () => (await import('./demo.js')).demoCommand },
};
