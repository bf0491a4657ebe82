/**
 * THE message protocol shared by the language server, the extension host and
 * the report webview: custom LSP requests/notifications (method names, params,
 * results) and the JSON messages between host and page. Type-only imports and
 * plain functions, so that the browser bundle can include it.
 *
 * Everything arriving from the webview is untrusted: `parseWebviewMessage`
 * validates it at run time and returns undefined for anything unknown, which
 * the host then ignores.
 */
import type { EngineName } from '../engine/engine.js';
import type { JourneyReport } from '../engine/report.js';
import type { ReportFilters } from '../engine/report-filters.js';
import type { JourneyDelta } from '../engine/diff/result-delta.js';

// ---------------------------------------------------------------- LSP (client ↔ server)

/** Where the data is and how to read it; sent with every request that touches a store. */
export interface StoreParams {
    /** Absolute path of the store file (or a clickhouse:// address). */
    store: string;
    engine: EngineName;
}

/** A journey file to run: its URI and, when open in an editor, its current text. */
export interface JourneySource {
    uri: string;
    /** The editor's text (unsaved edits included); read from disk when absent. */
    text?: string;
    /** Only this journey of the file; all of them when absent. */
    journey?: string;
    /** The run's date, `YYYY-MM-DD` (setting `journey.today`); today's UTC date when absent. */
    today?: string;
}

export interface RunJourneyParams extends StoreParams, JourneySource {
    /** Identifies this run's `journey/progress` notifications. */
    progressToken: string;
    /** The preview's filters (date range, breakdown value): narrow the run without editing the file. */
    filters?: ReportFilters;
}

/** Where a journey and its stages are written, so the editor can annotate the lines. */
export interface JourneyLocation {
    journey: string;
    /** 0-based line of the `journey` keyword. */
    line: number;
    stages: { name: string; line: number }[];
}

export interface RunJourneyResult {
    /** One report per journey run, in file order. */
    reports: JourneyReport[];
    locations: JourneyLocation[];
    /** Set instead of reports when the file has validation errors (first error, one sentence). */
    error?: string;
}

export interface ProgressParams {
    token: string;
    /** In [0, 1]. */
    fraction: number;
    message: string;
}

export interface StoreInfoResult {
    store: string;
    exists: boolean;
    totalEvents: number;
    eventTypes: number;
}

export type ListMode = 'reached' | 'dropped';

export interface ExportListParams extends StoreParams, JourneySource {
    journey: string;
    stage: string;
    mode: ListMode;
    /** Absolute path of the CSV to write (replaced atomically). */
    out: string;
}

export interface ExportListResult {
    out: string;
    rows: number;
    /** Objects left out by the 100,000 limit. */
    cut: number;
}

export interface ExportUnsummarizedParams extends StoreParams, JourneySource {
    journey: string;
    out: string;
}

export interface ExportUnsummarizedResult {
    out: string;
    rows: number;
}

export type ImportTable = 'events' | 'objects' | 'identities' | 'associations' | 'event-types';

export interface ImportParams extends StoreParams {
    files: { table: ImportTable; path: string }[];
}

export interface CommandResult {
    /** One sentence for the user (what was done). */
    message: string;
}

/** Renders reports in one of the CLI's text formats (engine/format), for "Export report". */
export interface FormatReportParams {
    reports: JourneyReport[];
    format: 'html' | 'csv';
}

export interface CreateSampleParams {
    store: string;
    contacts?: number;
}

// ---- editor features: compare versions, guided creation (extension/src/compare, extension/src/create)

/** The older version to compare with: a git revision of the file, or a text (the other side of a diff editor). */
export type CompareBefore = { rev: string } | { text: string; label: string };

export interface CompareParams extends StoreParams {
    /** The journey file; its current text is `text` (the editor's, unsaved edits included). */
    uri: string;
    text: string;
    before: CompareBefore;
    today?: string;
    progressToken: string;
}

export interface CompareJourney {
    oldName?: string;
    newName?: string;
    status: 'added' | 'removed' | 'changed' | 'unchanged';
    /** The changes in meaning, in words (engine/diff). */
    changes: string[];
    delta: JourneyDelta;
    before?: JourneyReport;
    after?: JourneyReport;
}

