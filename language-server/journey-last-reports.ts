/**
 * The last report of each document, kept by the server after a run so that
 * editor features that depend on results (Pathfinder to stages) can offer
 * them without running again. One per document URI; the newest run wins.
 */
import type { JourneyReport } from '../engine/report.js';

export class LastReports {
    private readonly byUri = new Map<string, JourneyReport[]>();
    /** Documents are few; the cap only guards a long session that ran thousands of files. */
    private static readonly MAX = 200;

    remember(uri: string, reports: JourneyReport[]): void {
        this.byUri.delete(uri);
        this.byUri.set(uri, reports);
        if (this.byUri.size > LastReports.MAX) this.byUri.delete(this.byUri.keys().next().value!);
    }

    get(uri: string): JourneyReport[] | undefined {
        return this.byUri.get(uri);
    }

    forget(uri: string): void {
        this.byUri.delete(uri);
    }
}

/**
 * The server's one memory: the run request (journey-report-requests.ts)
 * writes it and the code action provider reads it, both in the same process;
 * a module-level instance avoids threading it through Langium's service module.
 */
export const lastReports = new LastReports();
