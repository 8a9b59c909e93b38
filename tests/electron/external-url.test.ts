import { describe, expect, it } from 'vitest';
import { externalUrlToOpen } from '../../electron/shell/external-url.js';

describe('URLs handed to the OS browser', () => {
  it('opens http and https links, normalized by the URL parser', () => {
    expect(externalUrlToOpen('https://inboundflow.example/docs/webhooks')).toBe('https://inboundflow.example/docs/webhooks');
    expect(externalUrlToOpen('HTTP://Example.COM')).toBe('http://example.com/');
  });

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'smb://attacker/share',
    'ms-msdt:/id PCWDiagnostic',
    'data:text/html,<script>alert(1)</script>',
    'hookbench://app/index.html',
    'vscode://file/etc/passwd',
  ])('refuses a non-web scheme: %s', (url) => {
    expect(externalUrlToOpen(url)).toBeNull();
  });

  it('refuses what does not parse, is not a string, or is absurdly long', () => {
    expect(externalUrlToOpen('not a url')).toBeNull();
    expect(externalUrlToOpen('')).toBeNull();
    expect(externalUrlToOpen(42)).toBeNull();
    expect(externalUrlToOpen({ href: 'https://example.com' })).toBeNull();
    expect(externalUrlToOpen(`https://example.com/${'a'.repeat(9000)}`)).toBeNull();
  });

  it('refuses links carrying credentials', () => {
    expect(externalUrlToOpen('https://user:pass@example.com/')).toBeNull();
    expect(externalUrlToOpen('https://bank.example@evil.example/')).toBeNull();
  });
});
