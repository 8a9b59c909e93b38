import type { Readable } from 'node:stream';
import { spawnGuarded, type ChildExit } from '../../child-process-guard.js';
import { createCloudflaredOutputParser, type CloudflaredEvent } from './cloudflared-output.js';

/** Lines kept for error messages. */
const RECENT_LINES = 50;
/** A line longer than this is cut: cloudflared's lines are short; this only bounds memory. */
const MAX_LINE = 8_192;

/** The arguments of a quick tunnel to a local HTTP address (see `cloudflared tunnel --help`). */
export function quickTunnelArgs(targetUrl: string): string[] {
  return ['tunnel', '--url', targetUrl, '--no-autoupdate'];
}

export interface CloudflaredRun {
  readonly pid: number | undefined;
  /** The command line, for messages that tell the user how to reproduce a failure. */
  readonly commandLine: string;
  /** The last lines it printed (stdout and stderr, in arrival order). */
  recentLines(): string[];
  readonly exited: Promise<ChildExit>;
  stop(graceMs: number): Promise<ChildExit>;
}

export interface CloudflaredRunOptions {
  binary: string;
  targetUrl: string;
  env?: NodeJS.ProcessEnv;
  onEvent(event: CloudflaredEvent): void;
  onLine?(line: string): void;
}

/** Starts one `cloudflared tunnel --url …` under the child-process guard and reads its log as events. */
export function runCloudflared(options: CloudflaredRunOptions): CloudflaredRun {
  const args = quickTunnelArgs(options.targetUrl);
  const child = spawnGuarded(options.binary, args, { env: options.env });
  const parser = createCloudflaredOutputParser();
  const recent: string[] = [];
  const take = (line: string) => {
    recent.push(line);
    if (recent.length > RECENT_LINES) recent.shift();
    options.onLine?.(line);
    for (const event of parser.push(line)) options.onEvent(event);
  };
  readLines(child.stdout, take);
  readLines(child.stderr, take);
  return {
    pid: child.pid,
    commandLine: [options.binary, ...args].map((part) => (/\s/.test(part) ? `"${part}"` : part)).join(' '),
    recentLines: () => [...recent],
    exited: child.exited,
    stop: (graceMs) => child.stop(graceMs),
  };
}

function readLines(stream: Readable, onLine: (line: string) => void): void {
  let partial = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    partial += chunk;
    let newline: number;
    while ((newline = partial.indexOf('\n')) !== -1) {
      onLine(partial.slice(0, newline).replace(/\r$/, ''));
      partial = partial.slice(newline + 1);
    }
    if (partial.length > MAX_LINE) {
      onLine(partial.slice(0, MAX_LINE));
      partial = '';
    }
  });
  stream.on('end', () => {
    if (partial) onLine(partial);
    partial = '';
  });
  // A destroyed pipe after exit is not news.
  stream.on('error', () => undefined);
}
