/**
 * The journey rules that need no store (language.md's table), each reported on
 * the element it is about with its code attached. Store rules live in
 * journey-store-validator.ts; both are registered here.
 */
import type { AstNode, ValidationAcceptor, ValidationChecks } from 'langium';
import { AstUtils, CstUtils, isLeafCstNode } from 'langium';
import type {
    DatesSetting, EventItem, Journey, JourneyAstType, JourneyFile, Setting, Stage,
} from './generated/ast.js';
import { dayAfterMonthsBefore, isRealDay } from '../engine/dates.js';
import { resolveDates } from '../engine/plan-builder.js';
import { Codes } from './journey-validation-codes.js';
import { decodeJourneyString } from './journey-value-converter.js';
import type { JourneyCatalogProvider } from './journey-catalog-provider.js';
import { checkStoreRules } from './journey-store-validator.js';
import type { JourneyServices } from './journey-module.js';

export const MAX_TOP = 50;
export const MAX_DEPTH = 10;

export function registerJourneyValidationChecks(services: JourneyServices): void {
    const validator = new JourneyValidator(services.catalog.CatalogProvider);
    const checks: ValidationChecks<JourneyAstType> = {
        JourneyFile: (file, accept) => validator.checkFile(file, accept),
        Journey: (journey, accept) => validator.checkJourney(journey, accept),
    };
    services.validation.ValidationRegistry.register(checks, validator);
}

const SETTING_WORDS: Record<Setting['$type'], string> = {
    SourceSetting: 'source', DatesSetting: 'dates', AnonymousSetting: 'include anonymous visitors',
    WithinSetting: 'within', WhereSetting: 'where',
};

export class JourneyValidator {
    constructor(private readonly catalogs: JourneyCatalogProvider) {}

    checkFile(file: JourneyFile, accept: ValidationAcceptor): void {
        const seen = new Set<string>();
        for (const journey of file.journeys) {
            if (seen.has(journey.name)) {
                accept('error', `Another journey in this file is already named "${journey.name}"; journey names must be unique in a file.`,
                    { node: journey, property: 'name', code: Codes.duplicateJourney });
            }
            seen.add(journey.name);
        }
        this.checkTokens(file, accept);
    }

    /** Strings with escapes JSON does not know, and dates that are not calendar days, straight from the tokens. */
    private checkTokens(file: JourneyFile, accept: ValidationAcceptor): void {
        const root = file.$cstNode;
        if (!root) return;
        for (const leaf of CstUtils.streamCst(root)) {
            if (!isLeafCstNode(leaf)) continue;
            const type = leaf.tokenType.name;
            if (type === 'STRING' && decodeJourneyString(leaf.text) === undefined) {
                accept('error', `${leaf.text} is not a valid string: use JSON escapes only (\\", \\\\, \\n, \\t, \\uXXXX).`,
                    { node: leaf.astNode, range: leaf.range, code: Codes.badString });
            } else if (type === 'STRING' && decodeJourneyString(leaf.text)!.includes('\u0000')) {
                // No store holds NUL (the import refuses it), and DuckDB/ClickHouse queries cannot carry it.
                accept('error', `${leaf.text} contains the NUL character (\\u0000), which no store can hold; leave it out.`,
                    { node: leaf.astNode, range: leaf.range, code: Codes.badString });
            } else if (type === 'DATE' && !isRealDay(leaf.text)) {
                accept('error', `${leaf.text} is not a real calendar day (YYYY-MM-DD).`,
                    { node: leaf.astNode, range: leaf.range, code: Codes.badDate });
            }
        }
    }

