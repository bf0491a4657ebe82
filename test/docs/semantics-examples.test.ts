/**
 * Every worked example in docs/semantics.md is run on the real engines (sql.js, DuckDB, ClickHouse on chDB): the
 * example's events table becomes a store, its journey is parsed and planned,
 * and every number the example's result tables state must equal the report's.
 * The tables are read from the doc itself, so the doc cannot drift from the code.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmptyFileSystem } from 'langium';
import { createJourneyServices } from '../../language-server/journey-module.js';
import { loadJourneyText } from '../../language-server/journey-document-loader.js';
import { buildPlan } from '../../engine/plan-builder.js';
import { loadSqlJs } from '../../engine/stores/sqljs/sqljs-loader.js';
import { STORE_SCHEMA_SQL } from '../../engine/stores/sqljs/schema.js';
import { createSqlJsEngine } from '../../engine/stores/sqljs/sqljs-engine.js';
import type { Database } from 'sql.js';
import type { Engine } from '../../engine/engine.js';
import { memoryIO } from '../../cli/cli-io.js';
import { importCommand } from '../../cli/commands/import.js';
import { openEngine } from '../../engine/open-engine.js';
import { closeChdb } from '../../engine/stores/clickhouse/clickhouse-chdb.js';
import type { JourneyReport } from '../../engine/report.js';
import { workedExamples, type Table, type WorkedExample } from './markdown.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const doc = readFileSync(path.join(root, 'docs/semantics.md'), 'utf8');
const examples = workedExamples(doc);
const services = createJourneyServices(EmptyFileSystem).Journey;

/** The doc's convention: `09:00` is on 2026-03-02 UTC; `2026-03-03 09:00` is that day. */
function exampleTime(cell: string): number {
    const match = /^(?:(\d{4}-\d{2}-\d{2}) )?(\d{2}):(\d{2})$/.exec(cell.trim());
    if (!match) throw new Error(`'${cell}' is not a time like 09:00 or 2026-03-03 09:00`);
    const ms = Date.parse(`${match[1] ?? '2026-03-02'}T${match[2]}:${match[3]}:00Z`);
    if (Number.isNaN(ms)) throw new Error(`'${cell}' is not a real time`);
    return ms;
}

/** A stated number: `—` is null, otherwise a plain decimal. */
function statedNumber(cell: string): number | null {
    if (cell === '—') return null;
    const value = Number(cell.replace(/,/g, ''));
    if (cell === '' || Number.isNaN(value)) throw new Error(`'${cell}' is not a number`);
    return value;
}

/**
 * The example's store. Events name their object either as `object` (a contact
 * id, the doc's shorthand) or with the store's own columns `object_type`,
 * `object_id`, `anonymous_id` (an empty cell is NULL).
 */
async function buildStore(example: WorkedExample): Promise<Database> {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    db.run(STORE_SCHEMA_SQL);
    const { headers, rows } = example.events;
    const cell = (row: string[], name: string) => (headers.includes(name) ? row[headers.indexOf(name)] : '');
    for (const name of ['event_id', 'event', 'time']) {
        if (!headers.includes(name)) throw new Error(`example ${example.name}: events table lacks column '${name}'`);
    }
    const contacts = new Set<string>();
    for (const row of rows) {
        const properties = cell(row, 'properties') || '{}';
        JSON.parse(properties);
        const shorthand = cell(row, 'object');
        const objectType = shorthand ? 'contact' : cell(row, 'object_type') || null;
        const objectId = shorthand || cell(row, 'object_id') || null;
        if (objectType === 'contact' && objectId) contacts.add(objectId);
        db.run('INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?)', [cell(row, 'event_id'), cell(row, 'event'),
            exampleTime(cell(row, 'time')), objectType, objectId, cell(row, 'anonymous_id') || null, properties]);
    }
    const objects = example.storeTables.get('objects');
    for (const row of objects?.rows ?? []) {
        db.run('INSERT INTO objects VALUES (?, ?, 0, ?)', [row[0], row[1], row[2] || '{}']);
    }
    if (!objects) for (const contact of contacts) db.run(`INSERT INTO objects VALUES ('contact', ?, 0, '{}')`, [contact]);
    for (const row of example.storeTables.get('identities')?.rows ?? []) db.run('INSERT INTO identities VALUES (?, ?)', row);
    for (const row of example.storeTables.get('associations')?.rows ?? []) db.run('INSERT INTO associations VALUES (?, ?, ?, ?)', row);
    for (const row of example.storeTables.get('event_types')?.rows ?? []) db.run('INSERT INTO event_types VALUES (?, ?, ?, ?, NULL)', row);
    return db;
}

