import { afterAll, describe, expect, it } from 'vitest';
import { startServe } from '../../support/serve-process.js';
import { startTestEngine } from '../../support/test-engine.js';
import { tempDir } from '../../support/temp-dir.js';
import { createIntegration, post } from './support/engine-harness.js';
import { hangingSink, startSink } from './support/sinks.js';

// Spawns bin/hookbench.js: run `npm run build` (or `npx tsc -p tsconfig.build.json`) first.
const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe('an attempt cut short by kill -9', () => {
  it('is settled as interrupted on restart and counted neither then nor again', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const mode = { status: 500, hang: false };
    const sink = await startSink((_req, res) => {
      if (mode.hang) return;
      res.writeHead(mode.status);
      res.end();
    });
    cleanups.push(() => sink.close());

    const serve = await startServe(dir.path, ['--allow-http-localhost']);
    cleanups.push(() => void serve.child.kill('SIGKILL'));
    const token = new URL(serve.urls.uiUrl).hash.replace('#token=', '');
    const api = async (path: string, init: RequestInit = {}) => {
      const res = await fetch(serve.urls.apiUrl.replace(/\/api$/, '') + path, {
        ...init,
        headers: { ...init.headers, Authorization: `Bearer ${token}` },
      });
      if (!res.ok) throw new Error(`${path} → ${res.status} ${await res.text()}`);
      return res.json();
    };
    const integration = await api(
      '/api/integrations',
      post({ kind: 'custom', name: 'crash', url: `${sink.url}/crash`, events: ['call.completed'] }),
    );
    for (let i = 0; i < 9; i++) await api('/api/events', post({ event: 'call.completed', wait: true }));
    expect((await api(`/api/integrations/${integration.id}`)).consecutive_failures).toBe(9);

    mode.hang = true;
    const fired = await api('/api/events', post({ event: 'call.completed' }));
    // The attempt is committed as started before its request leaves, so once the sink has it, so has the disk.
    await sink.received(10);
    serve.child.kill('SIGKILL');
    expect((await serve.exited).signal).toBe('SIGKILL');

    const t = await startTestEngine({ dataDir: dir.path, allowHttpLocalhost: true });
    cleanups.push(() => t.stop());
    const record = await t.apiJson(`/api/deliveries/${fired.deliveries[0].id}`);
    expect(record.dispatch_state).toBe('interrupted');
    expect(record.attempts).toEqual([
      expect.objectContaining({ attempt: 1, outcome: 'interrupted', duration_ms: null, error_class: null }),
    ]);
    expect(record.attempts[0].error_message).toMatch(/not counted/);
    expect(await t.apiJson(`/api/integrations/${integration.id}`)).toMatchObject({ enabled: true, consecutive_failures: 9 });

    mode.hang = false;
    mode.status = 200;
    const again = await t.apiJson(`/api/deliveries/${record.id}/redeliver`, post({ wait: true }));
    expect(again).toMatchObject({ state: 'delivered', delivery_id: record.delivery_id });
    const after = await t.apiJson(`/api/deliveries/${record.id}`);
    expect(after.attempts.map((a: { outcome: string }) => a.outcome)).toEqual(['interrupted', 'succeeded']);
    expect((await t.apiJson(`/api/integrations/${integration.id}`)).consecutive_failures).toBe(0);
  });

  it('a clean stop cuts an attempt in flight short as interrupted, queued ones too, and counts none of them', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const hanging = await hangingSink();
    cleanups.push(() => hanging.close());
    const first = await startTestEngine({ dataDir: dir.path, allowHttpLocalhost: true, dispatchTimeoutMs: 60_000 });
    const integration = await createIntegration(first, { url: `${hanging.url}/stop` });
    const inFlight = await first.apiJson('/api/events', post({ event: 'call.completed' }));
    const queued = await first.apiJson('/api/events', post({ event: 'call.completed' }));
    await hanging.received(1);
    await first.stop();

    const t = await startTestEngine({ dataDir: dir.path, allowHttpLocalhost: true });
    cleanups.push(() => t.stop());
    const cut = await t.apiJson(`/api/deliveries/${inFlight.deliveries[0].id}`);
    expect(cut).toMatchObject({ dispatch_state: 'interrupted', attempts: [expect.objectContaining({ outcome: 'interrupted' })] });
    expect(await t.apiJson(`/api/deliveries/${queued.deliveries[0].id}`)).toMatchObject({ dispatch_state: 'interrupted', attempts: [] });
    expect(hanging.requests).toHaveLength(1);
    expect(await t.apiJson(`/api/integrations/${integration.id}`)).toMatchObject({ enabled: true, consecutive_failures: 0 });
  });
});
