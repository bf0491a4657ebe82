/**
 * The journey rules that need the store's catalog (`unknown-event`,
 * `unknown-property`, `campaign-category`, `anonymous-unsupported`,
 * `large-report`). Called only when a catalog is loaded; pure over
 * (journey, catalog, today).
 */
import type { ValidationAcceptor } from 'langium';
import { AstUtils } from 'langium';
import type { CatalogEvent, StoreCatalog } from '../engine/catalog.js';
import { CAMPAIGN_CATEGORIES, countEventsInRange } from '../engine/catalog.js';
import { OBJECT_TYPE_OF_SOURCE, type Source } from '../engine/plan.js';
import { resolveDates } from '../engine/plan-builder.js';
import { isComparison, type Condition, type DatesSetting, type EventItem, type Journey } from './generated/ast.js';
import { Codes, LARGE_REPORT_EVENTS } from './journey-validation-codes.js';
import { closestNames } from './journey-names.js';
import { eventReferences } from './journey-validator.js';

export function checkStoreRules(journey: Journey, catalog: StoreCatalog, today: string, accept: ValidationAcceptor): void {
    for (const ref of eventReferences(journey)) {
        if (catalog.events.has(ref.name)) continue;
        const close = closestNames(ref.name, catalog.events.keys());
        const hint = close.length ? ` Did you mean ${close.map(n => `"${n}"`).join(', ')}?` : '';
        accept('warning', `The store has no event "${ref.name}".${hint}`,
            { node: ref.node, property: ref.property, index: ref.index, code: Codes.unknownEvent, data: { code: Codes.unknownEvent, name: ref.name } });
    }
    for (const stage of journey.stages) {
        for (const item of stage.items) {
            if (item.$type !== 'EventItem') continue;
            const event = catalog.events.get(item.event);
            if (!event) continue;
            checkEventProperties(item, event, accept);
            if (item.campaigns.length && !CAMPAIGN_CATEGORIES.has(event.category)) {
                accept('error', `\`campaign\` applies only to ads, CTA, form, marketing email, marketing event and web page events; "${event.name}" is in category ${event.category}.`,
                    { node: item, keyword: 'campaign', code: Codes.campaignCategory });
            }
        }
    }
    const source = (journey.settings.find(s => s.$type === 'SourceSetting')?.source ?? 'contacts') as Source;
    checkObjectProperties(journey, catalog, source, accept);
    const anonymous = journey.settings.some(s => s.$type === 'AnonymousSetting');
    if (anonymous && source === 'contacts') {
        for (const stage of journey.stages) {
            const names = stage.items.flatMap(item => item.$type === 'EventItem' ? [item.event] : []);
            if (names.length === 0) continue;
            if (!names.some(name => catalog.events.get(name)?.supportsAnonymous)) {
                accept('warning', `No event of stage "${stage.name}" supports anonymous visitors, so this stage counts known contacts only.`,
                    { node: stage, property: 'name', code: Codes.anonymousUnsupported });
            }
        }
    }
    checkLargeReport(journey, catalog, today, accept);
}

function checkEventProperties(item: EventItem, event: CatalogEvent, accept: ValidationAcceptor): void {
    const known = new Set(event.properties.map(p => p.name));
    for (const where of item.wheres) {
        for (const cmp of comparisons(where)) {
            if (cmp.property !== undefined && !known.has(cmp.property)) {
                accept('warning', `No "${event.name}" event in the store has a property "${cmp.property}".`,
                    { node: cmp, property: 'property', code: Codes.unknownProperty });
            }
        }
    }
    for (const breakdown of item.breakdowns) {
        if (breakdown.property !== undefined && !known.has(breakdown.property)) {
            accept('warning', `No "${event.name}" event in the store has a property "${breakdown.property}".`,
                { node: breakdown, property: 'property', code: Codes.unknownProperty });
        }
    }
}

/** A journey-level `where` tests the object's properties; checked only when the store has such objects. */
function checkObjectProperties(journey: Journey, catalog: StoreCatalog, source: Source, accept: ValidationAcceptor): void {
    const objectType = OBJECT_TYPE_OF_SOURCE[source];
    const properties = catalog.objectProperties.get(objectType) ?? [];
    if (!properties.some(p => p.name !== 'created_at')) return;
    const known = new Set(properties.map(p => p.name));
    for (const setting of journey.settings) {
        if (setting.$type !== 'WhereSetting') continue;
        for (const cmp of comparisons(setting.condition)) {
            if (cmp.property !== undefined && !known.has(cmp.property)) {
                accept('warning', `No ${objectType} in the store has a property "${cmp.property}".`,
                    { node: cmp, property: 'property', code: Codes.unknownProperty });
            }
        }
    }
}

function checkLargeReport(journey: Journey, catalog: StoreCatalog, today: string, accept: ValidationAcceptor): void {
    if (catalog.totalEvents <= LARGE_REPORT_EVENTS) return;
    const dates = journey.settings.find((s): s is DatesSetting => s.$type === 'DatesSetting');
    const range = dates ? resolveDates(dates, today) : undefined;
    const count = range ? countEventsInRange(catalog, undefined, range.from, range.to) : catalog.totalEvents;
    if (count <= LARGE_REPORT_EVENTS) return;
    const where = range ? `${range.from} to ${range.to}` : 'the whole store';
    const message = `About ${count.toLocaleString('en-US')} events fall in ${where}, more than ${LARGE_REPORT_EVENTS.toLocaleString('en-US')}; the report may take a while.`;
    if (dates) accept('info', message, { node: dates, code: Codes.largeReport });
    else accept('info', message, { node: journey, property: 'name', code: Codes.largeReport });
}

function comparisons(condition: Condition | undefined) {
    return condition ? AstUtils.streamAst(condition).filter(isComparison).toArray() : [];
}
