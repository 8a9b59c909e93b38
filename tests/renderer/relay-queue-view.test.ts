import { describe, expect, it } from 'vitest';
import { summarizeAnswer } from '../../renderer/src/model/delivery/answer-summary.js';
import { relayQueueLines, relayWaitView, waitedText } from '../../renderer/src/model/tunnel/relay-queue-view.js';
import { tunnelTag } from '../../renderer/src/model/tunnel/tunnel-delivery.js';

const none = { waiting: 0, drained: 0, duplicates: 0, dropped_expired: 0, refused_full: 0, last_drained_at: null };

describe('the relay queue in the tunnel panel', () => {
  it('says how many waited on the relay, what is still coming and what was lost', () => {
    expect(relayQueueLines(null)).toEqual([]);
    expect(relayQueueLines(none)).toEqual([]);
    expect(relayQueueLines({ ...none, drained: 12 })).toEqual([
      { tone: 'info', text: '12 deliveries waited on the relay while you were away.' },
    ]);
    expect(relayQueueLines({ ...none, drained: 1, waiting: 3, dropped_expired: 2, refused_full: 1 }).map((l) => l.text)).toEqual([
      '3 deliveries are still coming from the relay’s queue…',
      '1 delivery waited on the relay while you were away.',
      '2 requests were dropped on the relay: older than its --queue-max-age.',
      '1 sender was refused with 507 while the relay’s queue was full.',
    ]);
    // Redeliveries already stored say nothing to the user.
    expect(relayQueueLines({ ...none, duplicates: 4 })).toEqual([]);
  });
});

describe('a delivery that waited on the relay', () => {
  it('reads how long it waited and is tagged as queued in the list', () => {
    expect(
      ['4000', '192000', String(2 * 3600_000 + 5 * 60_000), String(3 * 86_400_000 + 7_200_000)].map((ms) => waitedText(Number(ms))),
    ).toEqual(['4s', '3m 12s', '2h 5m', '3d 2h']);
    expect(relayWaitView({ queued_at: null, drained_at: null })).toBeNull();
    expect(relayWaitView({ queued_at: '2026-05-01T10:00:00.000Z', drained_at: '2026-05-01T12:05:00.000Z' })).toEqual({
      queuedAt: '2026-05-01T10:00:00.000Z',
      drainedAt: '2026-05-01T12:05:00.000Z',
      waited: '2h 5m',
    });
    const relayed = {
      via: 'tunnel' as const,
      remote_address: '203.0.113.7',
      tunnel_provider: 'relay' as const,
      remote_address_source: null,
    };
    expect(tunnelTag({ ...relayed, queued_at: '2026-05-01T10:00:00.000Z' })?.text).toBe('relay, queued');
    expect(tunnelTag({ ...relayed, queued_at: null })?.text).toBe('relay');
  });

  it('says the relay answered the sender, with what', () => {
    const summary = summarizeAnswer({ source: 'relay_queue', outcome: 'sent' }, 202);
    expect(summary.title).toBe('Queued by the relay while you were away — it answered the sender 202');
    expect(summary.notes.join(' ')).toMatch(/forward-to and failure simulation did not apply/);
  });
});
