/**
 * fast-check generators of journey text for the language fuzz tests:
 * grammar-aware journeys (random names, escapes, nesting, comments and
 * whitespace), mutations of the shipped examples and templates, and raw bytes.
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

/** Every .journey file in examples/, templates/ and the language fixtures: the mutation seeds. */
export const SEED_TEXTS: string[] = ['examples', 'templates', 'test/fixtures/language']
    .flatMap(dir => readdirSync(path.join(ROOT, dir)).filter(f => f.endsWith('.journey')).map(f => readFileSync(path.join(ROOT, dir, f), 'utf8')));

const KEYWORDS = ['journey', 'stage', 'optional', 'event', 'where', 'campaign', 'breakdown', 'by', 'top', 'events', 'among', 'paths',
    'before', 'after', 'depth', 'source', 'contacts', 'deals', 'tickets', 'dates', 'from', 'to', 'last', 'all', 'include', 'anonymous',
    'visitors', 'within', 'days', 'weeks', 'months', 'years', 'minutes', 'hours', 'and', 'or', 'in', 'not', 'is', 'known', 'unknown',
    'starts', 'with', 'contains', 'true', 'false'];
const PUNCT = ['{', '}', '(', ')', ',', '=', '!=', '>', '>=', '<', '<=', '"', '\\', '/*', '*/', '//', '\n', '#', '\u0000', '\uFFFD'];

/** Strings a user (or an attacker) may write, including quotes, escapes, control characters and astral unicode. */
const HOSTILE = ["'); DROP TABLE events; --", 'a"b', 'back\\slash', 'new\nline', 'tab\there', '\u0000nul', '😀 emoji', 'ｚ', '\u202Eright-to-left', '%_*?', '${x}', ''];
const rawString = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(...HOSTILE), fc.string({ unit: 'grapheme', maxLength: 6 }));
const quoted = rawString.map(s => JSON.stringify(s));
const ident = fc.oneof(
    fc.constantFrom('page_viewed', 'form_submitted', 'deal_created', 'url_path', 'utm_campaign', 'lifecyclestage', 'amount', 'x', '_a1'),
    fc.stringMatching(/^[_a-zA-Z][_a-zA-Z0-9]{0,8}$/),
    // Soft keywords the grammar's Name rule accepts as names.
    fc.constantFrom('source', 'contacts', 'deals', 'tickets', 'from', 'to', 'last', 'all', 'anonymous', 'visitors', 'minutes', 'hours',
        'events', 'before', 'after', 'depth', 'by', 'with', 'known', 'unknown', 'dates', 'include', 'within'),
);
const name = fc.oneof({ weight: 3, arbitrary: ident }, { weight: 2, arbitrary: quoted });
const date = fc.tuple(fc.integer({ min: 1990, max: 2040 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
    .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
const number = fc.oneof(fc.integer({ min: -5, max: 100 }).map(String), fc.constantFrom('0', '1.5', '1e3', '-0.25', '99999999999999999999'));
const value = fc.oneof(quoted, number, fc.constantFrom('true', 'false'), date);

const condition: fc.Arbitrary<string> = fc.letrec<{ cond: string }>(tie => ({
    cond: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.tuple(name, fc.constantFrom('=', '!=', '>', '>=', '<', '<=', 'contains', 'starts with'), value).map(([p, op, v]) => `${p} ${op} ${v}`),
        fc.tuple(name, fc.constantFrom('in', 'not in'), fc.array(value, { minLength: 1, maxLength: 3 })).map(([p, op, vs]) => `${p} ${op} (${vs.join(', ')})`),
        fc.tuple(name, fc.constantFrom('known', 'unknown')).map(([p, k]) => `${p} is ${k}`),
        fc.tuple(tie('cond'), fc.constantFrom('and', 'or'), tie('cond')).map(([a, op, b]) => `${a} ${op} ${b}`),
        tie('cond').map(c => `(${c})`),
    ),
})).cond;

const eventItem = fc.tuple(name, fc.array(fc.oneof(
    condition.map(c => `where ${c}`),
    quoted.map(q => `campaign ${q}`),
    fc.tuple(name, fc.option(number)).map(([p, t]) => `breakdown by ${p}${t === null ? '' : ` top ${t}`}`),
), { maxLength: 3 })).map(([n, clauses]) => [`event ${n}`, ...clauses].join(' '));
const topEvents = fc.tuple(number, fc.array(name, { maxLength: 3 })).map(([c, among]) => `top events ${c}${among.length ? ` among ${among.join(', ')}` : ''}`);
const paths = fc.tuple(fc.constantFrom('before', 'after'), fc.option(number), fc.option(number), fc.array(name, { maxLength: 2 }))
    .map(([dir, depth, top, among]) => `paths ${dir}${depth === null ? '' : ` depth ${depth}`}${top === null ? '' : ` top ${top}`}${among.length ? ` among ${among.join(', ')}` : ''}`);
const stageItem = fc.oneof({ weight: 4, arbitrary: eventItem }, { weight: 1, arbitrary: topEvents }, { weight: 1, arbitrary: paths });
const stage = fc.tuple(fc.boolean(), quoted, fc.array(stageItem, { maxLength: 3 }))
    .map(([opt, n, items]) => `${opt ? 'optional ' : ''}stage ${n} {\n${items.map(i => `  ${i}\n`).join('')}}`);
const setting = fc.oneof(
    fc.constantFrom('source contacts', 'source deals', 'source tickets', 'include anonymous visitors', 'dates all'),
    fc.tuple(date, date).map(([a, b]) => `dates from ${a} to ${b}`),
    fc.tuple(number, fc.constantFrom('days', 'weeks', 'months', 'years')).map(([n, u]) => `dates last ${n} ${u}`),
    fc.tuple(number, fc.constantFrom('minutes', 'hours', 'days', 'weeks')).map(([n, u]) => `within ${n} ${u}`),
    condition.map(c => `where ${c}`),
);
const journey = fc.tuple(quoted, fc.array(fc.oneof(setting, stage), { maxLength: 7 }))
    .map(([n, parts]) => `journey ${n} {\n${parts.join('\n')}\n}\n`);

/** Whitespace and comments between tokens: the formatter must keep comments and drop nothing else. */
const separator = fc.constantFrom(' ', '  ', '\n', '\t', '\r\n', ' /* c */ ', ' // note\n', '\n\n');
/** A well-formed (syntactically, mostly) journey file: one to three journeys. */
export const grammarText: fc.Arbitrary<string> = fc.tuple(fc.array(journey, { minLength: 1, maxLength: 3 }), fc.array(separator, { minLength: 1, maxLength: 8 }))
    .map(([journeys, seps]) => journeys.map(j => respaceOutsideStrings(j, seps)).join('\n'));

/** Replaces single spaces outside string literals by the given separators (strings must keep their bytes). */
function respaceOutsideStrings(text: string, seps: string[]): string {
    let out = '';
    let i = 0;
    let k = 0;
    while (i < text.length) {
        const c = text[i];
        if (c === '"') {
            const end = stringEnd(text, i);
            out += text.slice(i, end);
            i = end;
        } else {
            out += c === ' ' ? seps[k++ % seps.length] : c;
            i++;
        }
    }
    return out;
}

function stringEnd(text: string, start: number): number {
    let i = start + 1;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    return Math.min(text.length, i + 1);
}

type Mutation = { kind: 'delete' | 'duplicate' | 'insert' | 'swap'; at: number; length: number; token: string; at2: number };
const mutation: fc.Arbitrary<Mutation> = fc.record({
    kind: fc.constantFrom('delete', 'duplicate', 'insert', 'swap'),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 40 }),
    token: fc.oneof(fc.constantFrom(...KEYWORDS, ...PUNCT), quoted, fc.string({ maxLength: 3 })),
    at2: fc.nat(),
});

