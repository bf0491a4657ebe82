import { describe, expect, it } from 'vitest';
import { buildCsp, buildWebviewHtml, makeNonce } from '../../extension/src/webview-html.js';

describe('the report page shell', () => {
    const html = buildWebviewHtml({
        cspSource: 'https://file+.vscode-resource.vscode-cdn.net', nonce: 'abc123', scriptUri: 'https://x/out/webview.js',
        styleUri: 'https://x/media/report.css', title: 'Report: <b>a</b>.journey',
    });

    it('allows only the nonce script and no eval, inline script or remote connection', () => {
        const csp = buildCsp('vscode-resource:', 'N1');
        expect(csp).toContain("default-src 'none'");
        expect(csp).toContain("script-src 'nonce-N1'");
        expect(csp).toContain("connect-src 'none'");
        expect(csp).not.toMatch(/unsafe-(inline|eval)/);
        expect(csp).not.toMatch(/https?:\/\//);
    });

    it('carries the policy and the nonce on its single script', () => {
        expect(html).toContain('http-equiv="Content-Security-Policy"');
        expect(html.match(/<script/g)).toHaveLength(1);
        expect(html).toContain('<script nonce="abc123" src="https://x/out/webview.js">');
        expect(html).not.toMatch(/\son[a-z]+=/i);
    });

    it('escapes the title', () => {
        expect(html).toContain('<title>Report: &lt;b&gt;a&lt;/b&gt;.journey</title>');
    });

    it('makes 32-character alphanumeric nonces that differ', () => {
        const a = makeNonce();
        expect(a).toMatch(/^[A-Za-z0-9]{32}$/);
        expect(makeNonce()).not.toBe(a);
        expect(makeNonce(() => 0)).toBe('A'.repeat(32));
    });
});