    checkJourney(journey: Journey, accept: ValidationAcceptor): void {
        // Parser recovery leaves half-built journeys; rules about missing parts would only repeat the syntax error.
        if (journey.name === undefined) return;
        const complete = AstUtils.getDocument(journey).parseResult.parserErrors.length === 0;
        const limits = this.catalogs.limits;
        this.checkSettings(journey, accept);
        const stages = journey.stages;
        if (stages.length === 0 && complete) {
            accept('error', `Journey "${journey.name}" has no stages; add at least one \`stage "Name" { event ... }\`.`,
                { node: journey, property: 'name', code: Codes.emptyJourney });
        }
        if (stages.length > limits.stages) {
            accept('error', `Journey "${journey.name}" has ${stages.length} stages; at most ${limits.stages} are allowed.`,
                { node: stages[limits.stages], property: 'name', code: Codes.stageLimit });
        }
        this.checkOptionalEdges(stages, accept);
        const names = new Set<string>();
        for (const stage of stages) {
            if (names.has(stage.name)) {
                accept('error', `Another stage of this journey is already named "${stage.name}"; stage names must be unique.`,
                    { node: stage, property: 'name', code: Codes.duplicateStage });
            }
            names.add(stage.name);
            if (stage.items.length === 0 && complete) {
                accept('error', `Stage "${stage.name}" is empty; give it an \`event\`, \`top events\` or \`paths\` item.`,
                    { node: stage, property: 'name', code: Codes.emptyStage });
            }
        }
        this.checkUniqueEvents(journey, accept);
        this.checkBreakdowns(stages, accept);
        this.checkTopEventsPlace(stages, accept);
        this.checkItemsNumbers(journey, accept);
        const source = journey.settings.find(s => s.$type === 'SourceSetting')?.source ?? 'contacts';
        if (source !== 'contacts') {
            for (const item of AstUtils.streamAllContents(journey)) {
                if (item.$type === 'PathsItem') {
                    accept('error', `\`paths\` is available only in a contacts journey, and this one has \`source ${source}\`.`,
                        { node: item, keyword: 'paths', code: Codes.pathfinderSource });
                }
            }
            for (const setting of journey.settings) {
                if (setting.$type === 'AnonymousSetting') {
                    accept('error', `\`include anonymous visitors\` is available only in a contacts journey, and this one has \`source ${source}\`.`,
                        { node: setting, code: Codes.anonymousSource });
                }
            }
        }
        const catalog = this.catalogs.catalog;
        if (catalog) checkStoreRules(journey, catalog, this.catalogs.today, accept);
    }

    private checkSettings(journey: Journey, accept: ValidationAcceptor): void {
        const seen = new Set<string>();
        for (const setting of journey.settings) {
            if (setting.$type !== 'WhereSetting') {
                if (seen.has(setting.$type)) {
                    accept('error', `\`${SETTING_WORDS[setting.$type]}\` is already set in this journey; give each setting at most once.`,
                        { node: setting, code: Codes.duplicateSetting });
                }
                seen.add(setting.$type);
            }
            if (setting.$type === 'DatesSetting') this.checkDates(setting, accept);
            if (setting.$type === 'WithinSetting') checkWhole(setting, 'amount', setting.amount, 'within', undefined, accept);
        }
    }

    private checkDates(setting: DatesSetting, accept: ValidationAcceptor): void {
        const written = setting.all || (setting.from !== undefined && setting.to !== undefined)
            || (setting.amount !== undefined && setting.unit !== undefined);
        if (!written) return; // a syntax error already says what is missing
        if (setting.amount !== undefined && !checkWhole(setting, 'amount', setting.amount, `dates last`, undefined, accept)) return;
        if (setting.from !== undefined && setting.to !== undefined) {
            if (!isRealDay(setting.from) || !isRealDay(setting.to)) return; // bad-date says why
            if (setting.to < setting.from) {
                accept('error', `The date range ends (${setting.to}) before it starts (${setting.from}).`,
                    { node: setting, code: Codes.dateRange });
                return;
            }
        }
        const years = this.catalogs.limits.years;
        const range = resolveDates(setting, this.catalogs.today);
        // A range of at most N years starts no earlier than the day after the same date N years before its end.
        if (range && range.from < dayAfterMonthsBefore(range.to, 12 * years)) {
            accept('error', `The date range ${range.from} to ${range.to} is longer than ${years} years, the most a journey may cover.`,
                { node: setting, code: Codes.dateRange });
        }
    }

    private checkOptionalEdges(stages: Stage[], accept: ValidationAcceptor): void {
        const edges = stages.length ? [...new Set([stages[0], stages[stages.length - 1]])] : [];
        for (const stage of edges) {
            if (!stage.optional) continue;
            const which = stage === stages[0] ? 'first' : 'last';
            accept('error', `The ${which} stage "${stage.name}" cannot be optional.`,
                { node: stage, keyword: 'optional', code: Codes.optionalEdge });
        }
    }

