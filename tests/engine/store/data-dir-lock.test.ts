import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { HOLDER_FILE, LOCK_FILE, lockDataDir } from '../../../electron/engine/store/data-dir-lock.js';
import { BIN, parseBanner } from '../../support/serve-process.js';
import { tempDir } from '../../support/temp-dir.js';

const BUILT_LOCK = fileURLToPath(new URL('../../../dist/electron/engine/store/data-dir-lock.js', import.meta.url));
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function dataDir(): string {
  const dir = tempDir();
  cleanups.push(dir.remove);
  return dir.path;
}

/**
 * Another process that takes the lock when told (a line on stdin), says `won <pid>` or `lost <message>`,
 * and holds what it won until killed. With `viaShell`, it runs under `sleep`, which never reaps
 * it: killed, it stays a zombie (dead, its pid still taken).
 */
function lockingProcess(dir: string, { viaShell = false } = {}) {
  const script = `
    import { lockDataDir } from ${JSON.stringify(BUILT_LOCK)};
    import { createInterface } from 'node:readline';
    createInterface({ input: process.stdin }).once('line', (line) => {
      // Spin to the same instant as the other racers: closer together than reading one line each.
      const at = Number(line);
      while (Date.now() < at);
      // The unlock function is dropped and garbage collected at once: the lock must hold anyway.
      try { lockDataDir(${JSON.stringify(dir)}); globalThis.gc(); console.log('won ' + process.pid); }
      catch (error) { console.log('lost ' + error.message); }
    });
    console.log('ready ' + process.pid);`;
  const args = ['--expose-gc', '--input-type=module', '-e', script];
  const child: ChildProcess = viaShell
    ? spawn('sh', ['-c', `exec 3<&0; "$0" "$@" <&3 & exec sleep 60 3<&-`, process.execPath, ...args], {
        stdio: ['pipe', 'pipe', 'inherit'],
      })
    : spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  cleanups.push(() => child.kill('SIGKILL'));
  const lines = createInterface({ input: child.stdout! });
  const next = (prefix: string) =>
    new Promise<string>((resolve) => {
      const onLine = (line: string) => {
        if (!line.startsWith(prefix)) return;
        lines.off('line', onLine);
        resolve(line.slice(prefix.length));
      };
      lines.on('line', onLine);
    });
  const ready = next('ready ').then(Number);
  return {
    child,
    /** The locking process's pid (not the shell's). */
    pid: ready,
    /** Takes the lock at `at` (epoch ms), or as soon as it reads the line. */
    async go(at = 0): Promise<{ won: boolean; text: string }> {
      await ready;
      const answer = Promise.race([
        next('won ').then((text) => ({ won: true, text })),
        next('lost ').then((text) => ({ won: false, text })),
      ]);
      child.stdin!.write(`${at}\n`);
      return answer;
    },
  };
}

/** True once every thread of the process has exited and only its zombie entry is left (nobody reaped it). */
function isZombie(pid: number): boolean {
  try {
    const tasks = readdirSync(`/proc/${pid}/task`);
    return tasks.length === 1 && readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1][0] === 'Z';
  } catch {
    return false;
  }
}

