import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
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
