import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the program could not be started at all (Windows reports it here; POSIX through exit code 126/127). */
  spawnError: string | null;
}

/** A child process that never outlives the engine. */
export interface GuardedChild {
  readonly pid: number | undefined;
  readonly stdout: Readable;
  readonly stderr: Readable;
  /** Resolves once the child has exited and its output is read to the end. */
  readonly exited: Promise<ChildExit>;
  /** Asks it to end (SIGTERM), kills it after `graceMs`, and resolves once it is gone. Safe to call twice. */
  stop(graceMs: number): Promise<ChildExit>;
}

export interface GuardedSpawnOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/**
 * POSIX guard, run by /bin/sh with the command as "$@". Its stdin is a pipe only the engine holds:
 * when the engine dies, even by kill -9, the kernel closes it, the watcher reads EOF and ends the
 * child (TERM, then KILL after 2 s). The child writes straight to the guard's stdout/stderr, which
 * are the engine's pipes; TERM to the guard is passed on, even one that comes before the child is
 * started (the trap is set first); the guard exits with the child's status.
 */
const GUARD_SCRIPT = `
child=
term=
trap 'term=1; [ -n "$child" ] && kill -TERM "$child" 2>/dev/null' TERM INT HUP
exec 3<&0 0</dev/null
"$@" 3<&- &
child=$!
[ -n "$term" ] && kill -TERM "$child" 2>/dev/null
{
  while read -r _ <&3; do :; done
  kill -TERM "$child" 2>/dev/null
  n=0
  while kill -0 "$child" 2>/dev/null && [ "$n" -lt 20 ]; do sleep 0.1; n=$((n + 1)); done
  kill -KILL "$child" 2>/dev/null
} >/dev/null 2>&1 &
watcher=$!
exec 3<&-
while kill -0 "$child" 2>/dev/null; do wait "$child"; done
wait "$child"
status=$?
kill "$watcher" 2>/dev/null
exit "$status"
`;

/** How long after the process exits its output may still take to drain before `exited` resolves anyway. */
const DRAIN_MS = 1_000;

/** Starts `command args` so that it ends with the engine: after `stop`, on engine exit, and after the engine is killed hard (POSIX). */
export function spawnGuarded(command: string, args: readonly string[], options: GuardedSpawnOptions = {}): GuardedChild {
  return process.platform === 'win32' ? spawnWithExitHook(command, args, options) : spawnUnderShellGuard(command, args, options);
}

function spawnUnderShellGuard(command: string, args: readonly string[], options: GuardedSpawnOptions): GuardedChild {
  // detached: the guard leads its own process group, so stop() can signal guard, child and watcher together.
  const child = spawn('/bin/sh', ['-c', GUARD_SCRIPT, 'hookbench-guard', command, ...args], {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  // The pipe carries nothing; an error on it only means the guard is gone already.
  child.stdin.on('error', () => undefined);
  const killGroup = () => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // ESRCH: the whole group has exited already.
    }
  };
  // TERM goes to the guard alone, which passes one TERM on: a second one would make cloudflared skip its graceful shutdown.
  return guardedHandle(child, () => child.kill('SIGTERM'), killGroup);
}

/**
 * Windows has no equivalent of the pipe-watching guard without native code (a Job Object with
 * KILL_ON_JOB_CLOSE would be one). The child is killed on `stop` and when the engine exits normally,
 * but it survives if the engine is terminated hard (Task Manager, TerminateProcess).
 */
const liveWindowsChildren = new Set<ChildProcess>();
let exitHookInstalled = false;

function spawnWithExitHook(command: string, args: readonly string[], options: GuardedSpawnOptions): GuardedChild {
  const child = spawn(command, [...args], {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    windowsHide: true,
  });
  liveWindowsChildren.add(child);
  child.once('exit', () => liveWindowsChildren.delete(child));
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const live of liveWindowsChildren) live.kill();
    });
  }
  return guardedHandle(
    child,
    () => child.kill('SIGTERM'),
    () => child.kill('SIGKILL'),
  );
}

function guardedHandle(child: ChildProcess, terminate: () => void, kill: () => void): GuardedChild {
  let done = false;
  const exited = new Promise<ChildExit>((resolve) => {
    let spawnError: string | null = null;
    child.once('error', (error) => {
      spawnError = error.message;
      // A child that never started emits no 'exit'.
      if (child.pid === undefined) finish(null, null);
    });
    const finish = (code: number | null, sig: NodeJS.Signals | null) => {
      if (done) return;
      done = true;
      resolve({ code, signal: sig, spawnError });
    };
    child.once('close', (code, sig) => finish(code, sig));
    child.once('exit', (code, sig) => {
      // A grandchild holding the pipes open must not keep the exit from being noticed.
      setTimeout(() => {
        child.stdout?.destroy();
        child.stderr?.destroy();
        finish(code, sig);
      }, DRAIN_MS).unref();
    });
  });

  let stopping: Promise<ChildExit> | null = null;
  const stop = (graceMs: number): Promise<ChildExit> => {
    if (stopping) return stopping;
    stopping = (async () => {
      if (done) return exited;
      terminate();
      const timer = setTimeout(kill, Math.max(0, graceMs));
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    })();
    return stopping;
  };

  return { pid: child.pid, stdout: child.stdout!, stderr: child.stderr!, exited, stop };
}
