import { describe, expect, it } from 'vitest';
import { parseHostMessage, parseWebviewMessage, parseWebviewState } from '../../protocol/journey-protocol.js';

describe('parseWebviewMessage (everything from the page is untrusted)', () => {
    it('accepts each known message and copies only its fields', () => {
        expect(parseWebviewMessage({ type: 'ready', extra: '<script>' })).toEqual({ type: 'ready' });
        expect(parseWebviewMessage({ type: 'refresh' })).toEqual({ type: 'refresh' });
        expect(parseWebviewMessage({ type: 'cancel' })).toEqual({ type: 'cancel' });
        expect(parseWebviewMessage({ type: 'exportReport' })).toEqual({ type: 'exportReport' });
        expect(parseWebviewMessage({ type: 'createList', journey: 'J', stage: 'S', mode: 'dropped', command: 'rm -rf' }))
            .toEqual({ type: 'createList', journey: 'J', stage: 'S', mode: 'dropped' });
        expect(parseWebviewMessage({ type: 'exportUnsummarized', journey: 'J' })).toEqual({ type: 'exportUnsummarized', journey: 'J' });
        expect(parseWebviewMessage({ type: 'revealStage', journey: 'J', stage: 'S' })).toEqual({ type: 'revealStage', journey: 'J', stage: 'S' });
        expect(parseWebviewMessage({ type: 'image', requestId: 'img-1', format: 'svg', data: '<svg/>' }))
            .toEqual({ type: 'image', requestId: 'img-1', format: 'svg', data: '<svg/>' });
        expect(parseWebviewMessage({ type: 'imageFailed', requestId: 'img-1', message: 'x'.repeat(900) })?.type).toBe('imageFailed');
    });

    it('ignores unknown types and non-objects', () => {
        for (const value of [undefined, null, 42, 'ready', [], ['ready'], {}, { type: 'runShell', cmd: 'ls' }, { type: 'READY' }]) {
            expect(parseWebviewMessage(value)).toBeUndefined();
        }
    });

    it('rejects known types with missing or mistyped fields', () => {
        expect(parseWebviewMessage({ type: 'createList', journey: 'J', stage: 'S', mode: 'all' })).toBeUndefined();
        expect(parseWebviewMessage({ type: 'createList', journey: 'J', mode: 'reached' })).toBeUndefined();
        expect(parseWebviewMessage({ type: 'createList', journey: '', stage: 'S', mode: 'reached' })).toBeUndefined();
        expect(parseWebviewMessage({ type: 'createList', journey: 7, stage: 'S', mode: 'reached' })).toBeUndefined();
        expect(parseWebviewMessage({ type: 'exportUnsummarized', journey: 'x'.repeat(1001) })).toBeUndefined();
        expect(parseWebviewMessage({ type: 'image', requestId: '../../etc', format: 'png', data: '' })).toBeUndefined();
        expect(parseWebviewMessage({ type: 'image', requestId: 'a', format: 'gif', data: '' })).toBeUndefined();
        expect(parseWebviewMessage({ type: 'image', requestId: 'a', format: 'png', data: 5 })).toBeUndefined();
        expect(parseWebviewMessage({ type: 'revealStage', journey: 'J' })).toBeUndefined();
    });
});

describe('parseHostMessage', () => {
    it('accepts the host messages the page handles', () => {
        const payload = { uri: 'file:///a.journey', fileName: 'a.journey', store: '/s.sqlite', ranAt: 'now', reports: [] };
        expect(parseHostMessage({ type: 'report', payload })).toEqual({ type: 'report', payload });
        expect(parseHostMessage({ type: 'running', fraction: 0.5, message: 'matching' })).toEqual({ type: 'running', fraction: 0.5, message: 'matching' });
        expect(parseHostMessage({ type: 'error', message: 'bad' })).toEqual({ type: 'error', message: 'bad' });
        expect(parseHostMessage({ type: 'renderImage', requestId: 'r1', format: 'png', journey: 'J' })?.type).toBe('renderImage');
    });

    it('drops malformed ones', () => {
        expect(parseHostMessage({ type: 'report', payload: { uri: 'x' } })).toBeUndefined();
        expect(parseHostMessage({ type: 'running', fraction: '1', message: '' })).toBeUndefined();
        expect(parseHostMessage({ type: 'other' })).toBeUndefined();
        expect(parseHostMessage('report')).toBeUndefined();
    });
});

describe('parseWebviewState (what the serializer restores)', () => {
    it('keeps a valid uri, selection and payload', () => {
        const payload = { uri: 'file:///a.journey', fileName: 'a.journey', store: 's', ranAt: 't', reports: [] };
        expect(parseWebviewState({ uri: 'file:///a.journey', selectedJourney: 'J', payload })).toEqual({ uri: 'file:///a.journey', selectedJourney: 'J', payload });
    });

    it('refuses state without a uri scheme, and drops a broken payload', () => {
        expect(parseWebviewState({ uri: '/no/scheme' })).toBeUndefined();
        expect(parseWebviewState(null)).toBeUndefined();
        expect(parseWebviewState({ uri: 'file:///a.journey', payload: { reports: 'no' } })).toEqual({ uri: 'file:///a.journey' });
    });
});
