// Child process for import-concurrent.test.ts: imports one file into a store, as `journey import` would.
import { importSources } from '../../engine/import/importer.js';
import { SqlJsSink } from '../../engine/import/sqljs-sink.js';

const [store, table, file] = process.argv.slice(2);
importSources(new SqlJsSink(store), [{ kind: 'file', table, file }]).then(
    summary => { process.stdout.write(`${JSON.stringify(summary)}\n`); },
    (error: Error) => { process.stderr.write(`${error.message}\n`); process.exitCode = 1; },
);
