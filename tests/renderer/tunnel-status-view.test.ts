import { describe, expect, it } from 'vitest';
import type { TunnelState } from '../../shared/api/tunnel-routes.js';
import {
  connectLabel,
  failedForCloudflared,
  formatRetryIn,
  formatRoundTrip,
  isNewerStatus,
  isProvenOnline,
  latestUrlChange,
  probeView,
  shownPublicUrl,
  tunnelPillView,
  tunnelStatusNote,
  tunnelTone,
  tunnelUrlChanged,
  urlChangeToShow,
  urlStabilityText,
} from '../../renderer/src/model/tunnel/tunnel-status-view.js';
import { iso, NOW, PROVEN_ONLINE, tunnelStatus } from './tunnel-fixtures.js';

const ALL_STATES: TunnelState[] = ['offline', 'starting', 'online', 'degraded', 'reconnecting', 'failed'];
const FAILED_PROBE = { ok: false, at: iso(-2_000), rtt_ms: null, error: 'timed out after 10 s' };

describe('green means proven', () => {
  it('is green only for online with a passed last probe', () => {
    expect(isProvenOnline(PROVEN_ONLINE)).toBe(true);
    expect(tunnelTone(PROVEN_ONLINE)).toBe('online');
    expect(tunnelPillView(PROVEN_ONLINE, NOW)).toMatchObject({ tone: 'online', label: 'Cloudflare online' });
  });

  it('never shows degraded as green, whatever its probe says', () => {
    for (const probe of [null, FAILED_PROBE, { ok: true, at: iso(-1_000), rtt_ms: 10, error: null }]) {
      const degraded = tunnelStatus({
        status: 'degraded',
        url: PROVEN_ONLINE.url,
        probe,
        error: { code: 'probe_failed', message: 'no answer', fix: null },
      });
      expect(tunnelTone(degraded)).toBe('warning');
      expect(tunnelPillView(degraded, NOW).label).toBe('Cloudflare degraded');
    }
  });

  it('does not trust an online without a passed probe: checking before the first, a warning after a failed one', () => {
    expect(tunnelTone({ ...PROVEN_ONLINE, probe: null })).toBe('busy');
    expect(tunnelPillView({ ...PROVEN_ONLINE, probe: null }, NOW).label).toBe('Cloudflare checking…');
    expect(tunnelTone({ ...PROVEN_ONLINE, probe: FAILED_PROBE })).toBe('warning');
  });

  it('reads a new attempt after failed ones as retrying, in amber, not as a fresh start', () => {
    const retry = tunnelStatus({ status: 'starting', provider: 'relay', attempt: 3 });
    expect(tunnelPillView(retry, NOW)).toMatchObject({ tone: 'warning', label: 'Relay retrying…' });
    expect(tunnelStatusNote(retry, NOW)).toEqual({ tone: 'warning', text: 'Trying again: attempt 4…', fix: null });
    expect(tunnelTone(tunnelStatus({ status: 'starting', attempt: 0 }))).toBe('busy');
  });

  it('gives no state but a proven online the green tone', () => {
    for (const state of ALL_STATES) {
      for (const probe of [null, FAILED_PROBE, PROVEN_ONLINE.probe]) {
        const status = tunnelStatus({ status: state, url: PROVEN_ONLINE.url, probe });
        expect(tunnelTone(status) === 'online').toBe(state === 'online' && probe?.ok === true);
      }
    }
  });

  it('shows failed in red with the reason and fix, reconnecting in amber with the next attempt', () => {
    const failed = tunnelStatus({
      status: 'failed',
      error: { code: 'cloudflared_not_found', message: 'cloudflared is not installed.', fix: 'brew install cloudflared' },
    });
    expect(tunnelPillView(failed, NOW)).toEqual({
      tone: 'danger',
      label: 'Cloudflare failed',
      detail: 'Cloudflare quick tunnel stopped: cloudflared is not installed. Fix: brew install cloudflared',
    });
    const reconnecting = tunnelStatus({
      status: 'reconnecting',
      provider: 'localtunnel',
      attempt: 2,
      next_attempt_at: iso(4_000),
      error: { code: 'server_unreachable', message: 'The localtunnel server refused the connection.', fix: null },
    });
    expect(tunnelPillView(reconnecting, NOW)).toMatchObject({ tone: 'warning', label: 'localtunnel retrying in 4.0s' });
    expect(tunnelStatusNote(reconnecting, NOW)).toEqual({
      tone: 'warning',
      text: 'Could not connect: The localtunnel server refused the connection. Attempt 3, next try in 4.0s.',
      fix: null,
    });
    expect(tunnelStatusNote({ ...reconnecting, url: 'https://lt.example/x' }, NOW)?.text).toMatch(/^Connection lost: /);
    expect(tunnelPillView(tunnelStatus({ status: 'starting' }), NOW)).toMatchObject({ tone: 'busy', label: 'Cloudflare starting…' });
    expect(tunnelPillView(tunnelStatus(), NOW)).toMatchObject({ tone: 'offline', label: 'No public URL' });
    expect(tunnelPillView(null, NOW).label).toBe('Tunnel…');
  });
});