describe('the data dir lock', () => {
  it('is held by one engine at a time, names the holder, and is free again once released', () => {
    const dir = dataDir();
    const unlock = lockDataDir(dir);
    expect(readFileSync(join(dir, HOLDER_FILE), 'utf8')).toBe(`${process.pid}\n`);
    expect(() => lockDataDir(dir)).toThrow(
      new RegExp(`Another Hookbench \\(pid ${process.pid}\\) is already using .*pass another --data-dir`),
    );
    unlock();
    expect(existsSync(join(dir, HOLDER_FILE))).toBe(false);
    lockDataDir(dir)();
    // Nothing but the lock file stays behind: no journal beside it.
    expect(readdirSync(dir)).toEqual([LOCK_FILE]);
  });

  it('is not blocked by a stale pid that now belongs to a live process (a reused pid), in the old lock file or the new one', () => {
    const dir = dataDir();
    // pid 1 is always alive; a pid file is all these say.
    writeFileSync(join(dir, LOCK_FILE), '1\n');
    writeFileSync(join(dir, HOLDER_FILE), '1\n');
    const unlock = lockDataDir(dir);
    expect(readFileSync(join(dir, HOLDER_FILE), 'utf8')).toBe(`${process.pid}\n`);
    unlock();
  });

  it.skipIf(process.platform !== 'linux')(
    'is released when its holder is killed with kill -9, even before the dead process is reaped',
    async () => {
      const dir = dataDir();
      const holder = lockingProcess(dir, { viaShell: true });
      expect(await holder.go()).toMatchObject({ won: true });
      expect(() => lockDataDir(dir)).toThrow(/already using/);
      const pid = await holder.pid;
      process.kill(pid, 'SIGKILL');
      // Its parent (sleep) never waits for it: a zombie, dead but with its pid still in the process table.
      for (let i = 0; !isZombie(pid); i++) {
        if (i > 500) throw new Error(`pid ${pid} never became a zombie`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(readFileSync(join(dir, HOLDER_FILE), 'utf8')).toBe(`${pid}\n`);
      lockDataDir(dir)();
    },
  );

  it('has exactly one winner when several processes take it at the same moment', async () => {
    for (let round = 0; round < 5; round++) {
      const dir = dataDir();
      const racers = Array.from({ length: 2 }, () => lockingProcess(dir));
      await Promise.all(racers.map((r) => r.pid));
      const at = Date.now() + 200;
      const results = await Promise.all(racers.map((r) => r.go(at)));
      expect(
        results.filter((r) => r.won),
        `round ${round}`,
      ).toHaveLength(1);
      for (const lost of results.filter((r) => !r.won)) expect(lost.text).toMatch(/is already using/);
      for (const racer of racers) racer.child.kill('SIGKILL');
      await Promise.all(racers.map((r) => (r.child.exitCode === null ? once(r.child, 'exit') : Promise.resolve())));
    }
  });

  it('lets exactly one of two `hookbench serve` started together run; the other exits with one line', async () => {
    const dir = dataDir();
    const args = ['serve', '--data-dir', dir, '--api-port', '0', '--http-port', '0', '--https-port', '0', '--no-open'];
    const serves = [spawn(process.execPath, [BIN, ...args]), spawn(process.execPath, [BIN, ...args])];
    for (const serve of serves) cleanups.push(() => serve.kill('SIGKILL'));
    const outcome = (child: ChildProcess) =>
      new Promise<{ ran: boolean; stderr: string; code: number | null; apiUrl: string }>((resolve) => {
        let out = '';
        let stderr = '';
        child.stdout!.on('data', (chunk) => {
          out += chunk;
          const urls = parseBanner(out);
          if (urls) resolve({ ran: true, stderr, code: null, apiUrl: urls.apiUrl });
        });
        child.stderr!.on('data', (chunk) => (stderr += chunk));
        child.on('exit', (code) => resolve({ ran: false, stderr, code, apiUrl: '' }));
      });
    const [a, b] = await Promise.all(serves.map(outcome));
    expect([a.ran, b.ran].sort()).toEqual([false, true]);
    const loser = a.ran ? b : a;
    expect(loser.code).toBe(2);
    expect(loser.stderr.trim().split('\n')).toHaveLength(1);
    expect(loser.stderr).toMatch(/^hookbench: Another Hookbench .*is already using/);
    // The one that runs stops cleanly and frees the dir.
    const winner = serves[a.ran ? 0 : 1];
    // Answering the API means its event loop has turned since the banner, so its signal handlers are in place.
    expect((await fetch(`${(a.ran ? a : b).apiUrl}/openapi.json`)).status).toBe(200);
    winner.kill('SIGTERM');
    expect((await once(winner, 'exit'))[0]).toBe(0);
    lockDataDir(dir)();
  }, 60_000);
});
