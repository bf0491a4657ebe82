/**
 * Expected results as code: `journey run FILE --snapshot` writes
 * `FILE.snap.json` (the reports' numbers in a stable key order, no timing),
 * and `journey test` compares a fresh run with it, naming every number that
 * moved. The run's "today" is kept so relative date ranges reproduce.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { JourneyReport } from '../engine/report.js';
import { UserError } from './cli-io.js';
import { writeFileAtomic } from './write-output.js';

export const SNAPSHOT_SUFFIX = '.snap.json';
export const SNAPSHOT_VERSION = 1;

export interface Snapshot {
    version: number;
    /** The run's date: `journey test` runs on it again, so `dates last 30 days` stays the same 30 days. */
    today: string;
    /** One per journey of the file, in file order, each a report without `elapsedMs`. */
    journeys: Record<string, unknown>[];
}

export function snapshotPathOf(journeyFile: string): string {
    return `${journeyFile}${SNAPSHOT_SUFFIX}`;
}

// Key order per object kind, as cli.md lists the fields; unknown keys follow, sorted, so a
// field an engine adds later is snapshotted too and still in a stable place.
const REPORT_KEYS = ['journey', 'source', 'dateRange', 'entered', 'completed', 'conversionRate', 'stages'];
const STAGE_KEYS = ['name', 'optional', 'count', 'conversionFromPrevious', 'conversionFromFirst', 'medianSecondsFromPrevious', 'events', 'breakdown', 'topEvents', 'paths'];
const NESTED_KEYS: Record<string, string[]> = {
    dateRange: ['from', 'to'],
    events: ['event', 'count'],
    topEvents: ['event', 'count'],
    breakdown: ['event', 'property', 'rows', 'other'],
    rows: ['value', 'events', 'count', 'continued'],
    other: ['count', 'continued'],
    paths: ['direction', 'depth', 'rows'],
};
/** Never part of a snapshot: it differs on every run. */
const EXCLUDED = new Set(['elapsedMs']);

/** The report's numbers with a stable key order and without timing. */
export function snapshotOfReport(report: JourneyReport): Record<string, unknown> {
    return ordered(report as unknown as Record<string, unknown>, REPORT_KEYS, key => (key === 'stages' ? STAGE_KEYS : NESTED_KEYS[key]));
}

function ordered(value: Record<string, unknown>, keys: string[], keysOf: (key: string) => string[] | undefined): Record<string, unknown> {
    const rest = Object.keys(value).filter(k => !keys.includes(k)).sort();
    const out: Record<string, unknown> = {};
    for (const key of [...keys, ...rest]) {
        if (!(key in value) || value[key] === undefined || EXCLUDED.has(key)) continue;
        out[key] = canonical(value[key], keysOf(key) ?? [], k => NESTED_KEYS[k]);
    }
    return out;
}

function canonical(value: unknown, keys: string[], keysOf: (key: string) => string[] | undefined): unknown {
    if (Array.isArray(value)) return value.map(v => canonical(v, keys, keysOf));
    if (value !== null && typeof value === 'object') return ordered(value as Record<string, unknown>, keys, keysOf);
    return value;
}

export function snapshotOf(reports: JourneyReport[], today: string): Snapshot {
    return { version: SNAPSHOT_VERSION, today, journeys: reports.map(snapshotOfReport) };
}

export function snapshotText(snapshot: Snapshot): string {
    return `${JSON.stringify(snapshot, null, 2)}\n`;
}

/** Writes `FILE.snap.json` beside the journey file, replacing any old one atomically. */
export function writeSnapshot(journeyFile: string, reports: JourneyReport[], today: string): string {
    const target = snapshotPathOf(journeyFile);
    writeFileAtomic(target, snapshotText(snapshotOf(reports, today)));
    return target;
}

/** Reads a snapshot, with one clear sentence for a missing, broken or foreign file. */
export function readSnapshot(snapshotPath: string, displayPath = snapshotPath): Snapshot {
    if (!existsSync(snapshotPath)) {
        throw new UserError(`${displayPath} does not exist; write it with 'journey run ${displayPath.slice(0, -SNAPSHOT_SUFFIX.length)} --db STORE --snapshot'`);
    }
    let data: unknown;
    try {
        data = JSON.parse(readFileSync(snapshotPath, 'utf8'));
    } catch (error) {
        throw new UserError(`${displayPath} is not valid JSON (${(error as Error).message}); write it again with 'journey run ... --snapshot'`);
    }
    const snapshot = data as Partial<Snapshot>;
    if (!snapshot || typeof snapshot !== 'object' || snapshot.version !== SNAPSHOT_VERSION
        || typeof snapshot.today !== 'string' || !Array.isArray(snapshot.journeys)) {
        throw new UserError(`${displayPath} is not a journey snapshot (version ${SNAPSHOT_VERSION} with "today" and "journeys"); write it again with 'journey run ... --snapshot'`);
    }
    return snapshot as Snapshot;
}

