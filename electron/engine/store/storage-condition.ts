import type { StorageState, StorageStatus } from '../../../shared/api/health.js';
import { HookbenchError } from '../../../shared/errors.js';

/** What became of one write, as the store saw it. */
export type WriteOutcome = { kind: 'committed' } | { kind: 'commit_failed'; error: unknown } | { kind: 'flush_failed'; error: unknown };

const FULL_CODES = new Set(['SQLITE_FULL', 'ENOSPC', 'EDQUOT']);

/** SQLite's "database or disk is full", or the OS saying the same about a file write. */
export function isStorageFull(error: unknown): boolean {
  return FULL_CODES.has(errorCode(error));
}

/** The `code` of a Node or SQLite error, or '' when there is none (or it is not text). */
function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

/** Errors of a write the store refused or could not make, as opposed to a bug in the request. */
export function isStorageError(error: unknown): boolean {
  const code = errorCode(error);
  return isStorageFull(error) || code === 'SQLITE_READONLY' || code.startsWith('SQLITE_IOERR') || code === 'EIO';
}

/**
 * The store's write rule. A failed WAL flush breaks it for good: after fsync fails, Linux may
 * have dropped the dirty pages and a later fsync can succeed without them, so no later write
 * can be promised durable until a restart re-reads what is really on disk. A full disk only
 * refuses writes; the next write that fits ends it.
 */
export function nextStorageState(current: StorageState, outcome: WriteOutcome): StorageState {
  if (current === 'broken' || outcome.kind === 'flush_failed') return 'broken';
  if (outcome.kind === 'commit_failed') return isStorageFull(outcome.error) ? 'full' : current;
  return 'ok';
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The sentence health, the UI and every refused write carry: what happened and what to do. */
export function storageMessage(state: StorageState, cause: string | null): string | null {
  if (state === 'full') {
    return `Storage is full: the last write did not fit (${cause}). Free disk space, or delete deliveries or shorten an inbox's retention; receiving resumes by itself once a write fits.`;
  }
  if (state === 'broken') {
    return `Flushing the database to disk failed (${cause}), so what was written since may not be on disk and Hookbench refuses every write. Check the disk, then restart Hookbench: it re-reads the store from what is on disk. Reading keeps working until then.`;
  }
  return null;
}

/** Holds the store's state, tells listeners when it changes, and turns it into a refusal. */
export class StorageCondition {
  private state: StorageState = 'ok';
  private cause: string | null = null;
  private since: number | null = null;
  private readonly listeners = new Set<(status: StorageStatus) => void>();

  note(outcome: WriteOutcome): void {
    const next = nextStorageState(this.state, outcome);
    if (next === this.state) return;
    this.state = next;
    this.cause = outcome.kind === 'committed' ? null : reasonOf(outcome.error);
    this.since = next === 'ok' ? null : Date.now();
    const status = this.status();
    for (const listener of this.listeners) listener(status);
  }

  status(): StorageStatus {
    return {
      state: this.state,
      since: this.since === null ? null : new Date(this.since).toISOString(),
      message: storageMessage(this.state, this.cause),
    };
  }

  get broken(): boolean {
    return this.state === 'broken';
  }

  onChange(listener: (status: StorageStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The 503 for a write that did not reach the disk: the store's state when it explains why, else the error itself. */
  refusal(error: unknown): HookbenchError {
    const message = this.state === 'ok' ? `The store could not write (${reasonOf(error)}).` : this.status().message!;
    return new HookbenchError('not_stored', message, 503);
  }
}
