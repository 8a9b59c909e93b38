import { afterAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from '../../support/test-engine.js';
import { tempDir } from '../../support/temp-dir.js';
import { createIntegration, fire, nextMessage, post, startDispatchEngine } from './support/engine-harness.js';
import { startSink, type Sink } from './support/sinks.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** A sink whose answer the test switches between 200 and 500. */
async function switchableSink() {
  const state = { status: 500 };
  const sink: Sink = await startSink((_req, res) => {
    res.writeHead(state.status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ status: state.status }));
  });
  cleanups.push(() => sink.close());
  return { sink, state };
}

async function engine(dataDir?: string): Promise<TestEngine> {
  const t = dataDir ? await startTestEngine({ dataDir, allowHttpLocalhost: true, dispatchTimeoutMs: 2_000 }) : await startDispatchEngine();
  cleanups.push(() => t.stop().catch(() => {}));
  return t;
}

describe('auto-disable through the engine', () => {
  it('stays enabled after 9 failures and a success, with the count back at 0', async () => {
    const t = await engine();
    const { sink, state } = await switchableSink();
    const integration = await createIntegration(t, { url: `${sink.url}/nine` });
    for (let i = 1; i <= 9; i++) {
      await fire(t, [integration.id]);
      expect((await t.apiJson(`/api/integrations/${integration.id}`)).consecutive_failures).toBe(i);
    }
    state.status = 200;
    await fire(t, [integration.id]);
    expect(await t.apiJson(`/api/integrations/${integration.id}`)).toMatchObject({
      enabled: true,
      consecutive_failures: 0,
      disabled_reason: null,
    });
  });

  it('disables on exactly the 10th consecutive failure, keeps the 11th event as skipped, survives a restart, and re-enables at 0', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    let t = await engine(dir.path);
    const { sink, state } = await switchableSink();
    const integration = await createIntegration(t, { url: `${sink.url}/ten` });

    for (let i = 1; i <= 9; i++) await fire(t, [integration.id]);
    expect(await t.apiJson(`/api/integrations/${integration.id}`)).toMatchObject({ enabled: true, consecutive_failures: 9 });

    const disabledLive = nextMessage(t, 'integration.updated', (m) => m.integration.id === integration.id && !m.integration.enabled);
    const tenth = await fire(t, [integration.id]);
    expect(tenth.deliveries[0]).toMatchObject({ state: 'failed', error_class: 'http_500' });
    const announced = await disabledLive;
    expect(announced.integration).toMatchObject({ enabled: false, consecutive_failures: 10, disabled_reason: 'http_500' });
    const disabled = await t.apiJson(`/api/integrations/${integration.id}`);
    expect(disabled).toMatchObject({ enabled: false, consecutive_failures: 10, disabled_reason: 'http_500' });
    expect(Date.parse(disabled.disabled_at)).toBeGreaterThan(Date.now() - 60_000);
    expect(sink.requests).toHaveLength(10);

    const eleventh = await fire(t, [integration.id]);
    expect(eleventh.deliveries[0]).toMatchObject({ state: 'skipped', skipped_reason: 'disabled', response_status: null });
    expect(sink.requests).toHaveLength(10);
    const skippedRecord = await t.apiJson(`/api/deliveries/${eleventh.deliveries[0].id}`);
    expect(skippedRecord).toMatchObject({ direction: 'out', dispatch_state: 'skipped', skipped_reason: 'disabled', attempts: [] });
    const refused = await t.api(`/api/deliveries/${eleventh.deliveries[0].id}/redeliver`, post());
    expect(refused.status).toBe(409);
    expect((await refused.json()).error).toBe('integration_disabled');

    await t.stop();
    t = await engine(dir.path);
    expect(await t.apiJson(`/api/integrations/${integration.id}`)).toMatchObject({
      enabled: false,
      consecutive_failures: 10,
      disabled_reason: 'http_500',
      disabled_at: disabled.disabled_at,
      skipped_count: 1,
    });

    state.status = 200;
    const enabled = await t.apiJson(`/api/integrations/${integration.id}/enable`, post({ send_skipped: true }));
    expect(enabled.integration).toMatchObject({ enabled: true, consecutive_failures: 0, disabled_reason: null, disabled_at: null });
    expect(enabled.requeued).toEqual([eleventh.deliveries[0].id]);
    await t.engine.dispatch.dispatcher.idle();
    expect(sink.requests).toHaveLength(11);
    expect(JSON.parse(sink.requests[10].body.toString()).delivery_id).toBe(eleventh.deliveries[0].delivery_id);
    expect(await t.apiJson(`/api/deliveries/${eleventh.deliveries[0].id}`)).toMatchObject({
      dispatch_state: 'delivered',
      response_status: 200,
    });
    expect(await t.apiJson(`/api/integrations/${integration.id}`)).toMatchObject({
      enabled: true,
      consecutive_failures: 0,
      skipped_count: 0,
    });
  });

  it('re-enabling resets the count so it takes 10 new failures to disable again', async () => {
    const t = await engine();
    const { sink } = await switchableSink();
    const integration = await createIntegration(t, { url: `${sink.url}/again` });
    for (let i = 0; i < 10; i++) await fire(t, [integration.id]);
    expect((await t.apiJson(`/api/integrations/${integration.id}`)).enabled).toBe(false);
    await t.apiJson(`/api/integrations/${integration.id}/enable`, { method: 'POST' });
    for (let i = 1; i <= 9; i++) await fire(t, [integration.id]);
    expect(await t.apiJson(`/api/integrations/${integration.id}`)).toMatchObject({ enabled: true, consecutive_failures: 9 });
    await fire(t, [integration.id]);
    expect(await t.apiJson(`/api/integrations/${integration.id}`)).toMatchObject({ enabled: false, consecutive_failures: 10 });
  });

  it('never disables when failures and successes alternate', async () => {
    const t = await engine();
    const { sink, state } = await switchableSink();
    const integration = await createIntegration(t, { url: `${sink.url}/alternate` });
    for (let i = 0; i < 30; i++) {
      state.status = i % 2 === 0 ? 500 : 200;
      await fire(t, [integration.id]);
      const current = await t.apiJson(`/api/integrations/${integration.id}`);
      expect(current).toMatchObject({ enabled: true, consecutive_failures: i % 2 === 0 ? 1 : 0 });
    }
    expect(sink.requests).toHaveLength(30);
  });

  it('still sends a test delivery to a disabled integration, without counting it', async () => {
    const t = await engine();
    const { sink, state } = await switchableSink();
    const integration = await createIntegration(t, { url: `${sink.url}/test-while-disabled` });
    for (let i = 0; i < 10; i++) await fire(t, [integration.id]);
    state.status = 200;
    const test = await t.apiJson(`/api/integrations/${integration.id}/test`, { method: 'POST' });
    expect(test).toMatchObject({ state: 'delivered', response_status: 200 });
    expect(sink.requests).toHaveLength(11);
    expect(await t.apiJson(`/api/integrations/${integration.id}`)).toMatchObject({ enabled: false, consecutive_failures: 10 });
  });
});
