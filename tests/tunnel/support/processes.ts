import { spawn, type ChildProcess } from 'node:child_process';
import { BIN, startServe, type ServeProcess } from '../../support/serve-process.js';

/** Resolves with the first match of `pattern` in the child's output written after `from` characters. */
export function waitForOutput(
  child: ChildProcess,
  output: () => string,
  pattern: RegExp,
  from = 0,
  timeoutMs = 15_000,
): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = pattern.exec(output().slice(from));
      if (!match) return false;
      cleanup();
      resolve(match);
      return true;
    };
    const onExit = () => {
      cleanup();
      reject(new Error(`process exited while waiting for ${pattern}:\n${output()}`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out waiting for ${pattern}:\n${output()}`));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
    };
    // Listeners are added after the collector's, so output() already holds the new chunk.
    const onData = () => void check();
    if (check()) return;
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}

export interface RelayProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `hookbench relay` as a child process; resolves once it listens. */
export async function startRelayProcess(args: string[], env: NodeJS.ProcessEnv = {}): Promise<RelayProcess> {
  const child = spawn(process.execPath, [BIN, 'relay', '--host', '127.0.0.1', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const match = await waitForOutput(child, () => out, /listening on (http\S+)/);
  return { child, url: match[1], output: () => out, exited };
}

export interface TunnelServe extends ServeProcess {
  tunnelUrl: string;
  apiToken: string;
}

export const TUNNEL_ENV: NodeJS.ProcessEnv = { HOOKBENCH_TUNNEL_RETRY_MAX_MS: '500' };

/** `hookbench serve --relay …` as a child process; resolves once its tunnel is online. */
export async function startServeWithTunnel(
  dataDir: string,
  relayUrl: string,
  token: string,
  extraArgs: string[] = [],
): Promise<TunnelServe> {
  const serve = await startServe(dataDir, ['--relay', relayUrl, ...extraArgs], { ...TUNNEL_ENV, HOOKBENCH_RELAY_TOKEN: token });
  const online = await waitForOutput(serve.child, serve.output, /tunnel online (\S+?)\/\s/);
  return { ...serve, tunnelUrl: online[1], apiToken: new URL(serve.urls.uiUrl).hash.replace('#token=', '') };
}

/** Waits for the next "tunnel online" line after `from`. */
export async function nextOnline(serve: ServeProcess, from: number): Promise<string> {
  return (await waitForOutput(serve.child, serve.output, /tunnel online (\S+?)\/\s/, from))[1];
}
