import { describe, expect, it } from 'vitest';
import { curlTargetOf } from '../../renderer/src/model/delivery/curl-command.js';
import { formatDuration, outgoingOutcome } from '../../renderer/src/model/delivery/outgoing-outcome.js';
import { outgoingTarget } from '../../renderer/src/model/common/outgoing-target.js';
import { attempt, outgoing, record, result } from './support/integration-fixtures.js';

describe('outgoingOutcome', () => {
  it('takes status, timing, class and advice from the latest attempt', () => {
    const failed = record(outgoing({ dispatch_state: 'failed' }), {
      attempts: [attempt({ duration_ms: 10_002, error_class: 'timeout', response: null }), attempt({ attempt: 2 })],
    });
    expect(outgoingOutcome(result({ state: 'failed', response_status: 500, error_class: 'http_500' }), failed)).toEqual({
      deliveryId: 'dlv_1',
      event: 'call.completed',
      state: 'failed',
      status: 500,
      errorClass: 'http_500',
      errorMessage: 'The endpoint answered 500; only a 2xx counts as delivered.',
      durationMs: 84,
      url: 'https://crm.example.com/hooks/inboundflow?v=2',
      skippedReason: null,
    });
  });

  it('falls back to the result alone when the record could not be read or was skipped', () => {
    const skipped = outgoingOutcome(result({ state: 'skipped', skipped_reason: 'disabled' }), null);
    expect(skipped).toMatchObject({ state: 'skipped', status: null, durationMs: null, skippedReason: 'disabled' });
  });

  it('formats durations for people', () => {
    expect([formatDuration(84), formatDuration(1234), formatDuration(10_002), formatDuration(null)]).toEqual([
      '84 ms',
      '1.23 s',
      '10.0 s',
      '—',
    ]);
  });
});

describe('where a sent delivery went', () => {
  it('copies curl to the target URL for a sent delivery, to the receiver for a received one', () => {
    expect(
      curlTargetOf({ direction: 'out', path: '/x', target_url: 'https://hooks.zapier.com/hooks/catch/1/a/?q=1' }, 'http://127.0.0.1:4610'),
    ).toEqual({
      origin: 'https://hooks.zapier.com',
      path: '/hooks/catch/1/a/?q=1',
    });
    expect(curlTargetOf({ direction: 'in', path: '/i/a?b' }, 'http://127.0.0.1:4610')).toEqual({
      origin: 'http://127.0.0.1:4610',
      path: '/i/a?b',
    });
    expect(curlTargetOf({ direction: 'out', path: '/x', target_url: null }, 'http://127.0.0.1:4610')).toBeNull();
  });

  it('names the host in a list row only while the integration still points at that path', () => {
    expect(outgoingTarget('/hooks/inboundflow?v=2', 'https://crm.example.com/hooks/inboundflow?v=2')).toEqual({
      host: 'crm.example.com',
      path: '/hooks/inboundflow?v=2',
    });
    expect(outgoingTarget('/old', 'https://crm.example.com/new')).toEqual({ host: null, path: '/old' });
    expect(outgoingTarget('/old', undefined)).toEqual({ host: null, path: '/old' });
  });
});
