/**
 * Whose event is it (store.md "attribution", rules 1–4), as a pure function
 * over rows, so every loader (sql.js columnar cache, tests, other engines
 * that attribute in JavaScript) shares one reading of the rules.
 */
import { OBJECT_TYPE_OF_SOURCE, type Source } from './plan.js';

export interface AttributionInput {
    source: Source;
    includeAnonymous: boolean;
    identities: Iterable<{ anonymousId: string; contactId: string }>;
    associations: Iterable<{ objectType: string; objectId: string; relatedType: string; relatedId: string }>;
    /** Event names whose catalog row says `supports_anonymous = 1`. */
    anonymousEventNames: Iterable<string>;
}

export interface EventOwnerFields {
    eventName: string;
    objectType: string | null;
    objectId: string | null;
    anonymousId: string | null;
}

export const ANONYMOUS_PREFIX = 'anonymous:';

export interface Attribution {
    /** The object type of the journey's source (`contact`, `deal`, `ticket`): events of that type belong to their own object (rule 1). */
    readonly sourceType: string;
    /** The ids (object ids of the source's type, or `anonymous:<id>`) an event belongs to; no duplicates. */
    ownersOf(event: EventOwnerFields): readonly string[];
}

const NONE: readonly string[] = Object.freeze([]);

export function makeAttribution(input: AttributionInput): Attribution {
    const sourceType = OBJECT_TYPE_OF_SOURCE[input.source];
    const contactOf = new Map<string, string>();
    for (const row of input.identities) contactOf.set(row.anonymousId, row.contactId);
    // Associations are undirected: (a, b) also means (b, a). Keyed by the
    // other object, listing the related objects of the source's type.
    const related = new Map<string, Set<string>>();
    const relate = (type: string, id: string, sourceId: string) => {
        const key = keyOf(type, id);
        let set = related.get(key);
        if (!set) related.set(key, set = new Set());
        set.add(sourceId);
    };
    for (const a of input.associations) {
        if (a.relatedType === sourceType) relate(a.objectType, a.objectId, a.relatedId);
        if (a.objectType === sourceType) relate(a.relatedType, a.relatedId, a.objectId);
    }
    const frozen = new Map<string, readonly string[]>();
    for (const [key, set] of related) frozen.set(key, Object.freeze([...set]));
    const anonymousNames = new Set(input.anonymousEventNames);
    const anonymousAllowed = input.source === 'contacts' && input.includeAnonymous;

    return {
        sourceType,
        ownersOf(event) {
            if (event.objectType !== null) {
                if (event.objectId === null) return NONE;
                if (event.objectType === sourceType) return [event.objectId];          // rule 1
                return frozen.get(keyOf(event.objectType, event.objectId)) ?? NONE;  // rule 2
            }
            if (event.anonymousId === null) return NONE;
            const contact = contactOf.get(event.anonymousId);
            if (contact !== undefined) {                                              // rule 3
                if (sourceType === 'contact') return [contact];
                return frozen.get(keyOf('contact', contact)) ?? NONE;
            }
            if (anonymousAllowed && anonymousNames.has(event.eventName)) {            // rule 4
                return [ANONYMOUS_PREFIX + event.anonymousId];
            }
            return NONE;
        },
    };
}

function keyOf(type: string, id: string): string {
    return `${type}\u0000${id}`;
}
