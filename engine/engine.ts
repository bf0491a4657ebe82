/**
 * What every engine (sql.js columnar, DuckDB, ClickHouse) offers. The CLI, the
 * language server and the tests use engines only through this interface.
 */
import type { JourneyPlan } from './plan.js';
import type { JourneyReport, StaticList, UnsummarizedRow } from './report.js';

export type EngineName = 'sqljs' | 'duckdb' | 'clickhouse';

export interface RunOptions {
    /** Aborting stops the run promptly with an AbortError. */
    signal?: AbortSignal;
    /** Progress in [0, 1] with a short phrase, for progress bars and notifications. */
    onProgress?: (fraction: number, message: string) => void;
}

export interface Engine {
    readonly name: EngineName;
    /** The report of one journey (cli.md `--format json`). */
    run(plan: JourneyPlan, options?: RunOptions): Promise<JourneyReport>;
    /** Objects that reached (or dropped off after) a stage, ordered by id, at most `limit`. */
    staticList(plan: JourneyPlan, stageIndex: number, mode: 'reached' | 'dropped', limit?: number, options?: RunOptions): Promise<StaticList>;
    /** One row per object counted at stage 1 with its first-touch time at each stage. */
    unsummarized(plan: JourneyPlan, options?: RunOptions): Promise<UnsummarizedRow[]>;
    close(): Promise<void>;
}
