/**
 * The language's limits (language.md): defaults mirror HubSpot's, and a
 * workspace may change them (`journey.limits` in VS Code, `--limits` on the
 * command line) because the engine itself is not bound by them.
 */
export interface JourneyLimits {
    /** Stages in one journey. */
    stages: number;
    /** Distinct event names over all stages. */
    events: number;
    /** Stages with a breakdown. */
    breakdowns: number;
    /** Length of a date range, in years. */
    years: number;
}

export const DEFAULT_LIMITS: Readonly<JourneyLimits> = Object.freeze({ stages: 15, events: 15, breakdowns: 10, years: 5 });

const KEYS = Object.keys(DEFAULT_LIMITS) as (keyof JourneyLimits)[];

/**
 * Limits from a setting object (VS Code `journey.limits`): known keys with whole
 * numbers ≥ 1 override the defaults; anything else is ignored so that a typo in
 * settings never breaks the editor.
 */
export function limitsFromSetting(setting: unknown): JourneyLimits {
    const limits: JourneyLimits = { ...DEFAULT_LIMITS };
    if (!setting || typeof setting !== 'object') return limits;
    for (const key of KEYS) {
        const value = (setting as Record<string, unknown>)[key];
        if (typeof value === 'number' && Number.isInteger(value) && value >= 1) limits[key] = value;
    }
    return limits;
}

/**
 * Parses the CLI's `--limits` text: `stages=20,events=30,breakdowns=12,years=10`
 * (any subset) or the same as a JSON object. Throws a one-sentence Error naming
 * the bad part.
 */
export function parseLimitsOption(text: string): JourneyLimits {
    const trimmed = text.trim();
    if (trimmed.startsWith('{')) {
        let parsed: unknown;
        try {
            parsed = JSON.parse(trimmed);
        } catch {
            throw new Error(`--limits: '${text}' is not valid JSON`);
        }
        const entries = Object.entries(parsed as Record<string, unknown>).map(([k, v]) => `${k}=${String(v)}`);
        return parseLimitsOption(entries.join(','));
    }
    const limits: JourneyLimits = { ...DEFAULT_LIMITS };
    for (const part of trimmed.split(',').map(p => p.trim()).filter(Boolean)) {
        const match = /^([a-z]+)\s*=\s*(\S+)$/.exec(part);
        if (!match) throw new Error(`--limits: '${part}' is not of the form name=number`);
        const [, key, raw] = match;
        if (!KEYS.includes(key as keyof JourneyLimits)) {
            throw new Error(`--limits: unknown limit '${key}' (known: ${KEYS.join(', ')})`);
        }
        const value = Number(raw);
        if (!Number.isInteger(value) || value < 1) throw new Error(`--limits: ${key} must be a whole number ≥ 1, not '${raw}'`);
        limits[key as keyof JourneyLimits] = value;
    }
    return limits;
}
