/**
 * What `journey diff` reports: per journey, the changes in meaning in words,
 * and how the two versions' stages line up (for the numbers with `--db`).
 */
import type { JourneyPlan } from '../plan.js';

/** The `dates` setting as written, so that `last 30 days` vs `last 90 days` reads as such (not as resolved days). */
export type DatesSpec =
    | { kind: 'all' }
    | { kind: 'range'; from: string; to: string }
    /** Weeks are kept as 7N days and years as 12N months (semantics.md), so equal ranges compare equal. */
    | { kind: 'last'; amount: number; unit: 'days' | 'months'; text: string };

/** One journey as the diff sees it. */
export interface DiffJourney {
    plan: JourneyPlan;
    dates: DatesSpec;
}

export type ChangeKind =
    | 'journey-added' | 'journey-removed' | 'journey-renamed'
    | 'source' | 'dates' | 'anonymous' | 'window' | 'object-filter'
    | 'stage-added' | 'stage-removed' | 'stage-renamed' | 'stages-reordered' | 'stage-optional' | 'stage-required'
    | 'event-added' | 'event-removed' | 'events-reordered'
    | 'event-filter' | 'campaign' | 'breakdown' | 'top-events' | 'paths';

export interface Change {
    kind: ChangeKind;
    /** The stage the change is in (its new name; the old one for a removed stage). */
    stage?: string;
    /** One plain-words line, e.g. `stage "Demo" made optional`. */
    message: string;
}

/** A stage of either version, lined up: both indexes when the stage is in both. */
export interface StagePair {
    name: string;
    oldIndex?: number;
    newIndex?: number;
}

export interface JourneyDiff {
    /** Absent for an added journey. */
    oldName?: string;
    /** Absent for a removed journey. */
    newName?: string;
    /** Positions of the journey in the old and new file (absent where it is not in that version). */
    oldIndex?: number;
    newIndex?: number;
    status: 'added' | 'removed' | 'changed' | 'unchanged';
    changes: Change[];
    /** New order first; a removed stage sits after the stage it followed in the old version. */
    stages: StagePair[];
}

export interface FileDiff {
    journeys: JourneyDiff[];
    /** False when only whitespace, comments, formatting or equivalent spellings changed. */
    meaningChanged: boolean;
}
