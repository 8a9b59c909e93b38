import { createEngine, type EngineSeams } from '../../../../electron/engine/engine.js';
import type { EngineConfigInput } from '../../../../electron/engine/config.js';
import type { LiveMessage } from '../../../../shared/api/live.js';
import type { TestEngine } from '../../../support/test-engine.js';
import { tempDir } from '../../../support/temp-dir.js';

/** The real engine on free loopback ports, with test seams (a stand-in provider). */
export async function startCoreEngine(overrides: Partial<EngineConfigInput> = {}, seams: EngineSeams = {}): Promise<TestEngine> {
  const dir = overrides.dataDir ? null : tempDir();
  const dataDir = overrides.dataDir ?? dir!.path;
  const engine = createEngine({ dataDir, apiPort: 0, httpPort: 0, httpsPort: 0, ...overrides }, () => {}, seams);
  const info = await engine.start();
  const api = (path: string, init: RequestInit = {}) =>
    fetch(info.apiUrl.replace(/\/api$/, '') + path, {
      ...init,
      headers: { Authorization: `Bearer ${info.token}`, ...(init.headers as Record<string, string> | undefined) },
    });
  return {
    engine,
    info,
    dataDir,
    api,
    apiJson: async (path, init) => {
      const res = await api(path, init);
      if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${path} → ${res.status} ${await res.text()}`);
      return res.json();
    },
    stop: async () => {
      await engine.stop();
      dir?.remove();
    },
  };
}

export const postJson = (body?: unknown): RequestInit =>
  body === undefined ? { method: 'POST' } : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };

/** Every live message the engine emits from now on; `next` waits for one that matches (seen ones count). */
export function recordEvents(engine: TestEngine, timeoutMs = 15_000) {
  const messages: LiveMessage[] = [];
  const waiters: Array<() => void> = [];
  const unsubscribe = engine.engine.events.subscribe((message) => {
    messages.push(message);
    for (const waiter of waiters.splice(0)) waiter();
  });
  /** Loosely typed: tests read whichever message type they wait for. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the check picks the message type and the test's assertions read it
  const next = (check: (m: any) => boolean, from = 0): Promise<any> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching event; last: ${JSON.stringify(messages.at(-1))}`)), timeoutMs);
      const look = () => {
        const found = messages.slice(from).find(check);
        if (found) {
          clearTimeout(timer);
          resolve(found);
        } else waiters.push(look);
      };
      look();
    });
  return { messages, next, unsubscribe };
}
