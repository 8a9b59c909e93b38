import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, isAppUrl } from '../../electron/shell/app-url.js';
import { decideNavigation, decideRedirect, decideWindowOpen } from '../../electron/shell/navigation-guard.js';

describe('navigation guard', () => {
  it('lets the window move inside hookbench://app', () => {
    expect(decideNavigation(APP_ENTRY_URL)).toEqual({ allow: true, openExternally: null });
    expect(decideNavigation('hookbench://app/index.html#/deliveries')).toEqual({ allow: true, openExternally: null });
  });

  it('keeps the window in place for a web link and hands the link to the OS browser', () => {
    expect(decideNavigation('https://example.com/docs')).toEqual({ allow: false, openExternally: 'https://example.com/docs' });
  });

  it('blocks every other place without opening anything', () => {
    for (const url of [
      'file:///etc/passwd',
      'http://127.0.0.1:4600/',
      'hookbench://evil/index.html',
      'javascript:alert(1)',
      'about:blank',
    ]) {
      const decision = decideNavigation(url);
      expect(decision.allow, url).toBe(false);
      if (!url.startsWith('http')) expect(decision.openExternally, url).toBeNull();
    }
  });

  it('never follows a redirect out of the app, nor opens it externally', () => {
    expect(decideRedirect('https://example.com/')).toEqual({ allow: false, openExternally: null });
    expect(decideRedirect('hookbench://app/index.html')).toEqual({ allow: true, openExternally: null });
  });

  it('never opens a new Electron window; web links go to the OS browser, others nowhere', () => {
    expect(decideWindowOpen('https://example.com/')).toEqual({ allow: false, openExternally: 'https://example.com/' });
    expect(decideWindowOpen('hookbench://app/index.html')).toEqual({ allow: false, openExternally: null });
    expect(decideWindowOpen('file:///etc/passwd')).toEqual({ allow: false, openExternally: null });
  });
});

describe('app URL (also the IPC sender check)', () => {
  it('accepts only pages of hookbench://app', () => {
    expect(isAppUrl('hookbench://app/index.html')).toBe(true);
    expect(isAppUrl('hookbench://app/')).toBe(true);
  });

  it.each([
    undefined,
    null,
    '',
    'hookbench://app',
    'hookbench://application/index.html',
    'hookbench://app.evil/index.html',
    'hookbench://evil/app/index.html',
    'https://app/index.html',
    'http://127.0.0.1:4600/',
    'file:///app/index.html',
    'about:blank',
  ])('refuses %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });
});