describe('status card words', () => {
  it('says nothing more for a proven online, and the error with its fix for degraded and failed', () => {
    expect(tunnelStatusNote(PROVEN_ONLINE, NOW)).toBeNull();
    expect(
      tunnelStatusNote(
        tunnelStatus({
          status: 'degraded',
          provider: 'ngrok',
          error: { code: 'probe_failed', message: 'the probe got 502', fix: 'Check ngrok' },
        }),
        NOW,
      ),
    ).toEqual({
      tone: 'warning',
      text: 'ngrok says connected, but requests through the public URL fail: the probe got 502',
      fix: 'Check ngrok',
    });
    expect(
      tunnelStatusNote(
        tunnelStatus({ status: 'failed', error: { code: 'url_timeout', message: 'No URL within 30 s.', fix: 'Retry.' } }),
        NOW,
      ),
    ).toEqual({ tone: 'danger', text: 'No URL within 30 s.', fix: 'Retry.' });
  });

  it('offers the cloudflared download only when the tunnel failed for want of it', () => {
    const missing = { code: 'cloudflared_not_found', message: 'not found', fix: 'install it' };
    expect(failedForCloudflared(tunnelStatus({ status: 'failed', error: missing }))).toBe(true);
    expect(failedForCloudflared(tunnelStatus({ status: 'reconnecting', error: missing }))).toBe(false);
    expect(failedForCloudflared(tunnelStatus({ status: 'failed', error: { ...missing, code: 'url_timeout' } }))).toBe(false);
    expect(failedForCloudflared(null)).toBe(false);
  });

  it('says whether the URL lasts, in the provider’s terms', () => {
    expect(urlStabilityText(PROVEN_ONLINE)).toBe('Changes on every start (quick tunnel)');
    expect(urlStabilityText({ ...PROVEN_ONLINE, provider: 'ngrok' })).toBe('Changes on every start: set a static domain to keep it');
    expect(urlStabilityText({ ...PROVEN_ONLINE, provider: 'ngrok', url_stable: true })).toBe('Stable: kept across restarts');
  });

  it('shows the probe’s round trip and when, or that it failed and why', () => {
    expect(probeView(PROVEN_ONLINE, NOW)).toEqual({ ok: true, tone: 'online', result: '42 ms', when: '5s ago', error: null });
    expect(probeView({ ...PROVEN_ONLINE, probe: { ...FAILED_PROBE, at: iso(-12_000) } }, NOW)).toEqual({
      ok: false,
      tone: 'warning',
      result: 'failed',
      when: '12s ago',
      error: 'timed out after 10 s',
    });
    expect(probeView({ ...PROVEN_ONLINE, probe: null }, NOW)).toBeNull();
    expect(formatRoundTrip(1_340)).toBe('1.3 s');
  });

  it('shows a passed probe green only while online: before a loss it says nothing about now', () => {
    expect(probeView({ ...PROVEN_ONLINE, status: 'reconnecting' }, NOW)?.tone).toBe('offline');
    expect(probeView({ ...PROVEN_ONLINE, status: 'degraded' }, NOW)?.tone).toBe('offline');
  });

  it('holds the URL while degraded or reconnecting, not once off or failed', () => {
    const url = PROVEN_ONLINE.url;
    expect(shownPublicUrl(PROVEN_ONLINE)).toBe(url);
    expect(shownPublicUrl({ ...PROVEN_ONLINE, status: 'reconnecting' })).toBe(url);
    expect(shownPublicUrl({ ...PROVEN_ONLINE, status: 'degraded' })).toBe(url);
    expect(shownPublicUrl({ ...PROVEN_ONLINE, status: 'failed' })).toBeNull();
    expect(shownPublicUrl({ ...PROVEN_ONLINE, status: 'offline' })).toBeNull();
  });

  it('names the connect button after the pick and what runs', () => {
    expect(connectLabel('cloudflare', tunnelStatus(), false)).toBe('Connect Cloudflare');
    expect(connectLabel('cloudflare', PROVEN_ONLINE, false)).toBe('Reconnect Cloudflare');
    expect(connectLabel('ngrok', PROVEN_ONLINE, false)).toBe('Switch to ngrok');
    expect(connectLabel('cloudflare', tunnelStatus({ status: 'failed' }), false)).toBe('Try Cloudflare again');
    expect(connectLabel('localtunnel', null, true)).toBe('Connecting localtunnel…');
  });
});

