/** What changed inside one stage that is in both versions (matched by name or as a rename). */
import type { EventItemPlan, PathsPlan, StagePlan } from '../plan.js';
import { conditionText, nameText, sameCondition } from './condition-normal.js';
import { breakdownText, itemKey, itemText, pathsText, quoted, topEventsText } from './describe.js';
import type { Change } from './diff-types.js';

export function diffStage(before: StagePlan, after: StagePlan): Change[] {
    const stage = after.name;
    const at = `stage ${quoted(stage)}`;
    const changes: Change[] = [];
    if (before.optional !== after.optional) {
        changes.push(after.optional
            ? { kind: 'stage-optional', stage, message: `${at} made optional` }
            : { kind: 'stage-required', stage, message: `${at} made required` });
    }
    changes.push(...diffItems(at, stage, before.items, after.items));

    const [oldTop, newTop] = [before.topEvents, after.topEvents];
    if (oldTop && !newTop) changes.push({ kind: 'top-events', stage, message: `${at}: ${topEventsText(oldTop)} removed` });
    if (!oldTop && newTop) changes.push({ kind: 'top-events', stage, message: `${at}: ${topEventsText(newTop)} added` });
    if (oldTop && newTop) {
        if (oldTop.count !== newTop.count) {
            changes.push({ kind: 'top-events', stage, message: `${at}: top events ${oldTop.count} → ${newTop.count}` });
        }
        const [a, b] = [listText(oldTop.among, 'all events'), listText(newTop.among, 'all events')];
        if (a !== b) changes.push({ kind: 'top-events', stage, message: `${at}: top events among ${a} → ${b}` });
    }
    changes.push(...diffPaths(at, stage, before.paths, after.paths));
    return changes;
}

function diffItems(at: string, stage: string, before: EventItemPlan[], after: EventItemPlan[]): Change[] {
    const changes: Change[] = [];
    const names = [...new Set([...before.map(i => i.event), ...after.map(i => i.event)])];
    // Paired items, as [old position, new position], to tell whether the listed order changed.
    const paired: [number, number][] = [];
    for (const name of names) {
        const olds = before.flatMap((item, i) => (item.event === name ? [i] : []));
        const news = after.flatMap((item, i) => (item.event === name ? [i] : []));
        const unmatchedOld = new Set(olds);
        const unmatchedNew = new Set(news);
        // Identical items pair first, so that adding a second `event x` to a stage reads as one added item.
        for (const i of olds) {
            const j = [...unmatchedNew].find(k => itemKey(after[k]) === itemKey(before[i]));
            if (j !== undefined) { paired.push([i, j]); unmatchedOld.delete(i); unmatchedNew.delete(j); }
        }
        const restOld = [...unmatchedOld];
        const restNew = [...unmatchedNew];
        for (let k = 0; k < Math.min(restOld.length, restNew.length); k++) {
            paired.push([restOld[k], restNew[k]]);
            changes.push(...diffItem(at, stage, before[restOld[k]], after[restNew[k]]));
        }
        for (const i of restOld.slice(restNew.length)) {
            changes.push({ kind: 'event-removed', stage, message: `${at}: ${itemText(before[i])} removed` });
        }
        for (const j of restNew.slice(restOld.length)) {
            changes.push({ kind: 'event-added', stage, message: `${at}: ${itemText(after[j])} added` });
        }
    }
    const oldOrder = [...paired].sort((x, y) => x[0] - y[0]).map(([, j]) => j);
    const newOrder = [...oldOrder].sort((x, y) => x - y);
    if (oldOrder.some((j, k) => j !== newOrder[k])) {
        const list = (items: EventItemPlan[], positions: number[]) => positions.map(p => nameText(items[p].event)).join(', ');
        changes.push({
            kind: 'events-reordered', stage,
            message: `${at}: events listed in a new order (${list(after, oldOrder)} → ${list(after, newOrder)}); only the report's order changes`,
        });
    }
    return changes;
}

function diffItem(at: string, stage: string, before: EventItemPlan, after: EventItemPlan): Change[] {
    const changes: Change[] = [];
    const event = `event ${nameText(after.event)}`;
    if (!sameCondition(before.where, after.where)) {
        let message: string;
        if (!before.where) message = `${at}: ${event} filter added: where ${conditionText(after.where!)}`;
        else if (!after.where) message = `${at}: ${event} filter removed (was: where ${conditionText(before.where)})`;
        else message = `${at}: ${event} filter changed: where ${conditionText(before.where)} → where ${conditionText(after.where)}`;
        changes.push({ kind: 'event-filter', stage, message });
    }
    if (before.campaign !== after.campaign) {
        let message: string;
        if (before.campaign === undefined) message = `${at}: ${event} campaign ${quoted(after.campaign!)} added`;
        else if (after.campaign === undefined) message = `${at}: ${event} campaign ${quoted(before.campaign)} removed`;
        else message = `${at}: ${event} campaign ${quoted(before.campaign)} → ${quoted(after.campaign)}`;
        changes.push({ kind: 'campaign', stage, message });
    }
    const [a, b] = [before.breakdown, after.breakdown];
    if (a && !b) changes.push({ kind: 'breakdown', stage, message: `${at}: ${event} ${breakdownText(a)} removed` });
    if (!a && b) changes.push({ kind: 'breakdown', stage, message: `${at}: ${event} ${breakdownText(b)} added` });
    if (a && b && (a.property !== b.property || a.top !== b.top)) {
        changes.push({ kind: 'breakdown', stage, message: `${at}: ${event} ${breakdownText(a)} → ${breakdownText(b)}` });
    }
    return changes;
}

function diffPaths(at: string, stage: string, before: PathsPlan | undefined, after: PathsPlan | undefined): Change[] {
    if (before && !after) return [{ kind: 'paths', stage, message: `${at}: ${pathsText(before)} removed` }];
    if (!before && after) return [{ kind: 'paths', stage, message: `${at}: ${pathsText(after)} added` }];
    if (!before || !after) return [];
    const parts: string[] = [];
    if (before.direction !== after.direction) parts.push(`${before.direction} → ${after.direction}`);
    if (before.depth !== after.depth) parts.push(`depth ${before.depth} → ${after.depth}`);
    if (before.top !== after.top) parts.push(`top ${before.top} → ${after.top}`);
    const [a, b] = [listText(before.among, 'all events'), listText(after.among, 'all events')];
    if (a !== b) parts.push(`among ${a} → ${b}`);
    return parts.length ? [{ kind: 'paths', stage, message: `${at}: paths ${parts.join(', ')}` }] : [];
}

/** An `among` list compared as a set (order and repeats do not change what is counted). */
function listText(names: string[] | undefined, none: string): string {
    if (!names) return none;
    return [...new Set(names)].sort().map(nameText).join(', ');
}