export interface CompareResult {
    oldLabel: string;
    newLabel: string;
    meaningChanged: boolean;
    journeys: CompareJourney[];
}

export interface RevisionsParams {
    uri: string;
}

export interface FileRevision {
    /** Full commit hash. */
    rev: string;
    short: string;
    date: string;
    subject: string;
}

export interface RevisionsResult {
    revisions: FileRevision[];
}

export interface CatalogEventsResult {
    /** The store's event names with their counts, most events first. */
    events: { name: string; category: string; objectType: string; count: number }[];
}

export const JourneyMethods = {
    compare: 'journey/compare',
    revisions: 'journey/revisions',
    catalogEvents: 'journey/catalogEvents',
    run: 'journey/run',
    progress: 'journey/progress',
    storeInfo: 'journey/storeInfo',
    exportList: 'journey/exportList',
    exportUnsummarized: 'journey/exportUnsummarized',
    importData: 'journey/import',
    createSample: 'journey/createSample',
    formatReport: 'journey/formatReport',
} as const;

// ---------------------------------------------------------------- host → webview

export interface ReportPayload {
    /** The journey file's URI and its base name for the title. */
    uri: string;
    fileName: string;
    store: string;
    /** ISO time of the run. */
    ranAt: string;
    reports: JourneyReport[];
    /** The journey to show first (Run from a journey's code lens). */
    focus?: string;
    /** The preview filters this run used (absent: the file as written). */
    filters?: ReportFilters;
}

export type HostToWebviewMessage =
    | { type: 'report'; payload: ReportPayload }
    | { type: 'running'; fraction: number; message: string }
    | { type: 'error'; message: string }
    /** Asks the page for its funnel chart as an image; answered by `image`. */
    | { type: 'renderImage'; requestId: string; format: 'png' | 'svg'; journey: string };

// ---------------------------------------------------------------- webview → host

export type WebviewToHostMessage =
    | { type: 'ready' }
    | { type: 'refresh' }
    | { type: 'cancel' }
    | { type: 'createList'; journey: string; stage: string; mode: ListMode }
    | { type: 'exportUnsummarized'; journey: string }
    | { type: 'exportReport' }
    | { type: 'revealStage'; journey: string; stage: string }
    | { type: 'image'; requestId: string; format: 'png' | 'svg'; data: string }
    | { type: 'imageFailed'; requestId: string; message: string }
    /** Preview filters: re-run narrowed (nothing set: the file as written). */
    | { type: 'setFilters'; filters: ReportFilters }
    /** Write the chosen date range into the file as `dates from … to …`. */
    | { type: 'writeDates'; journey: string; from: string; to: string }
    /** Turn Pathfinder row `row` (0-based) of a stage into stages; the host reads the row from its own last report. */
    | { type: 'pathStages'; journey: string; stage: string; row: number };

const MAX_NAME = 1000;
/** PNG data URLs of a large chart stay far below this; anything bigger is refused. */
const MAX_IMAGE = 20_000_000;

function isName(value: unknown): value is string {
    return typeof value === 'string' && value.length > 0 && value.length <= MAX_NAME;
}

function isId(value: unknown): value is string {
    return typeof value === 'string' && /^[\w-]{1,100}$/.test(value);
}

/**
 * The validated message, or undefined when `value` is not exactly one of the
 * known messages (unknown type, missing or mistyped field, extra junk types).
 * Only the fields named in the protocol are copied, so nothing else leaks on.
 */
