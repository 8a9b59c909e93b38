import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TUNNEL_ID_PATTERN } from '../../../shared/tunnel-protocol.js';
import { HookbenchError } from '../../../shared/errors.js';
import type { KnownTunnels } from '../known-tunnels.js';
import { TunnelQueue } from './tunnel-queue.js';

export interface RelayQueueOptions {
  dir: string;
  maxBytes: number;
  maxAgeMs: number;
  log: (line: string) => void;
}

const LOCK_FILE = 'relay.pid';

function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Only one relay may write a queue dir; a lock left by one that was killed is taken over. */
function takeLock(dir: string): void {
  const file = join(dir, LOCK_FILE);
  let holder = NaN;
  try {
    holder = Number(readFileSync(file, 'utf8').trim());
  } catch {
    // No lock: nobody else uses this dir.
  }
  if (Number.isSafeInteger(holder) && holder !== process.pid && processAlive(holder)) {
    throw new HookbenchError(
      'queue_dir_in_use',
      `--queue ${dir} is in use by another relay (pid ${holder}); give each relay its own queue dir.`,
    );
  }
  writeFileSync(file, `${process.pid}\n`);
}

/**
 * The relay's queue dir: one directory per tunnel id the relay has seen (`tunnels/<id>/`), which is
 * also how known ids survive a restart, each holding that tunnel's queue (see TunnelQueue).
 */
export class RelayQueue implements KnownTunnels {
  private readonly tunnels = new Map<string, TunnelQueue>();
  private readonly tunnelsDir: string;
  private readonly sweeper: NodeJS.Timeout;

  private constructor(private readonly options: RelayQueueOptions) {
    this.tunnelsDir = join(options.dir, 'tunnels');
    // Expiry is checked often enough that an entry outlives its age by a tenth of it at most (and a minute).
    const every = Math.min(60_000, Math.max(50, Math.floor(options.maxAgeMs / 10)));
    this.sweeper = setInterval(() => this.expire(Date.now()), every);
    this.sweeper.unref();
  }

  /** Takes the dir, and reads every tunnel's queue in it (cutting torn tails). */
  static open(options: RelayQueueOptions): RelayQueue {
    try {
      mkdirSync(join(options.dir, 'tunnels'), { recursive: true });
      takeLock(options.dir);
    } catch (error) {
      if (error instanceof HookbenchError) throw error;
      throw new HookbenchError(
        'queue_dir_unusable',
        `--queue ${options.dir} cannot be used (${(error as NodeJS.ErrnoException).code ?? String(error)}); pass a writable directory.`,
      );
    }
    const queue = new RelayQueue(options);
    for (const id of readdirSync(queue.tunnelsDir)) {
      if (TUNNEL_ID_PATTERN.test(id)) queue.openTunnel(id);
    }
    queue.expire(Date.now());
    return queue;
  }

  isKnown(id: string): boolean {
    return this.tunnels.has(id);
  }

  remember(id: string): void {
    if (this.tunnels.has(id)) return;
    const dir = join(this.tunnelsDir, id);
    try {
      mkdirSync(dir, { recursive: true });
      fsyncDir(this.tunnelsDir);
    } catch (error) {
      this.options.log(
        `tunnel ${id}: cannot create its queue dir (${(error as NodeJS.ErrnoException).code ?? String(error)}); it is known until restart only`,
      );
    }
    this.openTunnel(id);
  }

  isOff(id: string): boolean {
    return this.tunnels.get(id)?.off ?? false;
  }

  setOff(id: string, off: boolean): void {
    this.tunnels.get(id)?.setOff(off);
  }

  of(id: string): TunnelQueue | null {
    return this.tunnels.get(id) ?? null;
  }

  all(): TunnelQueue[] {
    return [...this.tunnels.values()];
  }

  /** Requests waiting and their bytes, across tunnels. */
  totals(): { entries: number; bytes: number } {
    let entries = 0;
    let bytes = 0;
    for (const tunnel of this.tunnels.values()) {
      entries += tunnel.size;
      bytes += tunnel.bytes;
    }
    return { entries, bytes };
  }

  expire(now: number): void {
    for (const tunnel of this.tunnels.values()) tunnel.expire(now);
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    await Promise.all([...this.tunnels.values()].map((tunnel) => tunnel.close()));
    try {
      unlinkSync(join(this.options.dir, LOCK_FILE));
    } catch {
      // Already gone: nothing to release.
    }
  }

  private openTunnel(id: string): void {
    const queue = TunnelQueue.open({
      dir: join(this.tunnelsDir, id),
      id,
      maxBytes: this.options.maxBytes,
      maxAgeMs: this.options.maxAgeMs,
      log: this.options.log,
    });
    this.tunnels.set(id, queue);
  }
}
