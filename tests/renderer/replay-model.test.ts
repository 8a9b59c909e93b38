import { describe, expect, it } from 'vitest';
import type { DeliveryRecord, DeliverySummary } from '../../shared/api/deliveries.js';
import { summarizeAnswer } from '../../renderer/src/model/delivery/answer-summary.js';
import { bulkReplayBody, describeFilters } from '../../renderer/src/model/deliveries/bulk-replay-request.js';
import { deliveryExportFile, listExportFile } from '../../renderer/src/model/deliveries/delivery-exports.js';
import { NO_FILTERS } from '../../renderer/src/model/deliveries/delivery-filters.js';
import { initialReplayDraft, replayBodyFromDraft } from '../../renderer/src/model/delivery/replay-draft.js';
import { mayBeReplayOf, replaysOfQuery } from '../../renderer/src/model/delivery/replays-of.js';

function summary(patch: Partial<DeliverySummary>): DeliverySummary {
  return {
    id: 'dlv_1',
    direction: 'in',
    inbox_id: 'inb_1',
    integration_id: null,
    method: 'POST',
    path: '/i/stripe/',
    event: 'call.completed',
    delivery_id: 'd-1',
    content_type: 'application/json',
    size: 2,
    json: 'valid',
    signature_verdict: null,
    schema_valid: null,
    response_status: 200,
    received_at: '2026-03-06T15:30:00.000Z',
    via: 'direct',
    tls: false,
    remote_address: '127.0.0.1',
    ...patch,
  };
}

function record(patch: Partial<DeliveryRecord> = {}): DeliveryRecord {
  return {
    ...summary({}),
    headers: [['Content-Type', 'application/json']],
    body: { encoding: 'utf8', data: '{}', size: 2 },
    response: null,
    signature: null,
    schema: null,
    ...patch,
  };
}

describe('replay dialog', () => {
  const withForward = { defaultTarget: 'http://localhost:3000/webhooks', storedSecret: true };

  it('sends an exact replay to the default target with no body at all but the mode', () => {
    const draft = initialReplayDraft(record(), withForward);
    expect(draft.target).toBe('default');
    expect(replayBodyFromDraft(draft, withForward)).toEqual({ ok: true, body: { mode: 'exact' } });
  });

  it('takes a custom URL, a typed secret and edits, and refuses what the engine would', () => {
    const draft = { ...initialReplayDraft(record(), withForward), target: 'custom' as const, customUrl: 'http://127.0.0.1:9/x' };
    expect(
      replayBodyFromDraft(
        {
          ...draft,
          mode: 'resign',
          secretSource: 'typed',
          secret: 'whsec_1',
          editHeaders: true,
          headers: 'X-A: 1',
          editBody: true,
          body: '{"a":1}',
        },
        withForward,
      ),
    ).toEqual({
      ok: true,
      body: { mode: 'resign', target: 'http://127.0.0.1:9/x', secret: 'whsec_1', edits: { headers: [['X-A', '1']], body: '{"a":1}' } },
    });
    expect(replayBodyFromDraft({ ...draft, mode: 'resign', secretSource: 'stored' }, withForward)).toEqual({
      ok: true,
      body: { mode: 'resign', target: 'http://127.0.0.1:9/x' },
    });
    expect(replayBodyFromDraft({ ...draft, customUrl: '' }, withForward)).toMatchObject({
      ok: false,
      error: expect.stringContaining('Enter the URL'),
    });
    expect(replayBodyFromDraft({ ...draft, customUrl: 'file:///etc/passwd' }, withForward)).toMatchObject({ ok: false });
    expect(replayBodyFromDraft({ ...draft, editHeaders: true, headers: 'oops' }, withForward)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Headers:/),
    });
  });

  it('asks for a URL when the inbox does not forward, and for a secret when none is stored', () => {
    const none = { defaultTarget: null, storedSecret: false };
    const draft = initialReplayDraft(record(), none);
    expect(draft).toMatchObject({ target: 'custom', secretSource: 'typed' });
    expect(replayBodyFromDraft({ ...draft, target: 'default' }, none)).toMatchObject({
      ok: false,
      error: expect.stringContaining('no default target'),
    });
    expect(replayBodyFromDraft({ ...draft, customUrl: 'http://x/', mode: 'resign' }, none)).toMatchObject({
      ok: false,
      error: expect.stringContaining('secret'),
    });
  });

  it('never sends a deferred body as an empty edit: it waits until the body is loaded', () => {
    const deferred = record({ body: { encoding: 'deferred', size: 9_000_000, href: '/api/deliveries/dlv_1/body?part=request' } });
    const draft = initialReplayDraft(deferred, withForward);
    expect(draft.body).toBeNull();
    expect(replayBodyFromDraft(draft, withForward)).toEqual({ ok: true, body: { mode: 'exact' } });
    expect(replayBodyFromDraft({ ...draft, editBody: true }, withForward)).toMatchObject({
      ok: false,
      error: expect.stringContaining('still loading'),
    });
    expect(replayBodyFromDraft({ ...draft, editBody: true, body: '{"a":2}' }, withForward)).toEqual({
      ok: true,
      body: { mode: 'exact', edits: { body: '{"a":2}' } },
    });
  });
});