interface ExampleRun {
    report: JourneyReport;
    /** Static lists by stage name: objects reached and dropped. */
    lists: Map<string, { reached: string[]; dropped: string[] }>;
    /** The unsummarized export: object → first-touch ms per stage (null: not counted). */
    unsummarized: Map<string, (number | null)[]>;
}

type EngineKind = 'sqljs' | 'duckdb' | 'chdb';
const scratch = mkdtempSync(path.join(tmpdir(), 'journey-semantics-doc-'));
afterAll(async () => {
    await closeChdb();
    rmSync(scratch, { recursive: true, force: true });
});

/**
 * The engine on the example's store: sql.js on the database itself, DuckDB and
 * ClickHouse (current, in-process through chDB) on a copy made by `journey import --store`.
 */
async function engineOn(kind: EngineKind, db: Database, name: string): Promise<Engine> {
    if (kind === 'sqljs') return createSqlJsEngine(db);
    const sqlite = path.join(scratch, `${name}.sqlite`);
    writeFileSync(sqlite, db.export());
    if (kind === 'chdb') {
        const address = `chdb://${path.join(scratch, 'chdb')}/${name.replace(/\W/g, '_')}`;
        expect(await importCommand.run(['--db', address, '--store', sqlite], memoryIO(scratch))).toBe(0);
        return openEngine(address);
    }
    const duck = path.join(scratch, `${name}.duckdb`);
    expect(await importCommand.run(['--db', duck, '--store', sqlite], memoryIO(scratch))).toBe(0);
    const { openDuckDbEngine } = await import('../../engine/stores/duckdb/duckdb-engine.js');
    return openDuckDbEngine(duck);
}

async function runExample(example: WorkedExample, kind: EngineKind): Promise<ExampleRun> {
    const loaded = await loadJourneyText(services, example.journey);
    expect(loaded.diagnostics.filter(d => d.severity === 1).map(d => d.message)).toEqual([]);
    const plan = buildPlan(loaded.file.journeys[0], { today: '2026-03-02' });
    const db = await buildStore(example);
    const engine = await engineOn(kind, db, example.name);
    try {
        const report = await engine.run(plan);
        const lists = new Map<string, { reached: string[]; dropped: string[] }>();
        for (const [index, stage] of plan.stages.entries()) {
            lists.set(stage.name, {
                reached: (await engine.staticList(plan, index, 'reached')).objects,
                dropped: (await engine.staticList(plan, index, 'dropped')).objects,
            });
        }
        const unsummarized = new Map((await engine.unsummarized(plan)).map(row => [row.object, row.firstTouch]));
        return { report, lists, unsummarized };
    } finally {
        await engine.close();
        db.close();
    }
}

function stage(report: JourneyReport, name: string) {
    const found = report.stages.find(s => s.name === name);
    if (!found) throw new Error(`the report has no stage '${name}'`);
    return found;
}

