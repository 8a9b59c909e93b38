import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/hookbench.js', import.meta.url));

export interface ServeUrls {
  uiUrl: string;
  apiUrl: string;
  httpUrl: string;
  httpsUrl: string;
}

export interface ServeProcess {
  child: ChildProcess;
  urls: ServeUrls;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Reads the URLs from the banner `hookbench serve` prints on start. */
export function parseBanner(text: string): ServeUrls | null {
  const ui = /Inbox UI\s+(\S+)/.exec(text);
  const receiver = /Receiver\s+(http:\/\/\S+?)\/?\s+(https:\/\/\S+?)\/?\s/.exec(text);
  const api = /API\s+(http:\/\/\S+\/api)/.exec(text);
  if (!ui || !receiver || !api) return null;
  return { uiUrl: ui[1], httpUrl: receiver[1], httpsUrl: receiver[2], apiUrl: api[1] };
}

/** Runs the built CLI as a user would, and waits for its banner. */
export function startServe(dataDir: string, extraArgs: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<ServeProcess> {
  const child = spawn(
    process.execPath,
    [BIN, 'serve', '--data-dir', dataDir, '--api-port', '0', '--http-port', '0', '--https-port', '0', '--no-open', ...extraArgs],
    { env: { ...process.env, BROWSER: 'none', ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const urls = parseBanner(out);
      if (urls) resolve({ child, urls, output: () => out, exited });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    void exited.then(({ code }) => reject(new Error(`serve exited with ${code} before starting:\n${out}`)));
  });
}

/** Runs the CLI to completion and returns what it printed. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, BROWSER: 'none', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
