import { describe, expect, it } from 'vitest';
import {
  isStorageError,
  isStorageFull,
  nextStorageState,
  StorageCondition,
  storageMessage,
  type WriteOutcome,
} from '../../../electron/engine/store/storage-condition.js';
import type { StorageStatus } from '../../../shared/api/health.js';

const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
const eio = Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' });
const bug = new TypeError('x is undefined');
const committed: WriteOutcome = { kind: 'committed' };

describe('the storage rule', () => {
  it('knows a full disk by SQLite’s code and by the OS’s', () => {
    for (const code of ['SQLITE_FULL', 'ENOSPC', 'EDQUOT']) expect(isStorageFull({ code })).toBe(true);
    for (const value of [{ code: 'SQLITE_BUSY' }, { code: 'EIO' }, bug, null, undefined, 'SQLITE_FULL'])
      expect(isStorageFull(value)).toBe(false);
  });

  it('tells storage errors from bugs', () => {
    for (const code of ['SQLITE_FULL', 'ENOSPC', 'SQLITE_READONLY', 'SQLITE_IOERR', 'SQLITE_IOERR_FSYNC', 'EIO']) {
      expect(isStorageError({ code })).toBe(true);
    }
    for (const value of [bug, { code: 'SQLITE_CONSTRAINT' }, { code: 'SQLITE_BUSY' }, null]) expect(isStorageError(value)).toBe(false);
  });

  it('goes full when a commit does not fit, and back to ok with the next commit', () => {
    expect(nextStorageState('ok', { kind: 'commit_failed', error: full })).toBe('full');
    expect(nextStorageState('full', { kind: 'commit_failed', error: full })).toBe('full');
    expect(nextStorageState('full', committed)).toBe('ok');
    expect(nextStorageState('ok', committed)).toBe('ok');
  });

  it('leaves the state as it was when a commit fails for another reason', () => {
    expect(nextStorageState('ok', { kind: 'commit_failed', error: bug })).toBe('ok');
    expect(nextStorageState('full', { kind: 'commit_failed', error: bug })).toBe('full');
  });

  it('breaks on a failed flush from any state, and nothing but a restart ends it', () => {
    for (const state of ['ok', 'full', 'broken'] as const)
      expect(nextStorageState(state, { kind: 'flush_failed', error: eio })).toBe('broken');
    for (const outcome of [committed, { kind: 'commit_failed', error: full }, { kind: 'commit_failed', error: bug }] as WriteOutcome[]) {
      expect(nextStorageState('broken', outcome)).toBe('broken');
    }
  });

  it('says what happened and what to do, and nothing when all is well', () => {
    expect(storageMessage('ok', null)).toBeNull();
    expect(storageMessage('full', 'database or disk is full')).toMatch(/^Storage is full.*\(database or disk is full\).*resumes by itself/);
    expect(storageMessage('broken', 'EIO: i/o error, fdatasync')).toMatch(
      /failed \(EIO: i\/o error, fdatasync\).*restart Hookbench.*Reading keeps working/,
    );
  });
});

describe('the storage condition', () => {
  it('tells listeners each change once, with the cause and since when', () => {
    const condition = new StorageCondition();
    const heard: StorageStatus[] = [];
    const stop = condition.onChange((status) => heard.push(status));
    expect(condition.status()).toEqual({ state: 'ok', since: null, message: null });
    condition.note({ kind: 'commit_failed', error: full });
    condition.note({ kind: 'commit_failed', error: full });
    condition.note(committed);
    condition.note(committed);
    expect(heard.map((s) => s.state)).toEqual(['full', 'ok']);
    expect(heard[0].message).toMatch(/database or disk is full/);
    expect(Date.parse(heard[0].since!)).toBeGreaterThan(Date.now() - 60_000);
    expect(heard[1]).toEqual({ state: 'ok', since: null, message: null });
    stop();
    condition.note({ kind: 'flush_failed', error: eio });
    expect(heard).toHaveLength(2);
    expect(condition.broken).toBe(true);
  });

  it('refuses with 503 not_stored, explaining by its state when it has one', () => {
    const condition = new StorageCondition();
    expect(condition.refusal(bug)).toMatchObject({
      code: 'not_stored',
      status: 503,
      message: 'The store could not write (x is undefined).',
    });
    expect(condition.broken).toBe(false);
    condition.note({ kind: 'flush_failed', error: eio });
    expect(condition.refusal(null)).toMatchObject({ code: 'not_stored', status: 503, message: condition.status().message });
    expect(condition.status().message).toMatch(/EIO: i\/o error, fdatasync/);
  });
});