describe('replays of a delivery', () => {
  const original = record({ id: 'dlv_orig', received_at: '2026-03-06T15:30:00.000Z' });

  it('asks the engine for its replays by replay_of, and wakes up only for live rows that could be one', () => {
    expect(replaysOfQuery(original)).toEqual({ replay_of: 'dlv_orig', limit: '25' });
    const replay = summary({ id: 'dlv_r1', direction: 'out', via: 'replay', received_at: '2026-03-06T15:31:00.000Z' });
    expect(mayBeReplayOf(original, replay)).toBe(true);
    expect(
      mayBeReplayOf(original, summary({ id: 'dlv_sent', direction: 'out', via: 'dispatch', received_at: '2026-03-06T15:31:00.000Z' })),
    ).toBe(false);
    expect(
      mayBeReplayOf(
        original,
        summary({ id: 'dlv_other', direction: 'out', via: 'replay', delivery_id: 'd-2', received_at: '2026-03-06T15:31:00.000Z' }),
      ),
    ).toBe(false);
    expect(
      mayBeReplayOf(original, summary({ id: 'dlv_older', direction: 'out', via: 'replay', received_at: '2026-03-06T15:29:00.000Z' })),
    ).toBe(false);
  });
});

describe('answer summary', () => {
  it('tells a forward that answered from one that failed or timed out', () => {
    expect(summarizeAnswer({ source: 'forward', outcome: 'sent', target: 'http://localhost:3000/w', duration_ms: 12 }, 200)).toMatchObject({
      tone: 'ok',
      title: 'Forwarded — your handler answered 200',
      target: 'http://localhost:3000/w',
      durationMs: 12,
    });
    expect(summarizeAnswer({ source: 'forward', outcome: 'sent', target: 't', duration_ms: 3 }, 500).tone).toBe('warn');
    expect(
      summarizeAnswer(
        { source: 'forward', outcome: 'failed', target: 't', duration_ms: 1, error: { code: 'refused', message: 'Nothing is listening' } },
        502,
      ),
    ).toMatchObject({ tone: 'fail', title: 'Forward failed — the sender got 502', error: { code: 'refused' } });
    expect(summarizeAnswer({ source: 'forward', outcome: 'timeout', target: 't', duration_ms: 9000 }, 504).title).toContain('504');
    expect(summarizeAnswer({ source: 'forward', outcome: 'pending', target: 't' }, null).tone).toBe('pending');
  });

  it('describes replays, simulated failures and scripted answers', () => {
    expect(
      summarizeAnswer({ source: 'replay', outcome: 'sent', mode: 'resign', edited: true, job: 'rpj_1', target: 't', duration_ms: 5 }, 201),
    ).toMatchObject({
      title: 'Replay (re-signed, edited) — the target answered 201',
      notes: ['Part of bulk replay rpj_1'],
    });
    expect(summarizeAnswer({ source: 'failure', outcome: 'reset', failure: { type: 'reset' } }, 0)).toMatchObject({
      tone: 'fail',
      title: 'Simulated failure: reset the connection',
      status: null,
    });
    expect(summarizeAnswer({ source: 'scripted', outcome: 'sent', delay_ms: 1500 }, 202)).toMatchObject({
      title: 'Scripted response 202',
      notes: ['Answered after a 1,500 ms delay'],
    });
  });
});

describe('bulk replay request', () => {
  const draft = { receivedOnly: true, target: 'default' as const, customUrl: '', mode: 'exact' as const, secret: '' };

  it('replays the filtered list, received deliveries only unless the list already picks a direction', () => {
    expect(bulkReplayBody({ filters: { ...NO_FILTERS, inbox: 'inb_1', event: ' call.completed ' } }, draft)).toEqual({
      ok: true,
      body: { mode: 'exact', filter: { direction: 'in', inbox: 'inb_1', event: 'call.completed' } },
    });
    expect(bulkReplayBody({ filters: { ...NO_FILTERS, direction: 'out' } }, draft)).toMatchObject({
      body: { filter: { direction: 'out' } },
    });
    expect(bulkReplayBody({ filters: NO_FILTERS }, { ...draft, receivedOnly: false })).toMatchObject({ body: { filter: {} } });
  });

  it('takes ids, one target for all and a secret', () => {
    expect(
      bulkReplayBody(
        { ids: ['a', 'b'] },
        { ...draft, target: 'custom', customUrl: 'http://localhost:3000/w', mode: 'resign', secret: 's' },
      ),
    ).toEqual({
      ok: true,
      body: { mode: 'resign', ids: ['a', 'b'], target: 'http://localhost:3000/w', secret: 's' },
    });
    expect(bulkReplayBody({ ids: [] }, draft)).toMatchObject({ ok: false });
    expect(bulkReplayBody({ filters: NO_FILTERS }, { ...draft, target: 'custom' })).toMatchObject({
      ok: false,
      error: 'Enter the URL to replay to.',
    });
  });

  it('says which deliveries the filters pick', () => {
    expect(describeFilters(NO_FILTERS, () => undefined)).toBe('every delivery');
    expect(describeFilters({ ...NO_FILTERS, direction: 'in', inbox: 'inb_1', status: '5xx', q: 'orders' }, () => 'Stripe')).toBe(
      'received · inbox Stripe · 5xx server error · matching “orders”',
    );
  });
});

describe('export files', () => {
  it('points at the export routes with the list filters and a file name', () => {
    expect(deliveryExportFile('dlv_1', 'har')).toEqual({
      path: '/api/deliveries/dlv_1/export',
      query: { format: 'har' },
      filename: 'dlv_1.har',
    });
    expect(listExportFile({ ...NO_FILTERS, inbox: 'inb_1', status: '4xx' }, 'ndjson', new Date('2026-03-06T15:30:00.000Z'))).toEqual({
      path: '/api/export',
      query: { inbox: 'inb_1', status: '4xx', format: 'ndjson' },
      filename: 'hookbench-2026-03-06T15-30-00-000Z.ndjson',
    });
  });
});
