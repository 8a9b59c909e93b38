import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readRuntimeFile } from '../../electron/engine/runtime-file.js';
import { BIN, parseBanner, type ServeUrls } from './serve-process.js';

/** Why strace cannot run here (not installed, or ptrace refused), or null when it can. */
export function straceUnavailable(): string | null {
  const version = spawnSync('strace', ['-V'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) return 'strace is not installed (apt-get install strace; .ci/run does it)';
  const probe = spawnSync('strace', ['-f', '-qq', '-o', '/dev/null', '-e', 'trace=fdatasync', 'true'], { encoding: 'utf8' });
  if (probe.status !== 0) return `strace cannot trace here (${probe.stderr.trim() || `exit ${probe.status}`})`;
  return null;
}

export interface TracedServe {
  urls: ServeUrls;
  dataDir: string;
  token: string;
  /** The engine's process id: its main thread, which commits and answers. */
  pid: number;
  log(): string;
  output(): string;
  /** SIGTERM to the engine, then waits for it and strace to exit. */
  stop(): Promise<number | null>;
}

export interface TraceOptions {
  /** Syscalls to log, e.g. ['fdatasync', 'pwrite64']. */
  trace: string[];
  /** An strace -e inject= spec, e.g. 'fdatasync:error=EIO:when=3'. */
  inject?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * `hookbench serve` as a user runs it, under strace, with its data in `<workDir>/data` and the
 * trace in `<workDir>/strace.log`. One libuv worker thread, so every flush runs on the same
 * thread and strace's per-thread `when=` counts flushes in order.
 */
export async function startServeUnderStrace(workDir: string, options: TraceOptions): Promise<TracedServe> {
  const dataDir = join(workDir, 'data');
  const logFile = join(workDir, 'strace.log');
  const args = ['-f', '--seccomp-bpf', '-qq', '-s', '4096', '-o', logFile, '-e', `trace=${options.trace.join(',')}`];
  if (options.inject) args.push('-e', `inject=${options.inject}`);
  args.push(process.execPath, BIN, 'serve', '--data-dir', dataDir, '--api-port', '0', '--http-port', '0', '--https-port', '0', '--no-open');
  const child = spawn('strace', args, {
    env: { ...process.env, BROWSER: 'none', UV_THREADPOOL_SIZE: '1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const urls = await new Promise<ServeUrls>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const parsed = parseBanner(out);
      if (parsed) resolve(parsed);
    });
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    void exited.then((code) => reject(new Error(`serve under strace exited with ${code} before starting:\n${out}`)));
  });
  const runtime = readRuntimeFile(dataDir);
  if (!runtime) throw new Error(`serve started but wrote no runtime.json in ${dataDir}`);
  return {
    urls,
    dataDir,
    token: new URL(urls.uiUrl).hash.replace('#token=', ''),
    pid: runtime.pid,
    log: () => readFileSync(logFile, 'utf8'),
    output: () => out,
    async stop() {
      try {
        process.kill(runtime.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
      return exited;
    },
  };
}
