/**
 * The text of new journeys: from a template (its stages previewed in the pick
 * list) or from the guided steps (source + first event). Pure; the formatter
 * gives the canonical layout `journey fmt` writes.
 */
import { formatJourneyText } from '../../../language-server/journey-formatter.js';
import { nameLiteral } from '../../../language-server/journey-names.js';
import { stageNameForEvent } from '../../../language-server/journey-pathfinder-stages.js';
import { findStageHeaders } from '../code-lenses.js';

export type JourneySourceName = 'contacts' | 'deals' | 'tickets';

/** The object type whose events a source's journeys count (store.md). */
export const OBJECT_TYPE_OF: Record<JourneySourceName, string> = { contacts: 'contact', deals: 'deal', tickets: 'ticket' };

export interface TemplateInfo {
    name: string;
    description: string;
    text: string;
}

export interface TemplateItem {
    label: string;
    description: string;
    /** The stages in order, the quick pick's detail line. */
    detail: string;
    template: string;
}

export function templateItems(templates: TemplateInfo[]): TemplateItem[] {
    return templates.map(t => ({
        label: t.name,
        description: t.description,
        detail: findStageHeaders(t.text).map(s => s.name).join(' → '),
        template: t.name,
    }));
}

export interface GuidedJourney {
    name: string;
    source: JourneySourceName;
    event: string;
}

export interface NewJourneyText {
    text: string;
    /** 0-based line of the journey's closing `}`: the next stage goes just above it. */
    nextStageLine: number;
}

export function guidedJourneyText(g: GuidedJourney): NewJourneyText {
    const text = formatJourneyText(`journey ${JSON.stringify(g.name)} {
source ${g.source}
dates last 12 months

stage ${JSON.stringify(stageNameForEvent(g.event))} {
event ${nameLiteral(g.event)}
}
}
`);
    const lines = text.split('\n');
    const closing = lines.lastIndexOf('}');
    return { text, nextStageLine: closing };
}

/** A file name from a journey name: `Pages to deals` → `pages-to-deals.journey`. */
export function journeyFileName(name: string): string {
    const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
    return `${slug || 'journey'}.journey`;
}