function mutate(text: string, m: Mutation): string {
    const at = m.at % (text.length + 1);
    const end = Math.min(text.length, at + m.length);
    switch (m.kind) {
        case 'delete': return text.slice(0, at) + text.slice(end);
        case 'duplicate': return text.slice(0, end) + text.slice(at, end) + text.slice(end);
        case 'insert': return `${text.slice(0, at)} ${m.token} ${text.slice(at)}`;
        case 'swap': {
            const at2 = m.at2 % (text.length + 1);
            const [a, b] = at < at2 ? [at, at2] : [at2, at];
            return text.slice(0, a) + text.slice(b, Math.min(text.length, b + m.length)) + text.slice(a, b) + text.slice(Math.min(text.length, b + m.length));
        }
    }
}

/** A shipped example or template with one to four random edits. */
export const mutatedText: fc.Arbitrary<string> = fc.tuple(fc.constantFrom(...SEED_TEXTS), fc.array(mutation, { minLength: 1, maxLength: 4 }))
    .map(([text, ms]) => ms.reduce(mutate, text));

/** Raw bytes read as UTF-8 (invalid sequences become U+FFFD, as a file read would give). */
export const rawText: fc.Arbitrary<string> = fc.oneof(
    fc.uint8Array({ maxLength: 400 }).map(b => new TextDecoder().decode(b)),
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.array(fc.constantFrom(...KEYWORDS, ...PUNCT, ' '), { maxLength: 60 }).map(t => t.join(' ')),
);
