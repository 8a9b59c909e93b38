import { describe, expect, it } from 'vitest';
import type { ProviderConnect, TunnelConnect, TunnelStatus } from '../../shared/api/tunnel-routes.js';
import type { FrameScheduler } from '../../renderer/src/model/common/frame-batch-queue.js';
import { TunnelStore, type DismissalMemory, type TunnelSource } from '../../renderer/src/model/tunnel/tunnel-store.js';
import { ApiRequestError } from '../../renderer/src/services/common/api-client.js';
import { urlChangeDismissals } from '../../renderer/src/services/tunnel/url-change-dismissals.js';
import { iso, PROVEN_ONLINE, tunnelSettings, tunnelStatus } from './tunnel-fixtures.js';

/** Frames that run only when the test says so. */
function manualFrames() {
  const queued: Array<() => void> = [];
  const scheduler: FrameScheduler = { request: (callback) => void queued.push(callback) };
  return { scheduler, flush: () => queued.splice(0).forEach((callback) => callback()) };
}

function fakeSource(initial: TunnelStatus) {
  const calls: Array<[string, TunnelConnect?]> = [];
  let settings = tunnelSettings();
  let connectAnswer: () => Promise<TunnelStatus> = () => Promise.resolve(PROVEN_ONLINE);
  let downloadAnswer: () => Promise<{ path: string; version: string; sha256: string }> = () =>
    Promise.resolve({ path: '/data/bin/cloudflared', version: '2025.8.0', sha256: 'ab'.repeat(32) });
  const source: TunnelSource = {
    getTunnel: () => Promise.resolve(initial),
    getTunnelSettings: () => Promise.resolve(settings),
    connectTunnel: (body) => {
      calls.push(['connect', body]);
      return connectAnswer();
    },
    disconnectTunnel: () => {
      calls.push(['disconnect']);
      return Promise.resolve(tunnelStatus({ since: iso(10_000) }));
    },
    probeTunnel: () => {
      calls.push(['probe']);
      return Promise.resolve({ ...PROVEN_ONLINE, probe: { ok: true, at: iso(1_000), rtt_ms: 7, error: null } });
    },
    downloadCloudflared: () => {
      calls.push(['download']);
      return downloadAnswer();
    },
  };
  return {
    source,
    calls,
    setSettings: (next: typeof settings) => (settings = next),
    answerConnect: (answer: () => Promise<TunnelStatus>) => (connectAnswer = answer),
    answerDownload: (answer: typeof downloadAnswer) => (downloadAnswer = answer),
  };
}

function memory(initial: string | null = null): DismissalMemory & { written: string[] } {
  const written: string[] = [];
  return { written, read: () => initial, write: (at) => void written.push(at) };
}

const CLOUDFLARE: ProviderConnect = { provider: 'cloudflare' };