/**
 * Every difference between an expected and an actual snapshot, one line each,
 * e.g. `journey "Pages" › stage "Demo" › count: 120 → 118 (−2)`. Lists are
 * matched by what names their elements (journey, stage, event, value), so an
 * inserted stage reads as one stage added rather than every stage changed.
 */
export function compareSnapshots(expected: Snapshot, actual: Snapshot): string[] {
    const out: string[] = [];
    compareValues([], expected.journeys, actual.journeys, out);
    return out;
}

function compareValues(at: string[], a: unknown, b: unknown, out: string[]): void {
    if (Array.isArray(a) && Array.isArray(b)) return compareLists(at, a, b, out);
    if (isRecord(a) && isRecord(b)) {
        for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
            if (!(key in b)) out.push(`${where([...at, key])}: ${show(a[key])} → (absent)`);
            else if (!(key in a)) out.push(`${where([...at, key])}: (absent) → ${show(b[key])}`);
            else compareValues([...at, key], a[key], b[key], out);
        }
        return;
    }
    if (Object.is(a, b) || (typeof a === 'number' && typeof b === 'number' && sameNumber(a, b))) return;
    const change = typeof a === 'number' && typeof b === 'number' ? ` (${b > a ? '+' : '−'}${formatNumber(Math.abs(b - a))})` : '';
    out.push(`${where(at)}: ${show(a)} → ${show(b)}${change}`);
}

function compareLists(at: string[], a: unknown[], b: unknown[], out: string[]): void {
    const labels = (list: unknown[]) => list.map(labelOf);
    const [la, lb] = [labels(a), labels(b)];
    const keyed = la.every(l => l !== undefined) && lb.every(l => l !== undefined)
        && new Set(la).size === la.length && new Set(lb).size === lb.length;
    if (!keyed) {
        for (let i = 0; i < Math.max(a.length, b.length); i++) {
            if (i >= b.length) out.push(`${where([...at, `[${i + 1}]`])}: ${show(a[i])} → (absent)`);
            else if (i >= a.length) out.push(`${where([...at, `[${i + 1}]`])}: (absent) → ${show(b[i])}`);
            else compareValues([...at, `[${i + 1}]`], a[i], b[i], out);
        }
        return;
    }
    la.forEach((label, i) => {
        const j = lb.indexOf(label);
        if (j < 0) out.push(`${where([...at, label!])}: no longer in the report`);
        else compareValues([...at, label!], a[i], b[j], out);
    });
    lb.forEach((label, j) => { if (!la.includes(label)) out.push(`${where([...at, label!])}: new in the report (${show(b[j])})`); });
    const common = la.filter(l => lb.includes(l));
    const commonB = lb.filter(l => la.includes(l));
    if (common.some((l, k) => l !== commonB[k])) out.push(`${where(at)}: order ${common.join(', ')} → ${commonB.join(', ')}`);
}

/** How a list element is named in messages: `journey "X"`, `stage "Y"`, `event page_viewed`, `row "/pricing"`, `path a → b`. */
function labelOf(value: unknown): string | undefined {
    if (!isRecord(value)) return undefined;
    if (typeof value.journey === 'string') return `journey ${JSON.stringify(value.journey)}`;
    if (typeof value.name === 'string') return `stage ${JSON.stringify(value.name)}`;
    if (typeof value.event === 'string' && !('property' in value)) return `event ${value.event}`;
    if ('value' in value) return `row ${JSON.stringify(value.value)}`;
    if (Array.isArray(value.events)) return `path ${value.events.join(' → ') || '(empty)'}`;
    return undefined;
}

/** Containers whose elements carry their own label read better without the container's key. */
const IMPLIED = new Set(['stages', 'events', 'rows']);

function where(at: string[]): string {
    const shown = at.filter((segment, i) => !(IMPLIED.has(segment) && i + 1 < at.length && at[i + 1].includes(' ')));
    return shown.length ? shown.join(' › ') : 'journeys';
}

/**
 * Counts are whole numbers and compare exactly; rates and medians may be
 * computed in another order by another engine, so float noise is not a move.
 */
function sameNumber(a: number, b: number): boolean {
    if (Number.isInteger(a) && Number.isInteger(b)) return a === b;
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function show(value: unknown): string {
    if (typeof value === 'number') return formatNumber(value);
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function formatNumber(n: number): string {
    // Rates are fractions; 12 significant digits hide float noise without hiding a real move.
    return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(12)));
}
