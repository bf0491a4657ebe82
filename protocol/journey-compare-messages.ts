/**
 * Messages between the extension host and the compare page (two versions of
 * a journey file side by side). Plain types and validators, so the browser
 * bundle can include it; the page trusts nothing it gets without a check.
 */
import type { CompareResult } from './journey-protocol.js';

export interface ComparePayload extends CompareResult {
    fileName: string;
    store: string;
}

export type HostToCompareMessage =
    | { type: 'compare'; payload: ComparePayload }
    | { type: 'running'; message: string }
    | { type: 'error'; message: string };

export type CompareToHostMessage = { type: 'ready' };

export function parseHostToCompare(value: unknown): HostToCompareMessage | undefined {
    if (typeof value !== 'object' || value === null) return undefined;
    const m = value as Record<string, unknown>;
    switch (m.type) {
        case 'compare': {
            const p = m.payload as Record<string, unknown> | undefined;
            return p && typeof p.fileName === 'string' && typeof p.oldLabel === 'string' && typeof p.newLabel === 'string' && Array.isArray(p.journeys)
                ? { type: 'compare', payload: p as unknown as ComparePayload } : undefined;
        }
        case 'running':
        case 'error':
            return typeof m.message === 'string' ? { type: m.type, message: m.message } : undefined;
        default:
            return undefined;
    }
}

export function parseCompareToHost(value: unknown): CompareToHostMessage | undefined {
    return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'ready' ? { type: 'ready' } : undefined;
}
