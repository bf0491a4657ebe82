/**
 * Every diagnostic code the journey language reports (language.md's table plus
 * a few syntax-level extras). Shared by the validator, quick fixes, the CLI and
 * tests, so a code is spelled in exactly one place.
 */
export const Codes = {
    stageLimit: 'stage-limit',
    uniqueEventLimit: 'unique-event-limit',
    optionalEdge: 'optional-edge',
    breakdownLimit: 'breakdown-limit',
    dateRange: 'date-range',
    duplicateStage: 'duplicate-stage',
    duplicateSetting: 'duplicate-setting',
    pathfinderSource: 'pathfinder-source',
    anonymousSource: 'anonymous-source',
    campaignCategory: 'campaign-category',
    topEventsPlace: 'top-events-place',
    badNumber: 'bad-number',
    unknownEvent: 'unknown-event',
    unknownProperty: 'unknown-property',
    anonymousUnsupported: 'anonymous-unsupported',
    largeReport: 'large-report',
    // Extras, not in language.md's table:
    /** The text does not follow the grammar (lexer or parser error). */
    syntax: 'syntax',
    /** A `YYYY-MM-DD` that is not a real calendar day. */
    badDate: 'bad-date',
    /** A string literal with an escape JSON does not know. */
    badString: 'bad-string',
    /** A stage without any item. */
    emptyStage: 'empty-stage',
    /** A journey without any stage. */
    emptyJourney: 'empty-journey',
    /** Two journeys with one name in a file (`run --journey NAME` could not choose). */
    duplicateJourney: 'duplicate-journey',
    /** An event clause that takes one value given twice (`campaign`). */
    duplicateClause: 'duplicate-clause',
    /** A file or journey the checks would not finish on in reasonable time (too large). */
    tooLarge: 'too-large',
} as const;

export type JourneyCode = typeof Codes[keyof typeof Codes];

/** The codes that need the store's catalog; skipped silently without one. */
export const STORE_CODES: ReadonlySet<string> = new Set([
    Codes.unknownEvent, Codes.unknownProperty, Codes.campaignCategory, Codes.anonymousUnsupported, Codes.largeReport,
]);

/** Events in a date range above which a report is flagged `large-report`. */
export const LARGE_REPORT_EVENTS = 20_000_000;
