import { describe, expect, it } from 'vitest';
import { forwardFromDraft, draftFromInbox } from '../../renderer/src/model/inboxes/forward-settings.js';
import { parseHeaderLines } from '../../renderer/src/model/delivery/header-lines.js';
import { describeScripted, draftFromResponse, responseFromDraft } from '../../renderer/src/model/inboxes/scripted-response-draft.js';

describe('header lines', () => {
  it('keeps order, case, duplicates and values with colons; skips blank lines', () => {
    expect(parseHeaderLines('Content-Type: application/json\n\nX-Trace: a\nx-trace:b\nLink: <https://a.example/x>; rel="next"')).toEqual({
      ok: true,
      headers: [
        ['Content-Type', 'application/json'],
        ['X-Trace', 'a'],
        ['x-trace', 'b'],
        ['Link', '<https://a.example/x>; rel="next"'],
      ],
    });
  });

  it('names the bad line or header', () => {
    expect(parseHeaderLines('X-Ok: 1\njust text')).toEqual({ ok: false, error: 'Line 2: write headers as "Name: value".' });
    expect(parseHeaderLines('Bad Name: 1')).toMatchObject({ ok: false, error: expect.stringContaining('(header 1, "Bad Name")') });
  });
});

describe('scripted response editor', () => {
  it('builds the response to save, or null when switched off', () => {
    const draft = {
      ...draftFromResponse(null),
      enabled: true,
      status: '202',
      headers: 'X-Request-Id: abc',
      body: '{"received":true}',
      delayMs: '1500',
    };
    expect(responseFromDraft(draft)).toEqual({
      ok: true,
      response: { status: 202, headers: [['X-Request-Id', 'abc']], body: '{"received":true}', body_encoding: 'utf8', delay_ms: 1500 },
    });
    expect(responseFromDraft({ ...draft, enabled: false })).toEqual({ ok: true, response: null });
    expect(responseFromDraft({ ...draft, status: '700' })).toMatchObject({ ok: false });
    expect(responseFromDraft({ ...draft, delayMs: '-1' })).toMatchObject({ ok: false, error: expect.stringContaining('delay') });
    expect(responseFromDraft({ ...draft, headers: 'nope' })).toMatchObject({ ok: false, error: expect.stringMatching(/^Headers: Line 1/) });
  });

  it('summarises a saved response in one line and reads it back into the editor', () => {
    const response = {
      status: 503,
      headers: [['Retry-After', '30']] as [string, string][],
      body: 'down',
      body_encoding: 'utf8' as const,
      delay_ms: 250,
    };
    expect(describeScripted(response)).toBe('503 · after 250 ms · 1 header · 4 bytes');
    expect(responseFromDraft(draftFromResponse(response))).toEqual({ ok: true, response });
  });
});

describe('forward-to settings', () => {
  it('accepts http(s) handlers, stops forwarding when empty, and bounds the timeout', () => {
    expect(forwardFromDraft({ url: ' http://localhost:3000/webhooks ', timeoutMs: '5000' })).toEqual({
      ok: true,
      forward_to: 'http://localhost:3000/webhooks',
      forward_timeout_ms: 5000,
    });
    expect(forwardFromDraft({ url: '', timeoutMs: '9000' })).toEqual({ ok: true, forward_to: null, forward_timeout_ms: 9000 });
    expect(forwardFromDraft({ url: 'ftp://x', timeoutMs: '9000' })).toMatchObject({ ok: false, error: expect.stringContaining('http://') });
    expect(forwardFromDraft({ url: 'http://x', timeoutMs: '50' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('100 to 600000'),
    });
    expect(draftFromInbox({ forward_to: null, forward_timeout_ms: 9000 })).toEqual({ url: '', timeoutMs: '9000' });
  });
});
