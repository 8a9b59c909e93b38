import { describe, it, expect } from 'vitest';
import { headerRecord, headerValues } from '../../../shared/inboundflow/headers.js';
import { validateDeliveryHeaders } from '../../../shared/inboundflow/validate.js';

// The headers exactly as the docs list them under "Delivery Format".
const DOCS_HEADERS: [string, string][] = [
  ['Content-Type', 'application/json'],
  ['X-InboundFlow-Event', 'call.completed'],
  ['X-InboundFlow-Delivery-Id', 'unique-uuid'],
  ['X-InboundFlow-Timestamp', '1709064000'],
  ['User-Agent', 'InboundFlow-Webhook/1.0'],
];
const SIGNATURE = `sha256=${'ab'.repeat(32)}`;

function without(name: string): [string, string][] {
  return DOCS_HEADERS.filter(([key]) => key !== name);
}

describe('delivery headers', () => {
  it('accepts the documented headers, without and with a signature', () => {
    expect(validateDeliveryHeaders(DOCS_HEADERS)).toEqual({ valid: true, errors: [] });
    expect(validateDeliveryHeaders([...DOCS_HEADERS, ['X-InboundFlow-Signature', SIGNATURE]]).valid).toBe(true);
  });

  it('matches header names in any case and allows other headers', () => {
    const lower = DOCS_HEADERS.map(([name, value]) => [name.toLowerCase(), value] as [string, string]);
    expect(validateDeliveryHeaders([...lower, ['X-Forwarded-For', '10.0.0.1']]).valid).toBe(true);
  });

  it.each(['Content-Type', 'X-InboundFlow-Event', 'X-InboundFlow-Delivery-Id', 'X-InboundFlow-Timestamp', 'User-Agent'])(
    'reports a missing %s under headers.<lower-case name>',
    (name) => {
      expect(validateDeliveryHeaders(without(name)).errors).toEqual([{ path: `headers.${name.toLowerCase()}`, message: 'is required' }]);
    },
  );

  it.each([
    ['Content-Type', 'application/json; charset=utf-8', true],
    ['Content-Type', 'text/plain', false],
    ['X-InboundFlow-Event', 'call.started', false],
    ['X-InboundFlow-Timestamp', '2026-02-24T21:00:00Z', false],
    ['User-Agent', 'InboundFlow-Webhook/1.1', true],
    ['User-Agent', 'curl/8.5.0', false],
  ])('%s: %j valid: %s', (name, value, valid) => {
    expect(validateDeliveryHeaders([...without(name), [name, value]]).valid).toBe(valid);
  });

  it('rejects a doubled or upper-case signature header', () => {
    const doubled = [...DOCS_HEADERS, ['X-InboundFlow-Signature', SIGNATURE], ['x-inboundflow-signature', SIGNATURE]] as [string, string][];
    expect(validateDeliveryHeaders(doubled).errors.map((error) => error.path)).toEqual(['headers.x-inboundflow-signature']);
    const upper = [...DOCS_HEADERS, ['X-InboundFlow-Signature', SIGNATURE.toUpperCase()]] as [string, string][];
    expect(validateDeliveryHeaders(upper).valid).toBe(false);
  });

  it('lists every value of a header in arrival order, any case', () => {
    const pairs: [string, string][] = [
      ['X-A', '1'],
      ['Other', 'x'],
      ['x-a', '2'],
    ];
    expect(headerValues(pairs, 'X-a')).toEqual(['1', '2']);
    expect(headerRecord(pairs)).toEqual({ 'x-a': '1, 2', other: 'x' });
  });
});
