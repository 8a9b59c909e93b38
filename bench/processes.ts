import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Started {
  child: ChildProcess;
  output: string;
  stop: () => Promise<void>;
}

/** Starts a child process and waits until its output matches `ready`. */
export function startProcess(args: string[], ready: RegExp, env: NodeJS.ProcessEnv = {}): Promise<Started & { match: RegExpExecArray }> {
  const child = spawn(process.execPath, args, { env: { ...process.env, BROWSER: 'none', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match) resolve({ child, output, stop, match });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => reject(new Error(`process exited (${code}) before it was ready:\n${output}`)));
  });
}

const distRoot = fileURLToPath(new URL('..', import.meta.url));

export function startBareServer() {
  return startProcess([join(distRoot, 'bench', 'bare-server.js')], /listening (http:\/\/\S+)/);
}

export function startHookbench(dataDir = mkdtempSync(join(tmpdir(), 'hookbench-bench-'))) {
  const bin = fileURLToPath(new URL('../../bin/hookbench.js', import.meta.url));
  return startProcess(
    [bin, 'serve', '--data-dir', dataDir, '--api-port', '0', '--http-port', '0', '--https-port', '0', '--no-open'],
    /Receiver\s+(http:\/\/\S+?)\/\s/,
  );
}

/** `hookbench serve` with a known API token, and the API as the UI calls it (bearer token, JSON). */
export async function startHookbenchApi(dataDir: string, token: string) {
  const bin = fileURLToPath(new URL('../../bin/hookbench.js', import.meta.url));
  const started = await startProcess(
    [bin, 'serve', '--data-dir', dataDir, '--api-port', '0', '--http-port', '0', '--https-port', '0', '--no-open'],
    /Receiver\s+(http:\/\/\S+?)\/\s[\s\S]*API\s+(http:\/\/\S+)/,
    { HOOKBENCH_API_TOKEN: token },
  );
  const receiver = started.match[1];
  const origin = started.match[2].replace(/\/api$/, '');
  const call = async (method: string, path: string, body?: unknown) => {
    const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(origin + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
    return (await res.json()) as unknown;
  };
  const get = (path: string) => call('GET', path);
  const post = (path: string, body: unknown) => call('POST', path, body);
  const rssMb = () => {
    const status = readFileSync(`/proc/${started.child.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
  };
  return { ...started, receiver, get, post, rssMb };
}