    private checkUniqueEvents(journey: Journey, accept: ValidationAcceptor): void {
        const limit = this.catalogs.limits.events;
        const names = new Set<string>();
        for (const ref of eventReferences(journey)) {
            if (names.has(ref.name)) continue;
            names.add(ref.name);
            if (names.size === limit + 1) {
                accept('error', `"${ref.name}" is the ${limit + 1}th distinct event of journey "${journey.name}"; at most ${limit} distinct events are allowed.`,
                    { node: ref.node, property: ref.property, index: ref.index, code: Codes.uniqueEventLimit });
            }
        }
    }

    private checkBreakdowns(stages: Stage[], accept: ValidationAcceptor): void {
        const limit = this.catalogs.limits.breakdowns;
        let stagesWithBreakdown = 0;
        for (const stage of stages) {
            const breakdowns = stage.items.flatMap(item => item.$type === 'EventItem' ? item.breakdowns : []);
            if (breakdowns.length === 0) continue;
            stagesWithBreakdown++;
            if (stagesWithBreakdown === limit + 1) {
                accept('error', `Stage "${stage.name}" is the ${limit + 1}th stage with a breakdown; at most ${limit} stages may have one.`,
                    { node: breakdowns[0], keyword: 'breakdown', code: Codes.breakdownLimit });
            }
            for (const extra of breakdowns.slice(1)) {
                accept('error', `Stage "${stage.name}" already has a breakdown; a stage may have at most one.`,
                    { node: extra, keyword: 'breakdown', code: Codes.breakdownLimit });
            }
        }
    }

    private checkTopEventsPlace(stages: Stage[], accept: ValidationAcceptor): void {
        let previousHadTopEvents = false;
        stages.forEach((stage, index) => {
            const topItems = stage.items.filter(item => item.$type === 'TopEventsItem');
            for (const item of topItems) {
                let reason: string | undefined;
                if (index === 0) reason = 'cannot be in the first stage';
                else if (stage.items.length > 1) reason = 'must be alone in its stage';
                else if (previousHadTopEvents) reason = 'cannot follow another `top events` stage';
                if (reason) {
                    accept('error', `\`top events\` ${reason}.`, { node: item, keyword: 'top', code: Codes.topEventsPlace });
                }
            }
            previousHadTopEvents = topItems.length > 0;
        });
    }

    private checkItemsNumbers(journey: Journey, accept: ValidationAcceptor): void {
        for (const stage of journey.stages) {
            for (const item of stage.items) {
                if (item.$type === 'EventItem') {
                    for (const breakdown of item.breakdowns) checkWhole(breakdown, 'top', breakdown.top, 'breakdown top', MAX_TOP, accept);
                    if (item.campaigns.length > 1) {
                        accept('error', 'This event already has a `campaign`; give it at most once.',
                            { node: item, property: 'campaigns', index: 1, code: Codes.duplicateClause });
                    }
                } else if (item.$type === 'TopEventsItem') {
                    checkWhole(item, 'count', item.count, 'top events', MAX_TOP, accept);
                } else {
                    checkWhole(item, 'depth', item.depth, 'depth', MAX_DEPTH, accept);
                    checkWhole(item, 'top', item.top, 'top', MAX_TOP, accept);
                }
            }
        }
    }
}

/** Reports `bad-number` unless the value (when given) is a whole number in [1, max]; returns whether it is fine. */
function checkWhole<N extends AstNode>(node: N, property: string, value: number | undefined, what: string, max: number | undefined, accept: ValidationAcceptor): boolean {
    if (value === undefined) return true;
    if (Number.isInteger(value) && value >= 1 && (max === undefined || value <= max)) return true;
    const range = max === undefined ? 'a whole number ≥ 1' : `a whole number from 1 to ${max}`;
    accept('error', `\`${what}\` takes ${range}, not ${value}.`,
        { node, property: property as never, code: Codes.badNumber });
    return false;
}

export interface EventReference {
    name: string;
    node: EventItem | AstNode;
    property: 'event' | 'among';
    index?: number;
}

/** Every event name a journey mentions (`event`, `top events ... among`, `paths ... among`), in order. */
export function eventReferences(journey: Journey): EventReference[] {
    const refs: EventReference[] = [];
    for (const stage of journey.stages) {
        for (const item of stage.items) {
            if (item.$type === 'EventItem') {
                if (item.event !== undefined) refs.push({ name: item.event, node: item, property: 'event' });
            } else {
                item.among.forEach((name, index) => refs.push({ name, node: item, property: 'among', index }));
            }
        }
    }
    return refs;
}
