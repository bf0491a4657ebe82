/**
 * Hover: on an event name, its category, description, anonymous support and
 * the estimated number of its events in the journey's date range (as HubSpot
 * shows); on a stage, its events.
 */
import { AstUtils, CstUtils, GrammarAST, type AstNode, type CstNode, type LangiumDocument, type MaybePromise } from 'langium';
import type { HoverProvider } from 'langium/lsp';
import type { Hover, HoverParams } from 'vscode-languageserver';
import { countEventsInRange, type PropertyStats, type StoreCatalog } from '../engine/catalog.js';
import { OBJECT_TYPE_OF_SOURCE, type Source } from '../engine/plan.js';
import { resolveDates } from '../engine/plan-builder.js';
import type { DatesSetting, Journey, Stage } from './generated/ast.js';
import { isEventItem, isJourney, isStage } from './generated/ast.js';
import type { JourneyCatalogProvider } from './journey-catalog-provider.js';
import type { JourneyServices } from './journey-module.js';
import { decodeJourneyString } from './journey-value-converter.js';

export class JourneyHoverProvider implements HoverProvider {
    private readonly catalogs: JourneyCatalogProvider;

    constructor(services: JourneyServices) {
        this.catalogs = services.catalog.CatalogProvider;
    }

    getHoverContent(document: LangiumDocument, params: HoverParams): MaybePromise<Hover | undefined> {
        const root = document.parseResult.value.$cstNode;
        if (!root) return undefined;
        const offset = document.textDocument.offsetAt(params.position);
        const leaf = CstUtils.findLeafNodeAtOffset(root, offset);
        if (!leaf) return undefined;
        const assignment = assignmentOf(leaf);
        const node = leaf.astNode;
        let value: string | undefined;
        if (assignment && (assignment.feature === 'event' && node.$type === 'EventItem' || assignment.feature === 'among')) {
            const name = leaf.text.startsWith('"') ? decodeJourneyString(leaf.text) ?? leaf.text.slice(1, -1) : leaf.text;
            value = eventHover(name, AstUtils.getContainerOfType(node, isJourney), this.catalogs);
        } else if (assignment?.feature === 'property' && (node.$type === 'Comparison' || node.$type === 'Breakdown')) {
            const name = leaf.text.startsWith('"') ? decodeJourneyString(leaf.text) ?? leaf.text.slice(1, -1) : leaf.text;
            value = propertyHover(name, node, this.catalogs.catalog);
        } else if (isStage(node)) {
            value = stageHover(node);
        }
        return value ? { contents: { kind: 'markdown', value }, range: leaf.range } : undefined;
    }
}

/** The grammar assignment a token fills; a name's token sits inside the `Name` data type rule, so climb to it. */
export function assignmentOf(leaf: CstNode): GrammarAST.Assignment | undefined {
    for (let node: CstNode | undefined = leaf; node && node.astNode === leaf.astNode; node = node.container) {
        const assignment = AstUtils.getContainerOfType(node.grammarSource, GrammarAST.isAssignment);
        if (assignment) return assignment;
    }
    return undefined;
}

export function eventHover(name: string, journey: Journey | undefined, catalogs: Pick<JourneyCatalogProvider, 'catalog' | 'today'>): string {
    const catalog: StoreCatalog | undefined = catalogs.catalog;
    const title = `**${name}** (event)`;
    if (!catalog) return `${title}\n\nNo store is loaded; set \`journey.store\` to see this event's category and counts.`;
    const event = catalog.events.get(name);
    if (!event) return `${title}\n\nNot in the store's catalog.`;
    const lines = [`${title} · category \`${event.category}\``];
    if (event.description) lines.push(event.description);
    lines.push(event.supportsAnonymous ? 'Supports anonymous visitors.' : 'Known contacts only (no anonymous visitors).');
    const dates = journey?.settings.find((s): s is DatesSetting => s.$type === 'DatesSetting');
    const range = dates ? resolveDates(dates, catalogs.today) : undefined;
    const count = countEventsInRange(catalog, [name], range?.from, range?.to);
    const span = range ? `from ${range.from} to ${range.to}` : 'in the whole store';
    lines.push(`About ${count.toLocaleString('en-US')} event${count === 1 ? '' : 's'} ${span}.`);
    return lines.join('\n\n');
}

/** On a property: whose it is and its most common values in the store. */
export function propertyHover(name: string, node: AstNode, catalog: StoreCatalog | undefined): string {
    const item = AstUtils.getContainerOfType(node, isEventItem);
    let owner: string;
    let properties: PropertyStats[] | undefined;
    if (item) {
        owner = `event \`${item.event}\``;
        properties = catalog?.events.get(item.event)?.properties;
    } else {
        const journey = AstUtils.getContainerOfType(node, isJourney);
        const source = (journey?.settings.find(s => s.$type === 'SourceSetting')?.source ?? 'contacts') as Source;
        owner = OBJECT_TYPE_OF_SOURCE[source];
        properties = catalog?.objectProperties.get(owner);
    }
    const title = `**${name}** (property of ${owner})`;
    if (!catalog) return title;
    const stats = properties?.find(p => p.name === name);
    if (!stats) return `${title}\n\nNot found in the store.`;
    if (stats.topValues.length === 0) return title;
    const values = stats.topValues.slice(0, 5).map(v => `\`${JSON.stringify(v.value)}\` (${v.count.toLocaleString('en-US')})`).join(', ');
    return `${title}\n\nMost common values: ${values}.`;
}

export function stageHover(stage: Stage): string {
    const lines = [`**${stage.optional ? 'Optional stage' : 'Stage'} "${stage.name}"**`];
    for (const item of stage.items) {
        if (item.$type === 'EventItem') lines.push(`- event \`${item.event}\``);
        else if (item.$type === 'TopEventsItem') lines.push(`- top ${item.count} events${item.among.length ? ` among ${item.among.map(n => `\`${n}\``).join(', ')}` : ''}`);
        else lines.push(`- paths ${item.direction}${item.among.length ? ` among ${item.among.map(n => `\`${n}\``).join(', ')}` : ''}`);
    }
    if (stage.items.length === 0) lines.push('No events yet.');
    return lines.join('\n');
}