describe('URL change banner', () => {
  const change = { from: 'https://old-1.trycloudflare.com', to: PROVEN_ONLINE.url!, at: iso(-10_000) };

  it('shows the latest change while its new URL is the public URL, until that change is dismissed', () => {
    expect(urlChangeToShow(PROVEN_ONLINE, change, null)).toBe(change);
    expect(urlChangeToShow(PROVEN_ONLINE, change, change.at)).toBeNull();
    // A later change is a new banner even after the earlier one was dismissed.
    const later = { ...change, from: change.to, to: 'https://new-2.trycloudflare.com', at: iso(-1_000) };
    expect(urlChangeToShow({ ...PROVEN_ONLINE, url: later.to }, later, change.at)).toBe(later);
  });

  it('hides a change that is moot: tunnel off or failed, or the URL changed again since', () => {
    expect(urlChangeToShow(tunnelStatus(), change, null)).toBeNull();
    expect(urlChangeToShow({ ...PROVEN_ONLINE, status: 'failed' }, change, null)).toBeNull();
    expect(urlChangeToShow({ ...PROVEN_ONLINE, url: 'https://other.trycloudflare.com' }, change, null)).toBeNull();
    expect(urlChangeToShow(null, change, null)).toBeNull();
    expect(urlChangeToShow(PROVEN_ONLINE, null, null)).toBeNull();
  });

  it('keeps showing it while the tunnel reconnects on the new URL', () => {
    expect(urlChangeToShow({ ...PROVEN_ONLINE, status: 'reconnecting' }, change, null)).toBe(change);
  });

  it('takes the later of the status’s change and the live event’s', () => {
    const later = { ...change, at: iso(-1_000) };
    expect(latestUrlChange(change, later)).toBe(later);
    expect(latestUrlChange(later, change)).toBe(later);
    expect(latestUrlChange(null, change)).toBe(change);
    expect(latestUrlChange(change, null)).toBe(change);
  });
});

describe('ordering and URL follow-up', () => {
  it('keeps the newer state, and within a state the newer probe', () => {
    const older = tunnelStatus({ status: 'starting', since: iso(-40_000) });
    expect(isNewerStatus(null, older)).toBe(true);
    expect(isNewerStatus(PROVEN_ONLINE, older)).toBe(false);
    expect(isNewerStatus(older, PROVEN_ONLINE)).toBe(true);
    const reprobed = { ...PROVEN_ONLINE, probe: { ...PROVEN_ONLINE.probe!, at: iso(-1_000), rtt_ms: 50 } };
    expect(isNewerStatus(PROVEN_ONLINE, reprobed)).toBe(true);
    expect(isNewerStatus(reprobed, PROVEN_ONLINE)).toBe(false);
  });

  it('reads inboxes again only when the public URL (path or host based) changes', () => {
    expect(tunnelUrlChanged(null, tunnelStatus())).toBe(false);
    expect(tunnelUrlChanged(tunnelStatus(), PROVEN_ONLINE)).toBe(true);
    expect(tunnelUrlChanged(PROVEN_ONLINE, { ...PROVEN_ONLINE, status: 'reconnecting' })).toBe(false);
    expect(tunnelUrlChanged(PROVEN_ONLINE, { ...PROVEN_ONLINE, host_url: 'https://abc.relay.example' })).toBe(true);
  });

  it('counts the retry down in tenths under 10 s, seconds under 2 min, then minutes', () => {
    expect(formatRetryIn(null, NOW)).toBeNull();
    expect(formatRetryIn('not a date', NOW)).toBeNull();
    expect(formatRetryIn(iso(1_230), NOW)).toBe('in 1.3s');
    expect(formatRetryIn(iso(25_000), NOW)).toBe('in 25s');
    expect(formatRetryIn(iso(5 * 60_000), NOW)).toBe('in 5m');
    expect(formatRetryIn(iso(-10), NOW)).toBe('now');
  });
});
