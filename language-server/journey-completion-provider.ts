/**
 * Completion: keywords valid at the cursor (without the soft keywords that
 * only stand in for names), catalog event names wherever an event name goes
 * (`event`, `among`), the properties of the event in context (its `where` and
 * `breakdown by`) or of the journey's objects (journey-level `where`), common
 * values after an operator, and a snippet for a new stage.
 */
import { AstUtils, GrammarAST, type MaybePromise } from 'langium';
import { DefaultCompletionProvider, type CompletionAcceptor, type CompletionContext, type NextFeature } from 'langium/lsp';
import { CompletionItemKind, InsertTextFormat } from 'vscode-languageserver';
import type { PropertyStats, StoreCatalog } from '../engine/catalog.js';
import { OBJECT_TYPE_OF_SOURCE, type Source } from '../engine/plan.js';
import { isComparison, isEventItem, isJourney, type Journey } from './generated/ast.js';
import type { JourneyCatalogProvider } from './journey-catalog-provider.js';
import type { JourneyServices } from './journey-module.js';
import { nameLiteral } from './journey-names.js';

const NAME_PROPERTIES = new Set(['event', 'among', 'property']);

/** Comparison operators are offered although they are not words (Langium offers only word keywords by default). */
const OPERATORS = new Set(['=', '!=', '>', '>=', '<', '<=']);

const MULTI_WORD_OPERATORS: Record<string, string[]> = {
    starts: ['starts with'],
    not: ['not in'],
    is: ['is known', 'is unknown'],
};

export class JourneyCompletionProvider extends DefaultCompletionProvider {
    private readonly catalogs: JourneyCatalogProvider;

    constructor(services: JourneyServices) {
        super(services);
        this.catalogs = services.catalog.CatalogProvider;
    }

    protected override completionFor(context: CompletionContext, next: NextFeature, acceptor: CompletionAcceptor): MaybePromise<void> {
        const feature = next.feature;
        const rule = AstUtils.getContainerOfType(feature, GrammarAST.isParserRule);
        // `source`, `days`, ... may stand as names; offering them as keywords where a name goes is noise.
        if (GrammarAST.isKeyword(feature) && rule?.name === 'Name') return;
        const ruleCall = GrammarAST.isRuleCall(feature) ? feature.rule.ref?.name : undefined;
        if (next.property && NAME_PROPERTIES.has(next.property)) {
            // The name position is offered once, on its identifier alternative.
            if (ruleCall !== 'ID') return;
            const catalog = this.catalogs.catalog;
            if (!catalog) return;
            if (next.property === 'property') this.propertyNames(context, catalog, acceptor);
            else this.eventNames(context, catalog, acceptor);
            return;
        }
        if ((next.property === 'value' || next.property === 'values') && ruleCall === 'STRING') {
            const catalog = this.catalogs.catalog;
            if (catalog) this.commonValues(context, catalog, acceptor);
            return;
        }
        if (next.property === 'campaigns' && ruleCall === 'STRING') {
            const catalog = this.catalogs.catalog;
            if (catalog) this.campaignNames(context, catalog, acceptor);
            return;
        }
        if (GrammarAST.isKeyword(feature) && MULTI_WORD_OPERATORS[feature.value] && rule?.name === 'Comparison') {
            // `starts with`, `not in`, `is known`/`is unknown` are one operator to a user, though two keywords to the parser.
            for (const label of MULTI_WORD_OPERATORS[feature.value]) {
                acceptor(context, { label, kind: CompletionItemKind.Operator, filterText: label });
            }
            return;
        }
        if (GrammarAST.isKeyword(feature) && feature.value === 'stage') {
            acceptor(context, {
                label: 'stage (new stage)',
                kind: CompletionItemKind.Snippet,
                insertText: 'stage "${1:Name}" {\n\tevent ${2:event_name}\n}',
                insertTextFormat: InsertTextFormat.Snippet,
                detail: 'a new stage with one event',
                filterText: 'stage',
                sortText: '0',
            });
        }
        return super.completionFor(context, next, acceptor);
    }

    protected override filterKeyword(context: CompletionContext, keyword: GrammarAST.Keyword): boolean {
        return OPERATORS.has(keyword.value) || super.filterKeyword(context, keyword);
    }

    private eventNames(context: CompletionContext, catalog: StoreCatalog, acceptor: CompletionAcceptor): void {
        const events = [...catalog.events.values()].sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : 1));
        events.forEach((event, index) => {
            acceptor(context, {
                label: nameLiteral(event.name),
                kind: CompletionItemKind.Event,
                detail: `${event.category} · ${event.count.toLocaleString('en-US')} events`,
                documentation: event.description,
                sortText: String(index).padStart(5, '0'),
            });
        });
    }

    private propertyNames(context: CompletionContext, catalog: StoreCatalog, acceptor: CompletionAcceptor): void {
        const { properties, owner } = propertiesInContext(context, catalog);
        for (const property of properties) {
            const sample = property.topValues.slice(0, 3).map(v => JSON.stringify(v.value)).join(', ');
            acceptor(context, {
                label: nameLiteral(property.name),
                kind: CompletionItemKind.Property,
                detail: sample ? `${owner} property · e.g. ${sample}` : `${owner} property`,
            });
        }
    }

    /** After `campaign`: the campaigns the event's own `campaign` property holds most often. */
    private campaignNames(context: CompletionContext, catalog: StoreCatalog, acceptor: CompletionAcceptor): void {
        const item = context.node && AstUtils.getContainerOfType(context.node, isEventItem);
        const stats = item && catalog.events.get(item.event)?.properties.find(p => p.name === 'campaign');
        stats?.topValues.forEach((value, index) => {
            if (typeof value.value !== 'string') return;
            acceptor(context, {
                label: JSON.stringify(value.value),
                kind: CompletionItemKind.Value,
                detail: `campaign · ${value.count.toLocaleString('en-US')} events`,
                sortText: String(index).padStart(5, '0'),
            });
        });
    }

    private commonValues(context: CompletionContext, catalog: StoreCatalog, acceptor: CompletionAcceptor): void {
        const comparison = context.node && AstUtils.getContainerOfType(context.node, isComparison);
        if (!comparison?.property) return;
        const stats = propertiesInContext(context, catalog).properties.find(p => p.name === comparison.property);
        stats?.topValues.forEach((value, index) => {
            acceptor(context, {
                label: typeof value.value === 'string' ? JSON.stringify(value.value) : String(value.value),
                kind: CompletionItemKind.Value,
                detail: `${value.count.toLocaleString('en-US')} times`,
                sortText: String(index).padStart(5, '0'),
            });
        });
    }
}

/** The properties a condition or breakdown at the cursor can name: its event's, or the journey's objects'. */
function propertiesInContext(context: CompletionContext, catalog: StoreCatalog): { properties: PropertyStats[]; owner: string } {
    const node = context.node;
    const item = node && AstUtils.getContainerOfType(node, isEventItem);
    if (item) {
        return { properties: catalog.events.get(item.event)?.properties ?? [], owner: item.event };
    }
    const journey = node && AstUtils.getContainerOfType(node, isJourney) as Journey | undefined;
    const source = (journey?.settings.find(s => s.$type === 'SourceSetting')?.source ?? 'contacts') as Source;
    const objectType = OBJECT_TYPE_OF_SOURCE[source];
    return { properties: catalog.objectProperties.get(objectType) ?? [], owner: objectType };
}
