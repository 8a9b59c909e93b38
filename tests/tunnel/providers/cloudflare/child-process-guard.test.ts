import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnGuarded, type GuardedChild } from '../../../../electron/engine/tunnel/child-process-guard.js';
import { waitUntil } from '../../support/wait.js';
import { processGone } from './provider-harness.js';

const PARENT = fileURLToPath(new URL('./fixtures/guarded-parent.mjs', import.meta.url));
const LONG_RUNNING = ['-e', 'console.log(`child-pid ${process.pid}`); setInterval(() => {}, 1000);'];

const started: GuardedChild[] = [];
const strays: number[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((child) => child.stop(500)));
  for (const pid of strays.splice(0)) if (!processGone(pid)) process.kill(pid, 'SIGKILL');
});

/** Collects a stream's text and resolves with the first match of `pattern`. */
function firstMatch(stream: NodeJS.ReadableStream, pattern: RegExp): Promise<RegExpExecArray> {
  let text = '';
  return new Promise((resolve) => {
    stream.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const match = pattern.exec(text);
      if (match) resolve(match);
    });
  });
}

describe.skipIf(process.platform === 'win32')('child-process guard', () => {
  it('passes the child’s output and exit code through', async () => {
    const child = spawnGuarded('/bin/sh', ['-c', 'echo out; echo err >&2; exit 7']);
    started.push(child);
    const out = firstMatch(child.stdout, /out\n/);
    const err = firstMatch(child.stderr, /err\n/);
    await Promise.all([out, err]);
    expect(await child.exited).toEqual({ code: 7, signal: null, spawnError: null });
  });

  it('stop() ends the child and resolves once it is gone', async () => {
    const child = spawnGuarded(process.execPath, LONG_RUNNING);
    started.push(child);
    const pid = Number((await firstMatch(child.stdout, /child-pid (\d+)/))[1]);
    strays.push(pid);
    expect(processGone(pid)).toBe(false);
    await child.stop(2_000);
    expect(processGone(pid)).toBe(true);
  });

  it('stop() kills a child that ignores SIGTERM after the grace period', async () => {
    const child = spawnGuarded(process.execPath, [
      '-e',
      'process.on("SIGTERM", () => {}); console.log(`child-pid ${process.pid}`); setInterval(() => {}, 1000);',
    ]);
    started.push(child);
    const pid = Number((await firstMatch(child.stdout, /child-pid (\d+)/))[1]);
    strays.push(pid);
    const exit = await child.stop(300);
    expect(exit.signal).toBe('SIGKILL');
    expect(processGone(pid)).toBe(true);
  });

  it('ends the child, and the guard, when the process that started it is killed with kill -9', async () => {
    const parent = spawn(process.execPath, [PARENT], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    parent.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    parent.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<void>((resolve) => parent.once('exit', () => resolve()));
    const [guardPid, childPid] = await waitUntil(() => {
      const guard = /guard-pid (\d+)/.exec(output);
      const child = /child-pid (\d+)/.exec(output);
      if (parent.exitCode !== null) throw new Error(`the parent exited early:\n${output}`);
      return guard && child ? [Number(guard[1]), Number(child[1])] : null;
    }, 'the parent to report the guard and child pids');
    strays.push(childPid, guardPid);
    expect(processGone(childPid)).toBe(false);

    parent.kill('SIGKILL');
    await exited;
    await waitUntil(() => processGone(childPid), `child ${childPid} to end after its parent was killed`, 3_000);
    await waitUntil(() => processGone(guardPid), `guard ${guardPid} to end`, 3_000);
  });
});