export function parseWebviewMessage(value: unknown): WebviewToHostMessage | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    const m = value as Record<string, unknown>;
    switch (m.type) {
        case 'ready':
        case 'refresh':
        case 'cancel':
        case 'exportReport':
            return { type: m.type };
        case 'createList':
            if (isName(m.journey) && isName(m.stage) && (m.mode === 'reached' || m.mode === 'dropped')) {
                return { type: 'createList', journey: m.journey, stage: m.stage, mode: m.mode };
            }
            return undefined;
        case 'exportUnsummarized':
            return isName(m.journey) ? { type: 'exportUnsummarized', journey: m.journey } : undefined;
        case 'revealStage':
            return isName(m.journey) && isName(m.stage) ? { type: 'revealStage', journey: m.journey, stage: m.stage } : undefined;
        case 'image':
            if (isId(m.requestId) && (m.format === 'png' || m.format === 'svg') && typeof m.data === 'string' && m.data.length <= MAX_IMAGE) {
                return { type: 'image', requestId: m.requestId, format: m.format, data: m.data };
            }
            return undefined;
        case 'imageFailed':
            return isId(m.requestId) && typeof m.message === 'string'
                ? { type: 'imageFailed', requestId: m.requestId, message: m.message.slice(0, 500) } : undefined;
        case 'setFilters': {
            const filters = parseReportFilters(m.filters);
            return filters ? { type: 'setFilters', filters } : undefined;
        }
        case 'pathStages':
            return isName(m.journey) && isName(m.stage) && Number.isInteger(m.row) && (m.row as number) >= 0 && (m.row as number) < 1000
                ? { type: 'pathStages', journey: m.journey, stage: m.stage, row: m.row as number } : undefined;
        case 'writeDates':
            return isName(m.journey) && isDay(m.from) && isDay(m.to) ? { type: 'writeDates', journey: m.journey, from: m.from, to: m.to } : undefined;
        default:
            return undefined;
    }
}

function isDay(value: unknown): value is string {
    return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
}

/** Filters from the page: days as YYYY-MM-DD (both or neither), a breakdown value that is a string, number or boolean. */
export function parseReportFilters(value: unknown): ReportFilters | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    const f = value as Record<string, unknown>;
    const filters: ReportFilters = {};
    if (f.from !== undefined || f.to !== undefined) {
        if (!isDay(f.from) || !isDay(f.to)) return undefined;
        filters.from = f.from;
        filters.to = f.to;
    }
    if (f.breakdown !== undefined) {
        const b = f.breakdown as Record<string, unknown> | null;
        const v = b?.value;
        if (!b || !isName(b.stage) || !(typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && v.length <= MAX_NAME))) return undefined;
        filters.breakdown = { stage: b.stage, value: v };
    }
    return filters;
}

/** The page validates what it gets too: a host bug must not break the page silently. */
export function parseHostMessage(value: unknown): HostToWebviewMessage | undefined {
    if (typeof value !== 'object' || value === null) return undefined;
    const m = value as Record<string, unknown>;
    switch (m.type) {
        case 'report': {
            const p = m.payload as Record<string, unknown> | undefined;
            if (p && typeof p.uri === 'string' && typeof p.fileName === 'string' && Array.isArray(p.reports)) {
                return { type: 'report', payload: p as unknown as ReportPayload };
            }
            return undefined;
        }
        case 'running':
            return typeof m.fraction === 'number' && typeof m.message === 'string'
                ? { type: 'running', fraction: m.fraction, message: m.message } : undefined;
        case 'error':
            return typeof m.message === 'string' ? { type: 'error', message: m.message } : undefined;
        case 'renderImage':
            return isId(m.requestId) && (m.format === 'png' || m.format === 'svg') && typeof m.journey === 'string'
                ? { type: 'renderImage', requestId: m.requestId, format: m.format, journey: m.journey } : undefined;
        default:
            return undefined;
    }
}

/** State the page keeps across hide/show and reload (vscode.setState); also the serializer's payload. */
export interface WebviewState {
    uri: string;
    payload?: ReportPayload;
    /** Which journey tab is selected when the file holds several. */
    selectedJourney?: string;
}

export function parseWebviewState(value: unknown): WebviewState | undefined {
    if (typeof value !== 'object' || value === null) return undefined;
    const s = value as Record<string, unknown>;
    if (typeof s.uri !== 'string' || !/^[a-z][\w+.-]*:/i.test(s.uri)) return undefined;
    const state: WebviewState = { uri: s.uri };
    if (typeof s.selectedJourney === 'string') state.selectedJourney = s.selectedJourney;
    const p = s.payload as Record<string, unknown> | undefined;
    if (p && typeof p.uri === 'string' && Array.isArray(p.reports)) state.payload = p as unknown as ReportPayload;
    return state;
}
