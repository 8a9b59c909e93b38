import { describe, expect, it } from 'vitest';
import type { DeliverySummary } from '../../shared/api/deliveries.js';
import type { Inbox, InboxPatch } from '../../shared/api/inboxes.js';
import type { Integration, OutgoingResult } from '../../shared/api/integrations.js';
import { labFailureRule, newerIntegration, pointsAtInbox, runPlan } from '../../renderer/src/model/failure-lab/failure-lab.js';
import { FailureLabStore, type FailureLabSource } from '../../renderer/src/model/failure-lab/failure-lab-store.js';
import { LiveFeed } from '../../renderer/src/model/common/live-feed.js';

const inbox = {
  id: 'inb_lab',
  name: 'Lab',
  slug: 'lab',
  urls: { http: 'http://127.0.0.1:4610/i/lab/', https: 'https://127.0.0.1:4611/i/lab/', tunnel: null },
  failure: null,
} as unknown as Inbox;

let clock = 0;
const tick = () => new Date(Date.UTC(2026, 2, 6, 15, 30, 0, ++clock)).toISOString();

function integration(patch: Partial<Integration> = {}): Integration {
  return {
    id: 'int_1',
    kind: 'zapier',
    name: 'Zapier',
    url: 'https://hooks.zapier.com/hooks/catch/1/a/',
    events: ['call.completed'],
    secret: 'whsec_x',
    previous_secret: null,
    previous_secret_expires_at: null,
    enabled: true,
    consecutive_failures: 0,
    disabled_reason: null,
    disabled_at: null,
    skipped_count: 0,
    created_at: tick(),
    updated_at: tick(),
    warnings: [],
    ...patch,
  };
}

/** The dispatch engine and receiver in miniature: failures count, the 10th disables, a success resets. */
function fakeEngine(start: Partial<Integration> = {}) {
  let current = integration(start);
  let failure: InboxPatch['failure'] = null;
  const arrivals: DeliverySummary[] = [];
  const fired: string[] = [];
  let onFire: (n: number) => void = () => {};
  const save = (patch: Partial<Integration>) => (current = { ...current, ...patch, updated_at: tick() });
  const fire = (event: Integration['events'][number]): OutgoingResult => {
    fired.push(event);
    onFire(fired.length);
    const n = fired.length;
    const base = { id: `dlv_out_${n}`, integration_id: current.id, event, delivery_id: `d-${n}`, skipped_reason: null };
    if (!current.enabled) return { ...base, state: 'skipped', response_status: null, error_class: null, skipped_reason: 'disabled' };
    arrivals.push({ id: `dlv_in_${n}`, delivery_id: `d-${n}` } as DeliverySummary);
    if (failure) {
      const count = current.consecutive_failures + 1;
      save({ consecutive_failures: count, ...(count >= 10 ? { enabled: false, disabled_reason: 'http_500', disabled_at: tick() } : {}) });
      return { ...base, state: 'failed', response_status: 500, error_class: 'http_500' };
    }
    save({ consecutive_failures: 0 });
    return { ...base, state: 'delivered', response_status: 200, error_class: null };
  };
  const source: FailureLabSource = {
    listIntegrations: () => Promise.resolve([current]),
    createIntegration: (name, url) => Promise.resolve(integration({ id: 'int_new', name, url })),
    getIntegration: () => Promise.resolve(current),
    setIntegrationUrl: (_id, url) => Promise.resolve(save({ url })),
    enableIntegration: () => Promise.resolve(save({ enabled: true, consecutive_failures: 0, disabled_reason: null, disabled_at: null })),
    updateInbox: (_id, patch) => {
      failure = patch.failure ?? null;
      return Promise.resolve({ ...inbox, failure });
    },
    recentArrivals: () => Promise.resolve([...arrivals].reverse()),
    fireOne: (_id, event) => Promise.resolve(fire(event)),
  };
  return {
    source,
    integration: () => current,
    failure: () => failure,
    fired,
    onFire: (fn: (n: number) => void) => (onFire = fn),
  };
}

async function loadedLab(engine: ReturnType<typeof fakeEngine>, feed = new LiveFeed()) {
  const lab = new FailureLabStore(engine.source, feed);
  await lab.load();
  lab.choose({ inboxId: inbox.id });
  return lab;
}

describe('failure lab rules', () => {
  it('plans the run: point at the inbox, re-enable, make it fail, fire until disabled', () => {
    expect(runPlan(integration({ consecutive_failures: 4 }), inbox, 'http_500')).toEqual([
      'Point Zapier at https://127.0.0.1:4611/i/lab/ (now https://hooks.zapier.com/hooks/catch/1/a/).',
      'Make Lab fail every request: HTTP 500.',
      'Fire call.completed at Zapier, one at a time, until it is auto-disabled (6 failures to go).',
    ]);
    const there = integration({ url: inbox.urls.https, enabled: false, disabled_reason: 'timeout', consecutive_failures: 10 });
    expect(pointsAtInbox(there, inbox)).toBe(true);
    expect(runPlan(there, inbox, 'timeout')).toEqual([
      'Re-enable Zapier (it is disabled: timeout).',
      'Make Lab fail every request: Hang (timeout).',
      'Fire call.completed at Zapier, one at a time, until it is auto-disabled (10 failures to go).',
    ]);
  });

  it('sets an always-failing rule of the chosen kind', () => {
    expect(labFailureRule('http_500')).toEqual({ mode: 'always', kind: { type: 'status', status: 500 } });
    expect(labFailureRule('timeout')).toEqual({ mode: 'always', kind: { type: 'hang' } });
    expect(labFailureRule('reset')).toEqual({ mode: 'always', kind: { type: 'reset' } });
  });

  it('keeps the newer copy of an integration when a live message and a read cross', () => {
    const older = integration({ consecutive_failures: 3 });
    const newer = integration({ consecutive_failures: 4 });
    expect(newerIntegration(newer, older)).toBe(newer);
    expect(newerIntegration(older, newer)).toBe(newer);
    expect(newerIntegration(null, older)).toBe(older);
  });
});

