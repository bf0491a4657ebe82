/**
 * Static facts about a plan's stages that the SQL matcher needs: which
 * stages an origin must still fill before stage k (semantics.md "Paths":
 * only optional stages may be skipped), and how to test, among events that
 * share one timestamp, that those stages can be given distinct events
 * (Hall's condition, enumerated over classes of stages that events could
 * fill together).
 */
import type { StagePlan } from '../../../plan.js';

/** Beyond this many Hall terms the generated SQL would be too large. */
export const MAX_HALL_TERMS = 4000;

/** Required stages strictly between `from` and `to` (stage 0 always counts as required: a path starts there). */
export function requiredBetween(stages: StagePlan[], from: number, to: number): number[] {
    const out: number[] = [];
    for (let s = from + 1; s < to; s++) if (!stages[s].optional || s === 0) out.push(s);
    return out;
}

/** One Hall term: events at the timestamp (other than the one ending the path) filling any of `mask` must number at least `need`. */
export interface HallTerm {
    mask: bigint;
    need: number;
}

export interface StageClasses {
    /** Component id per stage: stages that share an event name are linked. */
    component: number[];
    /** Class id per stage: stages whose items are identical are interchangeable. */
    klass: number[];
}

export function stageClasses(stages: StagePlan[]): StageClasses {
    const n = stages.length;
    const parent = stages.map((_, i) => i);
    const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x])));
    const byName = new Map<string, number>();
    stages.forEach((stage, s) => {
        for (const item of stage.items) {
            const other = byName.get(item.event);
            if (other === undefined) byName.set(item.event, s);
            else parent[find(s)] = find(other);
        }
    });
    const signature = stages.map(stage => JSON.stringify(stage.items.map(i => [i.event, i.where ?? null, i.campaign ?? null])
        .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1))));
    const klassOf = new Map<string, number>();
    const klass = signature.map((sig, s) => {
        // Stages without items fill nothing and are never interchangeable.
        const key = stages[s].items.length ? sig : `#${s}`;
        if (!klassOf.has(key)) klassOf.set(key, klassOf.size);
        return klassOf.get(key)!;
    });
    return { component: Array.from({ length: n }, (_, s) => find(s)), klass };
}

/**
 * Hall terms for giving the stages `needed` distinct events: for every
 * non-empty set of classes within one component, the events that fill any
 * of those stages must be at least as many as the stages.
 */
export function hallTerms(needed: number[], classes: StageClasses): HallTerm[] {
    const byComponent = new Map<number, Map<number, number[]>>();
    for (const s of needed) {
        const c = classes.component[s];
        if (!byComponent.has(c)) byComponent.set(c, new Map());
        const m = byComponent.get(c)!;
        const k = classes.klass[s];
        if (!m.has(k)) m.set(k, []);
        m.get(k)!.push(s);
    }
    const terms: HallTerm[] = [];
    for (const groups of byComponent.values()) {
        const list = [...groups.values()];
        if (list.length > 12) throw new Error(`a journey whose stages share event names this much (${list.length} linked stages) is too large for the SQL engines' exact matcher`);
        for (let subset = 1; subset < 1 << list.length; subset++) {
            let mask = 0n;
            let need = 0;
            list.forEach((stagesOfClass, i) => {
                if ((subset & (1 << i)) === 0) return;
                for (const s of stagesOfClass) mask |= 1n << BigInt(s);
                need += stagesOfClass.length;
            });
            terms.push({ mask, need });
        }
    }
    return terms;
}