/** Compares one result table of the doc with the report; returns how many numbers it checked. */
function checkTable(run: ExampleRun, table: Table): number {
    const { report } = run;
    const [first] = table.headers;
    const actual: unknown[] = [];
    const stated: unknown[] = [];
    const columns: Record<string, (s: ReturnType<typeof stage>) => unknown> = {
        'count': s => s.count,
        'from previous': s => s.conversionFromPrevious,
        'from first': s => s.conversionFromFirst,
        'median s': s => s.medianSecondsFromPrevious,
    };
    const ids = (cell: string) => (cell === '—' ? [] : cell.split(',').map(id => id.trim()));
    const clock = (ms: number | null) => (ms === null ? '—' : new Date(ms).toISOString().slice(11, 16));
    if (first === 'stage' && table.headers[1] === 'reached') {
        for (const [stageName, reached, dropped] of table.rows) {
            actual.push(run.lists.get(stageName)?.reached, run.lists.get(stageName)?.dropped);
            stated.push(ids(reached), ids(dropped));
        }
    } else if (first === 'object') {
        actual.push(...[...run.unsummarized.entries()].sort().map(([object, times]) => [object, ...times.map(clock)]));
        stated.push(...table.rows);
    } else if (first === 'stage' && table.headers[1] === 'event') {
        for (const [stageName, event, count] of table.rows) {
            actual.push(stage(report, stageName).events.find(e => e.event === event)?.count);
            stated.push(statedNumber(count));
        }
    } else if (first === 'stage') {
        for (const row of table.rows) {
            table.headers.slice(1).forEach((header, i) => {
                if (!columns[header]) throw new Error(`unknown result column '${header}' (line ${table.line})`);
                actual.push(columns[header](stage(report, row[0])));
                stated.push(statedNumber(row[i + 1]));
            });
        }
    } else if (first === 'entered') {
        const [entered, completed, rate] = table.rows[0];
        actual.push(report.entered, report.completed, report.conversionRate);
        stated.push(statedNumber(entered), statedNumber(completed), statedNumber(rate));
    } else if (first === 'value') {
        const breakdown = report.stages.find(s => s.breakdown)?.breakdown;
        const rows = breakdown ? [...breakdown.rows.map(r => [JSON.stringify(r.value), r.count, r.continued ?? null]), ['(other)', breakdown.other.count, breakdown.other.continued ?? null]] : [];
        actual.push(...rows.flat());
        stated.push(...table.rows.flatMap(([value, count, continued]) => [
            value === '(other)' ? value : value.replace(/^`|`$/g, ''), statedNumber(count), statedNumber(continued),
        ]));
    } else if (first === 'top event') {
        const top = report.stages.find(s => s.topEvents)?.topEvents ?? [];
        actual.push(...top.flatMap(t => [t.event, t.count]));
        stated.push(...table.rows.flatMap(([event, count]) => [event, statedNumber(count)]));
    } else if (first === 'path') {
        const rows = report.stages.find(s => s.paths)?.paths?.rows ?? [];
        actual.push(...rows.flatMap(r => [r.events.join(' → '), r.count]));
        stated.push(...table.rows.flatMap(([events, count]) => [events, statedNumber(count)]));
    } else {
        throw new Error(`a result table must start with stage, entered, value, top event, path or object (line ${table.line})`);
    }
    expect(actual, `the table at docs/semantics.md line ${table.line}`).toEqual(stated);
    return stated.length;
}

describe('docs/semantics.md worked examples', () => {
    test('the doc holds the worked examples the tests expect', () => {
        expect(examples.map(e => e.name)).toEqual([
            'anonymous', 'associations', 'object-filter', 'basics', 'ties', 'one-event', 'window', 'optional', 'dates', 'last-month', 'not-equal', 'campaign',
            'breakdown', 'top-events', 'paths',
        ]);
    });

    test('times in the examples follow the doc convention', () => {
        expect(exampleTime('09:00')).toBe(Date.UTC(2026, 2, 2, 9, 0));
        expect(exampleTime('2026-03-03 00:00')).toBe(Date.UTC(2026, 2, 3));
        expect(() => exampleTime('9am')).toThrow(/not a time/);
    });

    describe.each<EngineKind>(['sqljs', 'duckdb', 'chdb'])('numbers on the %s engine', kind => {
        for (const example of examples) {
            test(`${example.name} (line ${example.line})`, async () => {
                const run = await runExample(example, kind);
                let checked = 0;
                for (const table of example.results) checked += checkTable(run, table);
                expect(checked).toBeGreaterThan(0);
            });
        }
    });
});
