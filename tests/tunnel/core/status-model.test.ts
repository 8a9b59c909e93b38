import { describe, expect, it } from 'vitest';
import type { TunnelProbe } from '../../../shared/api/tunnel-routes.js';
import {
  nextTunnelModel,
  offlineModel,
  type TunnelModel,
  type TunnelModelEvent,
} from '../../../electron/engine/tunnel/tunnel-status-model.js';

const T0 = Date.parse('2026-05-01T10:00:00.000Z');
const URL_A = 'https://a.trycloudflare.com';
const URL_B = 'https://b.trycloudflare.com';

const passed = (rtt = 42): TunnelProbe => ({ ok: true, at: new Date(T0).toISOString(), rtt_ms: rtt, error: null });
const failedProbe: TunnelProbe = { ok: false, at: new Date(T0).toISOString(), rtt_ms: null, error: 'ECONNRESET' };

/** Applies events one second apart, like a running tunnel would. */
function play(events: TunnelModelEvent[], from: TunnelModel = offlineModel(null, T0)): TunnelModel[] {
  const models: TunnelModel[] = [];
  let model = from;
  events.forEach((event, i) => {
    model = nextTunnelModel(model, event, T0 + (i + 1) * 1000);
    models.push(model);
  });
  return models;
}

const start: TunnelModelEvent = { type: 'start', provider: 'cloudflare', relay: null, tunnelId: null };
const onlineA: TunnelModelEvent = { type: 'report', report: { state: 'online', url: URL_A, urlStable: false }, lastUrl: null };

