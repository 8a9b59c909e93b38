import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../../..');

export interface RunningEngine {
  /** The UI link exactly as `hookbench serve` printed it, token in the hash. */
  uiUrl: string;
  /** The UI's origin without the token, e.g. http://127.0.0.1:38319 */
  apiOrigin: string;
  apiPort: number;
  token: string;
  receiverHttp: string;
  receiverHttps: string;
  dataDir: string;
  stdout(): string;
  /** Stops the engine (SIGTERM) and waits for it to exit; the data dir stays until `cleanup`. */
  stop(): Promise<void>;
  cleanup(): Promise<void>;
}

export function assertBuilt(): void {
  for (const file of ['dist/renderer/index.html', 'dist/electron/cli/main.js']) {
    if (!existsSync(join(ROOT, file))) throw new Error(`${file} is missing: run \`npm run build\` before the end-to-end tests.`);
  }
}

function waitForBanner(child: ChildProcess, output: () => string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const check = () => {
      if (/Receiver\s+http:\/\/\S+/.test(output()) && /#token=\S+/.test(output())) {
        cleanupListeners();
        resolvePromise();
      }
    };
    const onExit = (code: number | null) => {
      cleanupListeners();
      reject(new Error(`hookbench serve exited (${code}) before it printed its URLs:\n${output()}`));
    };
    const cleanupListeners = () => {
      child.stdout?.off('data', check);
      child.off('exit', onExit);
    };
    child.stdout?.on('data', check);
    child.on('exit', onExit);
    check();
  });
}

/** The test's environment without HOOKBENCH_* settings, so flags alone decide. */
function engineEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, BROWSER: 'none' };
  for (const key of Object.keys(env)) if (key.startsWith('HOOKBENCH_')) delete env[key];
  return env;
}

export interface EngineOptions {
  /** An existing data dir and the ports it was served on, to restart the same engine. */
  dataDir?: string;
  apiPort?: number;
  httpPort?: number;
  /** Lets integrations send to http://localhost and http://127.0.0.1, e.g. to the engine's own receiver. */
  allowHttpLocalhost?: boolean;
  /** Extra environment, e.g. the test-only HOOKBENCH_TEST_SPARE_PAGES. */
  env?: NodeJS.ProcessEnv;
}

/** Starts `hookbench serve` on free ports with its own data dir (or a given one, to restart on the same ports). */
export async function startEngine(options: EngineOptions = {}): Promise<RunningEngine> {
  assertBuilt();
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'hookbench-e2e-'));
  const child = spawn(
    process.execPath,
    [
      'bin/hookbench.js',
      'serve',
      '--data-dir',
      dataDir,
      '--api-port',
      String(options.apiPort ?? 0),
      '--http-port',
      String(options.httpPort ?? 0),
      '--https-port',
      '0',
      '--no-open',
      ...(options.allowHttpLocalhost ? ['--allow-http-localhost'] : []),
    ],
    { cwd: ROOT, env: { ...engineEnv(), ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  await waitForBanner(child, () => out + err);

  const uiUrl = /(http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9._~-]+)/.exec(out)![1];
  const ui = new URL(uiUrl);
  const receiverLine = /Receiver\s+(http:\/\/\S+?)\/?\s+(https:\/\/\S+?)\/?\s/.exec(out)!;
  const exited = new Promise<void>((resolvePromise) => child.once('exit', () => resolvePromise()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
  };
  return {
    uiUrl,
    apiOrigin: ui.origin,
    apiPort: Number(ui.port),
    token: new URLSearchParams(ui.hash.slice(1)).get('token')!,
    receiverHttp: receiverLine[1].replace(/\/$/, ''),
    receiverHttps: receiverLine[2].replace(/\/$/, ''),
    dataDir,
    stdout: () => out + err,
    stop,
    async cleanup() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
