import { isHookbenchError, HookbenchError } from '../../shared/errors.js';
import { resolveConfig, type EngineConfig } from '../engine/config.js';
import { createEngine, type Engine, type EngineInfo } from '../engine/engine.js';
import { APP_ORIGIN } from './app-url.js';
import { portTaken } from './port-probe.js';
import { ANY_FREE_PORTS, withFreePorts, type EnginePorts } from './port-fallback.js';

export interface DesktopEngine {
  engine: Engine;
  info: EngineInfo;
}

/**
 * The same engine `hookbench serve` runs, with the same HOOKBENCH_* settings and default data
 * dir, plus the window's origin. Ports in use fall back to free ones so the app still opens.
 */
export async function startDesktopEngine(log: (line: string) => void): Promise<DesktopEngine> {
  const resolved = resolveConfig({}, process.env);
  if (!resolved.ok) throw new HookbenchError('config_invalid', resolved.message);
  const config = resolved.config;
  const taken = new Set<number>();
  const probes: [string, number][] = [
    ['127.0.0.1', config.apiPort],
    [config.host, config.httpPort],
    [config.host, config.httpsPort],
  ];
  for (const [host, port] of probes) if (await portTaken(host, port)) taken.add(port);
  const ports = withFreePorts(config, taken);
  if (taken.size > 0) log(`Already in use: port ${[...taken].join(', ')}; Hookbench listens on free ports instead.`);
  try {
    return await startWith(config, ports, log);
  } catch (error) {
    if (!isHookbenchError(error) || error.code !== 'listen_failed') throw error;
    log(`${error.message} Retrying on free ports.`);
    return startWith(config, ANY_FREE_PORTS, log);
  }
}

async function startWith(config: EngineConfig, ports: EnginePorts, log: (line: string) => void): Promise<DesktopEngine> {
  const engine = createEngine({ ...config, ...ports, extraOrigins: [...config.extraOrigins, APP_ORIGIN] }, log);
  return { engine, info: await engine.start() };
}
