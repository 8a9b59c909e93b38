import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HookbenchError } from '../../shared/errors.js';
import { defaultDataDir } from '../engine/config.js';
import { readRuntimeFile, RUNTIME_FILE } from '../engine/runtime-file.js';

export interface EngineFlags {
  api?: string;
  dataDir?: string;
}

export interface RunningEngine {
  apiUrl: string;
  token: string;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const noEngine = (why: string) =>
  new HookbenchError('no_engine', `${why}; start one with \`hookbench serve\` or \`hookbench listen\`, or pass --api URL.`, 503);

/**
 * The engine a command talks to: --api, else HOOKBENCH_API_URL, else the runtime.json a running
 * engine keeps in its data dir. The token: HOOKBENCH_API_TOKEN, else the data dir's api-token.
 */
export function findEngine(flags: EngineFlags, env: NodeJS.ProcessEnv = process.env): RunningEngine {
  const dataDir = flags.dataDir ?? (env.HOOKBENCH_DATA_DIR || defaultDataDir());
  let apiUrl = flags.api ?? (env.HOOKBENCH_API_URL || null);
  if (!apiUrl) {
    const runtime = readRuntimeFile(dataDir);
    if (!runtime) throw noEngine(`No Hookbench engine runs for ${dataDir} (no ${RUNTIME_FILE})`);
    if (!processAlive(runtime.pid))
      throw noEngine(`No Hookbench engine runs for ${dataDir} (pid ${runtime.pid} in ${RUNTIME_FILE} is gone)`);
    apiUrl = runtime.apiUrl;
  }
  const tokenFile = join(dataDir, 'api-token');
  const token = env.HOOKBENCH_API_TOKEN || (existsSync(tokenFile) ? readFileSync(tokenFile, 'utf8').trim() : '');
  if (!token)
    throw new HookbenchError(
      'no_token',
      `No API token: set HOOKBENCH_API_TOKEN or pass the engine's --data-dir (no api-token in ${dataDir}).`,
      400,
    );
  const normalized = apiUrl.replace(/\/+$/, '');
  return { apiUrl: normalized.endsWith('/api') ? normalized : `${normalized}/api`, token };
}

/** Calls the engine's API; a refused connection or an error answer becomes one sentence. */
export async function callEngine(engine: RunningEngine, path: string, init: { method?: string; body?: unknown } = {}): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(`${engine.apiUrl}${path}`, {
      method: init.method ?? 'GET',
      headers: { Authorization: `Bearer ${engine.token}`, ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    // fetch wraps the reason: ECONNREFUSED, or e.g. "bad port" for ports browsers refuse.
    throw noEngine(`No Hookbench engine answers at ${engine.apiUrl} (${cause?.code ?? cause?.message ?? (error as Error).message})`);
  }
  if (res.ok) return res;
  const answer = (await res.json().catch(() => null)) as { error?: string; message?: string } | null;
  throw new HookbenchError(
    answer?.error ?? 'api_error',
    `The engine refused: ${answer?.message ?? `HTTP ${res.status}`}`,
    res.status === 401 ? 400 : res.status,
  );
}
