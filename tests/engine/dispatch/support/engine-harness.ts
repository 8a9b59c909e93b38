import type { LiveMessage } from '../../../../shared/api/live.js';
import type { EngineConfigInput } from '../../../../electron/engine/config.js';
import { startTestEngine, type TestEngine } from '../../../support/test-engine.js';

/** A test engine that may send to http://127.0.0.1 sinks, with a short timeout unless told otherwise. */
export function startDispatchEngine(overrides: Partial<EngineConfigInput> = {}): Promise<TestEngine> {
  return startTestEngine({ allowHttpLocalhost: true, dispatchTimeoutMs: 2_000, ...overrides });
}

export const post = (body: unknown = {}): RequestInit => ({
  method: 'POST',
  body: JSON.stringify(body),
  headers: { 'Content-Type': 'application/json' },
});

export const patch = (body: unknown): RequestInit => ({ ...post(body), method: 'PATCH' });

export function createIntegration(t: TestEngine, body: Record<string, unknown>) {
  return t.apiJson('/api/integrations', post({ kind: 'custom', name: 'Test hook', events: ['call.completed'], ...body }));
}

/** Resolves with the first live message (sent from now on) that matches. */
export function nextMessage<T extends LiveMessage['type']>(
  t: TestEngine,
  type: T,
  match: (message: Extract<LiveMessage, { type: T }>) => boolean = () => true,
): Promise<Extract<LiveMessage, { type: T }>> {
  return new Promise((resolve) => {
    const unsubscribe = t.engine.events.subscribe((message) => {
      if (message.type === type && match(message as Extract<LiveMessage, { type: T }>)) {
        unsubscribe();
        resolve(message as Extract<LiveMessage, { type: T }>);
      }
    });
  });
}

/** Fires one event to the named integrations and waits for every delivery to settle. */
export function fire(t: TestEngine, integrationIds: string[], event = 'call.completed', extra: Record<string, unknown> = {}) {
  return t.apiJson('/api/events', post({ event, integration_ids: integrationIds, wait: true, ...extra }));
}