describe('failure lab run', () => {
  it('fires until the 10th failure disables the integration, linking each step to its inbox delivery', async () => {
    const engine = fakeEngine();
    const lab = await loadedLab(engine);
    await lab.run(inbox);
    const snapshot = lab.getSnapshot();
    expect(snapshot.phase).toBe('disabled');
    expect(snapshot.steps).toHaveLength(10);
    expect(snapshot.steps.map((step) => step.countAfter)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(snapshot.steps.every((step, i) => step.arrivalId === `dlv_in_${i + 1}`)).toBe(true);
    expect(snapshot.steps[9].enabledAfter).toBe(false);
    expect(snapshot.integration).toMatchObject({ enabled: false, url: inbox.urls.https, disabled_reason: 'http_500' });
    expect(snapshot.previousUrl).toBe('https://hooks.zapier.com/hooks/catch/1/a/');
    expect(engine.failure()).toEqual({ mode: 'always', kind: { type: 'status', status: 500 } });
    expect(snapshot.notes[0]).toContain('Pointed Zapier at https://127.0.0.1:4611/i/lab/');
  });

  it('re-enables, then the recovery run clears the rule and gets one delivery through with the count at 0', async () => {
    const engine = fakeEngine();
    const lab = await loadedLab(engine);
    await lab.run(inbox);
    await lab.reenable();
    expect(lab.getSnapshot()).toMatchObject({ phase: 'enabled', integration: { enabled: true, consecutive_failures: 0 } });
    await lab.recover(inbox);
    const snapshot = lab.getSnapshot();
    expect(snapshot.phase).toBe('recovered');
    expect(engine.failure()).toBeNull();
    expect(snapshot.steps.at(-1)).toMatchObject({
      run: 'recovery',
      outgoing: { state: 'delivered', response_status: 200 },
      countAfter: 0,
      enabledAfter: true,
    });
    await lab.restoreUrl();
    expect(engine.integration().url).toBe('https://hooks.zapier.com/hooks/catch/1/a/');
    expect(lab.getSnapshot().previousUrl).toBeNull();
  });

  it('continues a streak already under way, and re-enables a disabled integration first', async () => {
    const partway = fakeEngine({ url: inbox.urls.https, consecutive_failures: 7 });
    const lab = await loadedLab(partway);
    await lab.run(inbox);
    expect(lab.getSnapshot().steps).toHaveLength(3);
    expect(lab.getSnapshot().previousUrl).toBeNull();

    const disabled = fakeEngine({ enabled: false, consecutive_failures: 10, disabled_reason: 'timeout' });
    const again = await loadedLab(disabled);
    await again.run(inbox);
    expect(again.getSnapshot().notes).toContain('Re-enabled Zapier first: it was disabled.');
    expect(again.getSnapshot().steps).toHaveLength(10);
  });

  it('stops after the step in flight when asked', async () => {
    const engine = fakeEngine();
    const lab = await loadedLab(engine);
    engine.onFire((n) => n === 3 && lab.stop());
    await lab.run(inbox);
    expect(lab.getSnapshot()).toMatchObject({ phase: 'stopped', stopRequested: false });
    expect(lab.getSnapshot().steps).toHaveLength(3);
  });

  it('says so when the inbox stops failing mid-streak', async () => {
    const engine = fakeEngine();
    const lab = await loadedLab(engine);
    engine.onFire((n) => n === 4 && void engine.source.updateInbox(inbox.id, { failure: null }));
    await lab.run(inbox);
    expect(lab.getSnapshot().phase).toBe('stopped');
    expect(lab.getSnapshot().error).toContain('its failure rule is no longer set');
  });

  it('follows integration.updated from the live feed for the chosen integration only', async () => {
    const engine = fakeEngine();
    const feed = new LiveFeed();
    const lab = await loadedLab(engine, feed);
    feed.publish({ type: 'integration.updated', integration: integration({ consecutive_failures: 6 }) });
    expect(lab.getSnapshot().integration?.consecutive_failures).toBe(6);
    feed.publish({
      type: 'integration.updated',
      integration: { ...integration({ consecutive_failures: 1 }), updated_at: '2000-01-01T00:00:00.000Z' },
    });
    expect(lab.getSnapshot().integration?.consecutive_failures).toBe(6);
    feed.publish({ type: 'integration.created', integration: integration({ id: 'int_2', name: 'Make' }) });
    expect(lab.getSnapshot().integrations.map((item) => item.id)).toEqual(['int_1', 'int_2']);
    expect(lab.getSnapshot().integrationId).toBe('int_1');
    feed.publish({ type: 'integration.deleted', id: 'int_1' });
    expect(lab.getSnapshot()).toMatchObject({ integrationId: 'int_2', integration: { id: 'int_2', name: 'Make' } });
  });
});
