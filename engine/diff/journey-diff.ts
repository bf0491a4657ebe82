/**
 * The semantic diff of two journey files: journeys matched by name (or as a
 * rename), then per journey its settings and stages compared by meaning.
 * Pure: plans in, sentences out.
 */
import type { JourneyPlan, StagePlan } from '../plan.js';
import { conditionKey, conditionText, normalizeCondition, sameCondition } from './condition-normal.js';
import { datesText, sameDates } from './diff-input.js';
import { ordinal, quoted, stageContentText, stageKey, windowText } from './describe.js';
import type { Change, DiffJourney, FileDiff, JourneyDiff, StagePair } from './diff-types.js';
import { matchByNameThenContent, movedIndexes, type Matchable } from './match.js';
import { diffStage } from './stage-diff.js';

export function diffJourneyFiles(before: DiffJourney[], after: DiffJourney[]): FileDiff {
    const pairs = matchByNameThenContent(before.map(journeyMatchable), after.map(journeyMatchable));
    const journeys = pairs.map(({ oldIndex, newIndex }) => ({
        ...(oldIndex === undefined ? {} : { oldIndex }),
        ...(newIndex === undefined ? {} : { newIndex }),
        ...diffJourneyPair(
            oldIndex === undefined ? undefined : before[oldIndex],
            newIndex === undefined ? undefined : after[newIndex]),
    }));
    return { journeys, meaningChanged: journeys.some(j => j.status !== 'unchanged') };
}

export function diffJourneyPair(before: DiffJourney | undefined, after: DiffJourney | undefined): JourneyDiff {
    if (!before && !after) throw new Error('diffJourneyPair needs at least one journey');
    if (!before) {
        const plan = after!.plan;
        return {
            newName: plan.name, status: 'added',
            changes: [{ kind: 'journey-added', message: `journey ${quoted(plan.name)} added (${stageListText(plan)})` }],
            stages: plan.stages.map((s, i) => ({ name: s.name, newIndex: i })),
        };
    }
    if (!after) {
        const plan = before.plan;
        return {
            oldName: plan.name, status: 'removed',
            changes: [{ kind: 'journey-removed', message: `journey ${quoted(plan.name)} removed (${stageListText(plan)})` }],
            stages: plan.stages.map((s, i) => ({ name: s.name, oldIndex: i })),
        };
    }
    const [a, b] = [before.plan, after.plan];
    const changes: Change[] = [];
    if (a.name !== b.name) changes.push({ kind: 'journey-renamed', message: `journey renamed: ${quoted(a.name)} → ${quoted(b.name)}` });
    if (a.source !== b.source) changes.push({ kind: 'source', message: `source: ${a.source} → ${b.source}` });
    if (!sameDates(before.dates, after.dates)) {
        changes.push({ kind: 'dates', message: `dates: ${datesText(before.dates)} → ${datesText(after.dates)}` });
    }
    if (a.includeAnonymous !== b.includeAnonymous) {
        changes.push({ kind: 'anonymous', message: b.includeAnonymous ? 'anonymous visitors now included' : 'anonymous visitors no longer included' });
    }
    if (a.windowMs !== b.windowMs) changes.push({ kind: 'window', message: `conversion window: ${windowText(a.windowMs)} → ${windowText(b.windowMs)}` });
    if (!sameCondition(a.objectFilter, b.objectFilter)) {
        let message: string;
        if (!a.objectFilter) message = `object filter added: where ${conditionText(b.objectFilter!)}`;
        else if (!b.objectFilter) message = `object filter removed (was: where ${conditionText(a.objectFilter)})`;
        else message = `object filter changed: where ${conditionText(a.objectFilter)} → where ${conditionText(b.objectFilter)}`;
        changes.push({ kind: 'object-filter', message });
    }
    const { changes: stageChanges, stages } = diffStages(a.stages, b.stages);
    changes.push(...stageChanges);
    return { oldName: a.name, newName: b.name, status: changes.length ? 'changed' : 'unchanged', changes, stages };
}

function diffStages(before: StagePlan[], after: StagePlan[]): { changes: Change[]; stages: StagePair[] } {
    const pairs = matchByNameThenContent(before.map(stageMatchable), after.map(stageMatchable));
    const changes: Change[] = [];
    const stages: StagePair[] = [];
    const paired = pairs.filter(p => p.oldIndex !== undefined && p.newIndex !== undefined);
    for (const { oldIndex, newIndex } of pairs) {
        if (oldIndex === undefined) {
            const s = after[newIndex!];
            stages.push({ name: s.name, newIndex });
            changes.push({
                kind: 'stage-added', stage: s.name,
                message: `${s.optional ? 'optional ' : ''}stage ${quoted(s.name)} added as the ${ordinal(newIndex! + 1)} stage (${stageContentText(s)})`,
            });
        } else if (newIndex === undefined) {
            const s = before[oldIndex];
            stages.push({ name: s.name, oldIndex });
            changes.push({
                kind: 'stage-removed', stage: s.name,
                message: `stage ${quoted(s.name)} removed (was the ${ordinal(oldIndex + 1)} stage: ${stageContentText(s)})`,
            });
        } else {
            stages.push({ name: after[newIndex].name, oldIndex, newIndex });
            if (before[oldIndex].name !== after[newIndex].name) {
                changes.push({
                    kind: 'stage-renamed', stage: after[newIndex].name,
                    message: `stage renamed: ${quoted(before[oldIndex].name)} → ${quoted(after[newIndex].name)}`,
                });
            }
        }
    }
    const moved = movedIndexes(paired.map(p => p.oldIndex!));
    if (moved.size) {
        const names = (order: { oldIndex?: number; newIndex?: number }[]) => order.map(p => quoted(after[p.newIndex!].name)).join(', ');
        const oldOrder = [...paired].sort((x, y) => x.oldIndex! - y.oldIndex!);
        const movedNames = paired.filter(p => moved.has(p.oldIndex!)).map(p => quoted(after[p.newIndex!].name));
        changes.push({
            kind: 'stages-reordered',
            message: `stages reordered: ${names(oldOrder)} → ${names(paired)} (moved: ${movedNames.join(', ')})`,
        });
    }
    for (const { oldIndex, newIndex } of paired) changes.push(...diffStage(before[oldIndex!], after[newIndex!]));
    return { changes, stages };
}

function stageListText(plan: JourneyPlan): string {
    const n = plan.stages.length;
    return `${n} stage${n === 1 ? '' : 's'}${n ? `: ${plan.stages.map(s => quoted(s.name)).join(' → ')}` : ''}`;
}

function stageMatchable(stage: StagePlan): Matchable {
    const signature = new Set(stage.items.map(i => `event:${i.event}`));
    if (stage.topEvents) signature.add('top events');
    if (stage.paths) signature.add('paths');
    return { name: stage.name, signature, content: stageKey(stage) };
}

function journeyMatchable(journey: DiffJourney): Matchable {
    const { plan } = journey;
    const signature = new Set<string>();
    for (const stage of plan.stages) {
        signature.add(`stage:${stage.name}`);
        for (const item of stage.items) signature.add(`event:${item.event}`);
    }
    const content = JSON.stringify([
        plan.source, journey.dates, plan.includeAnonymous, plan.windowMs ?? null,
        plan.objectFilter ? conditionKey(normalizeCondition(plan.objectFilter)) : null,
        plan.stages.map(s => [s.name, stageKey(s)]),
    ]);
    return { name: plan.name, signature, content };
}
