/**
 * Stores with faults for the reliability tests: a small clean store whose
 * report the reference matcher computes, and SQL that breaks it in one way
 * each (as another tool, a crash or a hostile writer might leave it).
 */
import { writeFileSync } from 'node:fs';
import { EmptyFileSystem } from 'langium';
import { buildPlan } from '../../engine/plan-builder.js';
import type { JourneyPlan } from '../../engine/plan.js';
import { loadSqlJs } from '../../engine/stores/sqljs/sqljs-loader.js';
import { STORE_SCHEMA_SQL } from '../../engine/stores/sqljs/schema.js';
import { loadJourneyText } from '../../language-server/journey-document-loader.js';
import { createJourneyServices } from '../../language-server/journey-module.js';
import { emptyStore, writeStore, type StoreData } from '../reference/store-data.js';

export const TODAY = '2026-06-30';
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);

export const FAULT_JOURNEY = `journey "Faults" {
    source contacts
    dates from 2026-01-01 to 2026-06-30
    stage "Viewed" {
        event page_viewed where url_path starts with "/p" breakdown by url_path
    }
    stage "Submitted" {
        event form_submitted
    }
}
`;

/** 30 contacts: every one views a page (/pricing, /p2 or /), every third submits a form days later. */
export function cleanData(): StoreData {
    const data = emptyStore();
    const paths = ['/pricing', '/p2', '/'];
    for (let i = 0; i < 30; i++) {
        const id = `c${i}`;
        data.objects.push({ object_type: 'contact', object_id: id, created_at: T0, properties: '{"lifecyclestage":"lead"}' });
        data.events.push({ event_id: `v${i}`, event_name: 'page_viewed', occurred_at: T0 + i * DAY, object_type: 'contact', object_id: id, anonymous_id: null, properties: JSON.stringify({ url_path: paths[i % 3] }) });
        if (i % 3 !== 2 && i % 2 === 0) {
            data.events.push({ event_id: `f${i}`, event_name: 'form_submitted', occurred_at: T0 + i * DAY + 3 * DAY, object_type: 'contact', object_id: id, anonymous_id: null, properties: '{}' });
        }
    }
    data.event_types.push(
        { event_name: 'page_viewed', category: 'web_pages', object_type: 'contact', supports_anonymous: 1, description: null },
        { event_name: 'form_submitted', category: 'forms', object_type: 'contact', supports_anonymous: 0, description: null },
    );
    return data;
}

export async function planOf(text: string): Promise<JourneyPlan> {
    const loaded = await loadJourneyText(createJourneyServices(EmptyFileSystem).Journey, text);
    if (loaded.hasErrors) throw new Error(`test journey has errors: ${loaded.diagnostics.map(d => d.message).join('; ')}`);
    return buildPlan(loaded.file.journeys[0], { today: TODAY });
}

/**
 * Writes a store file: `ddl` (the contract's schema unless given) holding `data`,
 * then `afterSql` run on it (the fault).
 */
export async function writeFaultStore(file: string, data: StoreData, afterSql = '', ddl = STORE_SCHEMA_SQL): Promise<void> {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    try {
        db.exec(ddl);
        writeStore(db, data);
        if (afterSql) db.exec(afterSql);
        writeFileSync(file, db.export());
    } finally {
        db.close();
    }
}

/** The contract's DDL without NOT NULL / PRIMARY KEY constraints, as a careless tool might create it. */
export const LOOSE_SCHEMA_SQL = STORE_SCHEMA_SQL.replace(/ NOT NULL/g, '').replace(/ PRIMARY KEY(?! \()/g, '').replace(/,\s*PRIMARY KEY \([^)]*\)/g, '');
