import { createEngine, type Engine, type EngineInfo } from '../../electron/engine/engine.js';
import type { EngineConfigInput } from '../../electron/engine/config.js';
import { tempDir } from './temp-dir.js';

export interface TestEngine {
  engine: Engine;
  info: EngineInfo;
  dataDir: string;
  /** Calls the control API with the token (unless the init sets its own headers). */
  api: (path: string, init?: RequestInit) => Promise<Response>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read untyped unless a test names their type; its assertions are the check
  apiJson: <T = any>(path: string, init?: RequestInit) => Promise<T>;
  stop: () => Promise<void>;
}

/** The real engine on free loopback ports with its own temporary data dir. */
export async function startTestEngine(overrides: Partial<EngineConfigInput> = {}): Promise<TestEngine> {
  const dir = overrides.dataDir ? null : tempDir();
  const dataDir = overrides.dataDir ?? dir!.path;
  const engine = createEngine({ dataDir, apiPort: 0, httpPort: 0, httpsPort: 0, ...overrides });
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
