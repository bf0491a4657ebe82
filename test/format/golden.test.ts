/**
 * Golden files for every `--format`, rendered from the fixed reports in
 * fixture-reports.ts. A mismatch fails; after an intended change, regenerate
 * with `UPDATE_GOLDEN=1 npx vitest run test/format` and review the diff.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { formatReports, REPORT_FORMATS, type ReportFormat } from '../../engine/format/index.js';
import { AWKWARD, PAGES_TO_DEALS } from './fixture-reports.js';

const goldenDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../golden');
const update = process.env.UPDATE_GOLDEN === '1';
const EXTENSION: Record<ReportFormat, string> = { table: 'txt', json: 'json', csv: 'csv', md: 'md', html: 'html', svg: 'svg' };

async function checkGolden(name: string, actual: string): Promise<void> {
    const file = path.join(goldenDir, name);
    if (update) {
        mkdirSync(goldenDir, { recursive: true });
        writeFileSync(file, actual);
        return;
    }
    expect(existsSync(file), `golden file ${name} is missing; run with UPDATE_GOLDEN=1 to create it`).toBe(true);
    expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('golden output of every format', () => {
    for (const format of REPORT_FORMATS) {
        test(`${format}: one journey`, async () => {
            await checkGolden(`pages-to-deals.${EXTENSION[format]}`, await formatReports([PAGES_TO_DEALS], format, true));
        });
        test(`${format}: two journeys, awkward names`, async () => {
            await checkGolden(`two-journeys.${EXTENSION[format]}`, await formatReports([PAGES_TO_DEALS, AWKWARD], format, false));
        });
    }

    test('the golden check fails on a changed number', async () => {
        const changed = structuredClone(PAGES_TO_DEALS);
        changed.stages[2].count = 481;
        for (const format of ['table', 'json', 'csv', 'md'] as const) {
            const golden = readFileSync(path.join(goldenDir, `pages-to-deals.${EXTENSION[format]}`), 'utf8');
            expect(await formatReports([changed], format, true)).not.toBe(golden);
        }
    });
});
