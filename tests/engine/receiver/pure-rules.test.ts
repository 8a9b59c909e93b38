import { describe, expect, it } from 'vitest';
import { jsonStateOf } from '../../../electron/engine/inbound/json-state.js';
import { decodeChunked, parseRawRequest } from '../../../electron/engine/receiver/raw-request-parser.js';
import { inboxSlugOf } from '../../../electron/engine/inbound/routing.js';
import { inboundFlowFacts } from '../../../electron/engine/receiver/inboundflow-facts.js';

describe('inbox routing', () => {
  it.each([
    ['/i/stripe/webhook', 'stripe'],
    ['/i/stripe', 'stripe'],
    ['/i/stripe?x=1', 'stripe'],
    ['/i/Stripe/', 'stripe'],
    ['/webhook', null],
    ['/', null],
    ['/ix/stripe', null],
    ['/i/', null],
  ])('%s → %s', (path, slug) => expect(inboxSlugOf(path)).toBe(slug));
});

describe('JSON flag', () => {
  it('flags bodies that claim or look like JSON and leaves the rest alone', () => {
    expect(jsonStateOf('application/json', Buffer.from('{"a":1}'))).toBe('valid');
    expect(jsonStateOf('application/vnd.api+json; charset=utf-8', Buffer.from('[1,'))).toBe('invalid');
    expect(jsonStateOf(null, Buffer.from('  {"a":1}'))).toBe('valid');
    expect(jsonStateOf(null, Buffer.from('{nope'))).toBe('invalid');
    expect(jsonStateOf('text/plain', Buffer.from('hello'))).toBeNull();
    expect(jsonStateOf('application/json', Buffer.alloc(0))).toBeNull();
  });
});

describe('raw request parser (custom methods)', () => {
  it('waits for the whole body before completing', () => {
    expect(parseRawRequest(Buffer.from('FOO / HTTP/1.1\r\nContent-Length: 4\r\n\r\nab'), 100)).toEqual({ state: 'incomplete' });
    expect(parseRawRequest(Buffer.from('FOO / HTTP/1.1\r\nContent-Length: 4\r\n\r\nabcd'), 100)).toMatchObject({
      state: 'complete',
      body: Buffer.from('abcd'),
    });
  });

  it('refuses malformed request lines, headers and oversize bodies', () => {
    expect(parseRawRequest(Buffer.from('FOO\r\n\r\n'), 100).state).toBe('error');
    expect(parseRawRequest(Buffer.from('FOO / HTTP/1.1\r\nno colon\r\n\r\n'), 100).state).toBe('error');
    expect(parseRawRequest(Buffer.from('FOO / HTTP/1.1\r\nContent-Length: 500\r\n\r\n'), 100)).toEqual({
      state: 'error',
      message: 'body too large',
    });
  });

  it('decodes chunked bodies, with extensions and trailers', () => {
    expect(decodeChunked(Buffer.from('3;x=y\r\nabc\r\n0\r\nTrailer: 1\r\n\r\n'), 100)).toEqual({
      state: 'complete',
      body: Buffer.from('abc'),
    });
    expect(decodeChunked(Buffer.from('3\r\nab'), 100)).toEqual({ state: 'incomplete' });
    expect(decodeChunked(Buffer.from('zz\r\n'), 100).state).toBe('error');
  });
});

describe('InboundFlow facts', () => {
  it('prefers the headers and falls back to the envelope', () => {
    const body = Buffer.from('{"event":"call.completed","delivery_id":"d-1"}');
    expect(inboundFlowFacts([], JSON.parse(body.toString()))).toMatchObject({ event: 'call.completed', deliveryId: 'd-1' });
    expect(inboundFlowFacts([['x-inboundflow-event', 'lead.created']], JSON.parse(body.toString())).event).toBe('lead.created');
    expect(inboundFlowFacts([], [1])).toMatchObject({ event: null, envelope: null });
  });
});