describe('tunnel status model', () => {
  it('is starting while the provider comes up, and still starting with the URL until a probe passes', () => {
    const [starting, reported, proven] = play([start, onlineA, { type: 'probe', probe: passed(), settling: true }]);
    expect(starting.status).toMatchObject({ provider: 'cloudflare', status: 'starting', url: null, error: null });
    expect(reported.status).toMatchObject({ status: 'starting', url: URL_A, url_stable: false, probe: null });
    expect(proven.status).toMatchObject({ status: 'online', url: URL_A, probe: { ok: true, rtt_ms: 42 }, error: null });
    expect(proven.status.since).toBe(new Date(T0 + 3000).toISOString());
  });

  it('is never online without a passing probe: a provider that comes back online starts proving again', () => {
    const models = play([
      start,
      onlineA,
      { type: 'probe', probe: passed(), settling: true },
      {
        type: 'report',
        report: {
          state: 'reconnecting',
          error: { code: 'connection_lost', message: 'lost', fix: null },
          attempt: 1,
          nextAttemptAt: T0 + 9000,
        },
        lastUrl: URL_A,
      },
      { type: 'report', report: { state: 'online', url: URL_A, urlStable: false }, lastUrl: URL_A },
    ]);
    expect(models.map((m) => m.status.status)).toEqual(['starting', 'starting', 'online', 'reconnecting', 'starting']);
    expect(models.at(-1)!.status.probe).toBeNull();
  });

  it('keeps a failing probe quiet while settling, then calls the tunnel degraded with the URL kept and a fix', () => {
    const [, , settling, degraded] = play([
      start,
      onlineA,
      { type: 'probe', probe: failedProbe, settling: true },
      { type: 'probe', probe: failedProbe, settling: false },
    ]);
    expect(settling.status).toMatchObject({ status: 'starting', url: URL_A, probe: { ok: false }, error: null });
    expect(degraded.status).toMatchObject({
      status: 'degraded',
      url: URL_A,
      probe: { ok: false, error: 'ECONNRESET' },
      error: { code: 'probe_failed', message: expect.stringContaining('ECONNRESET'), fix: expect.stringMatching(/connect again/) },
    });
  });

  it('goes from online to degraded on a failing probe and back to online once a probe passes', () => {
    const models = play([
      start,
      onlineA,
      { type: 'probe', probe: passed(), settling: true },
      { type: 'probe', probe: failedProbe, settling: false },
      { type: 'probe', probe: passed(7), settling: false },
    ]);
    expect(models.slice(2).map((m) => m.status.status)).toEqual(['online', 'degraded', 'online']);
    expect(models.at(-1)!.status).toMatchObject({ error: null, probe: { rtt_ms: 7 } });
  });

  it('moves `since` only when the state changes, not with every probe', () => {
    const models = play([
      start,
      onlineA,
      { type: 'probe', probe: passed(40), settling: true },
      { type: 'probe', probe: passed(50), settling: false },
    ]);
    expect(models[3].status.probe!.rtt_ms).toBe(50);
    expect(models[3].status.since).toBe(models[2].status.since);
  });

  it('ignores probes once the provider no longer stands behind its URL', () => {
    const lost: TunnelModelEvent = {
      type: 'report',
      report: { state: 'reconnecting', error: { code: 'connection_lost', message: 'lost', fix: null }, attempt: 1, nextAttemptAt: null },
      lastUrl: URL_A,
    };
    const models = play([start, onlineA, lost, { type: 'probe', probe: passed(), settling: false }]);
    expect(models[3]).toBe(models[2]);
    expect(models[2].status).toMatchObject({ status: 'reconnecting', url: URL_A, attempt: 1, next_attempt_at: null });
  });

  it('reports when the next attempt is, and a failure without a URL, with its fix', () => {
    const [, reconnecting, failed] = play([
      start,
      {
        type: 'report',
        report: { state: 'reconnecting', error: { code: 'x', message: 'm', fix: null }, attempt: 2, nextAttemptAt: T0 + 5000 },
        lastUrl: null,
      },
      {
        type: 'report',
        report: { state: 'failed', error: { code: 'cloudflared_not_found', message: 'No cloudflared.', fix: 'Install it.' } },
        lastUrl: null,
      },
    ]);
    expect(reconnecting.status).toMatchObject({ status: 'reconnecting', attempt: 2, next_attempt_at: new Date(T0 + 5000).toISOString() });
    expect(failed.status).toMatchObject({ status: 'failed', url: null, error: { code: 'cloudflared_not_found', fix: 'Install it.' } });
  });

  it('notes a URL that differs from the one the provider had last time, and only then', () => {
    const [, same] = play([start, { type: 'report', report: { state: 'online', url: URL_A, urlStable: true }, lastUrl: URL_A }]);
    expect(same.status.url_change).toBeNull();
    const [, changed, , again] = play([
      start,
      { type: 'report', report: { state: 'online', url: URL_B, urlStable: false }, lastUrl: URL_A },
      { type: 'probe', probe: passed(), settling: true },
      { type: 'report', report: { state: 'online', url: URL_B, urlStable: false }, lastUrl: URL_B },
    ]);
    expect(changed.status.url_change).toEqual({ from: URL_A, to: URL_B, at: new Date(T0 + 2000).toISOString() });
    // The change stays on show while this provider runs, until the next one.
    expect(again.status.url_change).toEqual(changed.status.url_change);
  });

  it('is offline after a stop, with no URL, error or probe, and starts afresh on the next connect', () => {
    const models = play([
      start,
      onlineA,
      { type: 'probe', probe: passed(), settling: true },
      { type: 'stop' },
      { ...start, provider: 'ngrok' },
    ]);
    expect(models[3].status).toMatchObject({ provider: 'cloudflare', status: 'offline', url: null, error: null, probe: null });
    expect(models[4].status).toMatchObject({ provider: 'ngrok', status: 'starting', url: null, url_change: null });
  });
});

describe("the relay queue's counts in the status", () => {
  const relayStart: TunnelModelEvent = { type: 'start', provider: 'relay', relay: 'http://relay.test', tunnelId: 'acme' };

  it('add up what waited and what was dropped since the connect, and start again at the next one', () => {
    const models = play([
      relayStart,
      { type: 'relay_queue', event: { type: 'notice', waiting: 12, droppedExpired: 2, refusedFull: 1 } },
      { type: 'relay_queue', event: { type: 'delivered', stored: 10, duplicates: 0 } },
      { type: 'relay_queue', event: { type: 'delivered', stored: 1, duplicates: 1 } },
      relayStart,
    ]);
    expect(models[1].status.relay_queue).toEqual({
      waiting: 12,
      drained: 0,
      duplicates: 0,
      dropped_expired: 2,
      refused_full: 1,
      last_drained_at: null,
    });
    expect(models[3].status.relay_queue).toEqual({
      waiting: 0,
      drained: 11,
      duplicates: 1,
      dropped_expired: 2,
      refused_full: 1,
      last_drained_at: new Date(T0 + 4000).toISOString(),
    });
    expect(models[4].status.relay_queue).toBeNull();
  });
});
