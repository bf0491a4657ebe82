/** Name suggestions for unknown events: the closest catalog names by edit distance. */

/** Levenshtein distance, case-insensitive (users often mistype case). */
export function editDistance(a: string, b: string): number {
    const s = a.toLowerCase();
    const t = b.toLowerCase();
    let previous = Array.from({ length: t.length + 1 }, (_, i) => i);
    for (let i = 1; i <= s.length; i++) {
        const current = [i];
        for (let j = 1; j <= t.length; j++) {
            const cost = s[i - 1] === t[j - 1] ? 0 : 1;
            current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        }
        previous = current;
    }
    return previous[t.length];
}

/**
 * Up to `count` catalog names closest to `name`, nearest first (ties by name),
 * leaving out names so far away that they would be noise (more than half the
 * longer name's length).
 */
export function closestNames(name: string, candidates: Iterable<string>, count = 3): string[] {
    return [...candidates]
        .map(candidate => ({ candidate, distance: editDistance(name, candidate) }))
        .filter(c => c.distance <= Math.ceil(Math.max(name.length, c.candidate.length) / 2))
        .sort((a, b) => a.distance - b.distance || (a.candidate < b.candidate ? -1 : a.candidate > b.candidate ? 1 : 0))
        .slice(0, count)
        .map(c => c.candidate);
}

/** Keywords that cannot stand as a bare name (the grammar's `Name` rule does not admit them). */
const RESERVED = new Set([
    'journey', 'stage', 'optional', 'event', 'where', 'campaign', 'breakdown', 'top', 'among', 'paths',
    'and', 'or', 'in', 'not', 'is', 'starts', 'contains', 'true', 'false',
]);

/** How a name is written in journey text: bare when it is an identifier, else a JSON string. */
export function nameLiteral(name: string): string {
    return /^[_a-zA-Z]\w*$/.test(name) && !RESERVED.has(name) ? name : JSON.stringify(name);
}
