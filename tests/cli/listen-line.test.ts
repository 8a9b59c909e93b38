import { describe, expect, it } from 'vitest';
import type { DeliveryRecord } from '../../shared/api/deliveries.js';
import { deliveryLine } from '../../electron/cli/commands/listen.js';

const base = {
  received_at: '2026-02-24T21:00:05.123Z',
  method: 'POST',
  path: '/i/stripe/',
  event: null,
  signature_verdict: null,
  response: { status: 200, headers: [], body: { encoding: 'utf8', data: '', size: 0 } },
  answer: null,
} as unknown as DeliveryRecord;

const line = (patch: Record<string, unknown>) => deliveryLine({ ...base, ...patch });

describe('listen output line', () => {
  it('shows time, method and path, event, signature verdict, handler status and duration', () => {
    expect(
      line({
        event: 'lead.created',
        signature_verdict: 'valid',
        response: { ...base.response, status: 204 },
        answer: { source: 'forward', outcome: 'sent', duration_ms: 12 },
      }),
    ).toBe('21:00:05  POST /i/stripe/  lead.created  [signature valid]  → 204  12 ms');
  });

  it('names forward failures and timeouts with their reason', () => {
    expect(
      line({
        response: { ...base.response, status: 502 },
        answer: {
          source: 'forward',
          outcome: 'failed',
          duration_ms: 1,
          error: { code: 'refused', message: 'Nothing is listening at localhost:3000 (ECONNREFUSED).' },
        },
      }),
    ).toBe('21:00:05  POST /i/stripe/  → 502 forward_failed: Nothing is listening at localhost:3000 (ECONNREFUSED).  1 ms');
    expect(
      line({
        response: { ...base.response, status: 504 },
        answer: { source: 'forward', outcome: 'timeout', duration_ms: 9000, error: { code: 'timeout', message: 'too slow' } },
      }),
    ).toBe('21:00:05  POST /i/stripe/  → 504 forward_timeout: too slow  9000 ms');
  });

  it('marks scripted answers and simulated failures', () => {
    expect(line({ answer: { source: 'scripted', outcome: 'sent', delay_ms: 0 } })).toBe('21:00:05  POST /i/stripe/  → 200 (scripted)');
    expect(
      line({ response: { ...base.response, status: 0 }, answer: { source: 'failure', outcome: 'reset', failure: { type: 'reset' } } }),
    ).toBe('21:00:05  POST /i/stripe/  → reset (simulated reset)');
    expect(line({})).toBe('21:00:05  POST /i/stripe/  → 200');
  });
});
