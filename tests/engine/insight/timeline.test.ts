import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntegrationTimeline } from '../../../shared/api/insight.js';
import { createIntegration, fire, post, startDispatchEngine } from '../dispatch/support/engine-harness.js';
import { startSink, type Sink } from '../dispatch/support/sinks.js';
import type { TestEngine } from '../../support/test-engine.js';

describe('integration timeline', () => {
  let t: TestEngine;
  let sink: Sink;
  const state = { status: 500 };
  let integrationId: string;
  const skippedIds: string[] = [];

  const timeline = (query = '') => t.apiJson<IntegrationTimeline>(`/api/integrations/${integrationId}/timeline${query}`);

  beforeAll(async () => {
    t = await startDispatchEngine();
    sink = await startSink((_req, res) => {
      res.writeHead(state.status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ status: state.status }));
    });
    integrationId = (await createIntegration(t, { url: `${sink.url}/timeline` })).id;

    // Ten failures disable it; a test send while disabled is not counted; two events are skipped.
    for (let i = 0; i < 10; i++) await fire(t, [integrationId]);
    state.status = 200;
    await t.apiJson(`/api/integrations/${integrationId}/test`, post());
    for (let i = 0; i < 2; i++) skippedIds.push((await fire(t, [integrationId])).deliveries[0].id);
    // Re-enabled, it starts again from 0: one failure, then a success.
    await t.apiJson(`/api/integrations/${integrationId}/enable`, post());
    state.status = 500;
    await fire(t, [integrationId]);
    state.status = 200;
    await fire(t, [integrationId]);
  });
  afterAll(async () => {
    await sink.close();
    await t.stop();
  });

  it('shows the failure streak up to the threshold, the auto-disable, the skipped deliveries, the re-enable and the reset', async () => {
    const result = await timeline();
    expect(result).toMatchObject({ integration_id: integrationId, threshold: 10, truncated: false });
    expect(result.attempts.map((a) => [a.outcome, a.streak])).toEqual([
      ...Array.from({ length: 10 }, (_, i) => ['failed', i + 1]),
      ['succeeded', 10],
      ['failed', 1],
      ['succeeded', 0],
    ]);
    expect(result.attempts.at(-1)!.streak).toBe((await t.apiJson(`/api/integrations/${integrationId}`)).consecutive_failures);
    expect(result.attempts[0]).toMatchObject({ attempt: 1, status: 500, error_class: 'http_500', event: 'call.completed' });
    expect(result.attempts[0].duration_ms).toEqual(expect.any(Number));
    expect(result.changes.map((c) => [c.kind, c.reason])).toEqual([
      ['disabled', 'http_500'],
      ['enabled', null],
    ]);
    const tenth = Date.parse(result.attempts[9].started_at);
    expect(Date.parse(result.changes[0].at)).toBeGreaterThanOrEqual(tenth);
    expect(result.skipped.map((s) => s.delivery)).toEqual(skippedIds);
    expect(Date.parse(result.skipped[0].at)).toBeGreaterThanOrEqual(Date.parse(result.changes[0].at));
    expect(Date.parse(result.changes[1].at)).toBeGreaterThanOrEqual(Date.parse(result.skipped[1].at));
  });

  it('returns the newest attempts when limited, their streak counted from the attempts before them', async () => {
    const result = await timeline('?limit=4');
    expect(result.truncated).toBe(true);
    expect(result.attempts.map((a) => [a.outcome, a.streak])).toEqual([
      ['failed', 10],
      ['succeeded', 10],
      ['failed', 1],
      ['succeeded', 0],
    ]);
    expect(result.changes.map((c) => c.kind)).toEqual(['disabled', 'enabled']);
    expect(result.skipped).toHaveLength(2);
    expect((await timeline('?limit=1')).changes).toEqual([]);
  });

  it('refuses an unknown integration with 404 and a limit out of range with 400', async () => {
    const unknown = await t.api('/api/integrations/int_nope/timeline');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: 'not_found' });
    expect((await t.api(`/api/integrations/${integrationId}/timeline?limit=0`)).status).toBe(400);
  });

  it('lists a disable made through the API with reason manual', async () => {
    const other = await createIntegration(t, { url: `${sink.url}/manual` });
    await t.apiJson(`/api/integrations/${other.id}`, { ...post({ enabled: false }), method: 'PATCH' });
    const result = await t.apiJson<IntegrationTimeline>(`/api/integrations/${other.id}/timeline`);
    expect(result).toMatchObject({ attempts: [], truncated: false, changes: [{ kind: 'disabled', reason: 'manual' }] });
  });
});