describe('TunnelStore', () => {
  it('loads status and settings, connects, and tells when the public URL changed', async () => {
    const fake = fakeSource(tunnelStatus());
    let urlChanges = 0;
    const store = new TunnelStore(fake.source, () => (urlChanges += 1), memory(), manualFrames().scheduler);
    await store.load();
    expect(store.getSnapshot()).toMatchObject({ status: { status: 'offline' }, settings: tunnelSettings(), pending: null });
    expect(urlChanges).toBe(0);

    fake.setSettings(tunnelSettings({ provider: 'cloudflare' }));
    expect(await store.connect(CLOUDFLARE)).toBe(true);
    expect(fake.calls).toEqual([['connect', CLOUDFLARE]]);
    // The choice is remembered by the engine, and read back after the connect.
    expect(store.getSnapshot()).toMatchObject({
      status: PROVEN_ONLINE,
      pending: null,
      requestError: null,
      settings: { provider: 'cloudflare' },
    });
    expect(urlChanges).toBe(1);

    await store.disconnect();
    expect(store.getSnapshot().status?.status).toBe('offline');
    expect(urlChanges).toBe(2);
  });

  it('refuses a body the contract refuses without sending it, in the contract’s words', async () => {
    const fake = fakeSource(tunnelStatus());
    const store = new TunnelStore(fake.source, undefined, memory(), manualFrames().scheduler);
    expect(await store.connect({ provider: 'localtunnel', host: 'not a url' })).toBe(false);
    expect(store.getSnapshot().requestError).toBe('host must be a URL such as https://localtunnel.me');
    expect(fake.calls).toEqual([]);
  });

  it('keeps the engine refusal verbatim and marks the request pending meanwhile', async () => {
    const fake = fakeSource(tunnelStatus());
    const store = new TunnelStore(fake.source, undefined, memory(), manualFrames().scheduler);
    let reject: (error: Error) => void = () => undefined;
    fake.answerConnect(() => new Promise((_resolve, fail) => (reject = fail)));
    const done = store.connect({ provider: 'ngrok', authtoken: 'bad' });
    expect(store.getSnapshot().pending).toBe('connect');
    reject(new ApiRequestError('validation_failed', 'authtoken is refused', 400));
    expect(await done).toBe(false);
    expect(store.getSnapshot()).toMatchObject({ pending: null, requestError: 'authtoken is refused' });
  });

  it('applies a burst of live statuses once per frame, newest wins, and ignores one older than shown', async () => {
    const frames = manualFrames();
    const store = new TunnelStore(fakeSource(tunnelStatus()).source, undefined, memory(), frames.scheduler);
    await store.load();
    let renders = 0;
    store.subscribe(() => (renders += 1));
    const starting = tunnelStatus({ status: 'starting', since: iso(-40_000) });
    store.receive({ type: 'tunnel.status', ...starting });
    store.receive({ type: 'tunnel.status', ...PROVEN_ONLINE });
    store.receive({ type: 'tunnel.status', ...starting });
    expect(store.getSnapshot().status?.status).toBe('offline');
    frames.flush();
    expect(store.getSnapshot().status).toEqual(PROVEN_ONLINE);
    expect(store.getSnapshot().status).not.toHaveProperty('type');
    expect(renders).toBe(2);
  });

  it('probes on demand and shows the new probe', async () => {
    const fake = fakeSource(PROVEN_ONLINE);
    const store = new TunnelStore(fake.source, undefined, memory(), manualFrames().scheduler);
    await store.load();
    const probing = store.probe();
    expect(store.getSnapshot().pending).toBe('probe');
    await probing;
    expect(store.getSnapshot().status?.probe).toMatchObject({ rtt_ms: 7 });
    expect(fake.calls).toEqual([['probe']]);
  });

  it('downloads cloudflared with busy, done and failed states, and reads the settings again after', async () => {
    const fake = fakeSource(tunnelStatus());
    const store = new TunnelStore(fake.source, undefined, memory(), manualFrames().scheduler);
    let finish: () => void = () => undefined;
    fake.answerDownload(
      () =>
        new Promise((resolve) => (finish = () => resolve({ path: '/data/bin/cloudflared', version: '2025.8.0', sha256: 'ab'.repeat(32) }))),
    );
    const downloading = store.downloadCloudflared();
    expect(store.getSnapshot().download).toEqual({ state: 'busy' });
    fake.setSettings(tunnelSettings({ cloudflare: { cloudflared: null, found: '/data/bin/cloudflared', download_available: true } }));
    finish();
    await downloading;
    expect(store.getSnapshot().download).toMatchObject({ state: 'done', result: { version: '2025.8.0' } });
    expect(store.getSnapshot().settings?.cloudflare.found).toBe('/data/bin/cloudflared');

    fake.answerDownload(() =>
      Promise.reject(new ApiRequestError('checksum_mismatch', 'The download did not match its SHA-256; nothing was saved.', 502)),
    );
    await store.downloadCloudflared();
    expect(store.getSnapshot().download).toEqual({ state: 'failed', error: 'The download did not match its SHA-256; nothing was saved.' });
  });

  it('takes the URL change from the status or the live event, and remembers its dismissal', async () => {
    const frames = manualFrames();
    const dismissals = memory();
    const store = new TunnelStore(fakeSource(PROVEN_ONLINE).source, undefined, dismissals, frames.scheduler);
    await store.load();
    expect(store.getSnapshot().urlChange).toBeNull();

    const first = { from: 'https://a.trycloudflare.com', to: PROVEN_ONLINE.url!, at: iso(-3_000) };
    store.receiveUrlChange(first);
    expect(store.getSnapshot().urlChange).toEqual(first);

    const second = { from: PROVEN_ONLINE.url!, to: 'https://b.trycloudflare.com', at: iso(-1_000) };
    store.receive({ type: 'tunnel.status', ...PROVEN_ONLINE, url: second.to, since: iso(-1_000), url_change: second });
    frames.flush();
    expect(store.getSnapshot().urlChange).toEqual(second);
    // An event that arrives late does not bring back the older change.
    store.receiveUrlChange(first);
    expect(store.getSnapshot().urlChange).toEqual(second);

    store.dismissUrlChange(second.at);
    expect(store.getSnapshot().dismissedUrlChangeAt).toBe(second.at);
    expect(dismissals.written).toEqual([second.at]);
    // A new page starts from what was remembered.
    const reloaded = new TunnelStore(fakeSource(PROVEN_ONLINE).source, undefined, memory(second.at), frames.scheduler);
    expect(reloaded.getSnapshot().dismissedUrlChangeAt).toBe(second.at);
  });

  it('keeps working without settings when the engine cannot give them', async () => {
    const fake = fakeSource(tunnelStatus());
    fake.source.getTunnelSettings = () =>
      Promise.reject(new ApiRequestError('not_implemented', 'Tunnel settings are not available yet.', 501));
    const store = new TunnelStore(fake.source, undefined, memory(), manualFrames().scheduler);
    await store.load();
    expect(store.getSnapshot()).toMatchObject({
      status: { status: 'offline' },
      settings: null,
      settingsError: 'Tunnel settings are not available yet.',
    });
  });
});

describe('urlChangeDismissals', () => {
  it('keeps the dismissal in storage, and in memory when storage refuses', () => {
    const values = new Map<string, string>();
    const storage = {
      getItem: (key: string) => values.get(key) ?? null,
      setItem: (key: string, value: string) => void values.set(key, value),
    };
    urlChangeDismissals(storage as Storage).write('2026-03-01T12:00:00.000Z');
    expect(urlChangeDismissals(storage as Storage).read()).toBe('2026-03-01T12:00:00.000Z');

    const refusing = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    const inMemory = urlChangeDismissals(refusing as unknown as Storage);
    inMemory.write('2026-03-01T12:00:01.000Z');
    expect(inMemory.read()).toBe('2026-03-01T12:00:01.000Z');
  });
});
