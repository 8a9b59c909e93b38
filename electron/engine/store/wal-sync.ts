import { closeSync, fdatasync, fstatSync, openSync, statSync } from 'node:fs';

/**
 * Makes committed WAL frames durable without blocking the event loop. The store commits with
 * `synchronous=NORMAL` (SQLite writes the frames but does not fsync them), then this flushes the
 * WAL file on libuv's thread pool; deliveries are acknowledged only after that flush. Every frame
 * written before the flush starts is on disk when it ends, so one flush serves a whole batch.
 */
export class WalSync {
  private fd: number | null = null;
  private ino = -1;
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private failure: Error | null = null;

  /** `onFailure` hears the first failed flush; every flush after it fails with the same error. */
  constructor(
    private readonly walPath: string,
    private readonly onFailure: (error: Error) => void = () => {},
  ) {}

  /**
   * Resolves once everything written so far is on disk, sharing flushes: while one runs, every
   * caller waits for the single next flush, which starts when it ends (the running one may have
   * started before their frames were written). So commits overlap flushes, and one fdatasync
   * serves every batch committed while the previous one ran.
   */
  flushCovering(): Promise<void> {
    if (!this.running) return this.start();
    this.queued ??= this.running
      .catch(() => {})
      .then(() => {
        this.queued = null;
        return this.start();
      });
    return this.queued;
  }

  private start(): Promise<void> {
    const run = this.flush().finally(() => {
      if (this.running === run) this.running = null;
    });
    this.running = run;
    return run;
  }

  /**
   * Resolves once everything SQLite has written to the WAL so far is on disk. Never retried after
   * a failure: Linux may drop the dirty pages of a failed fdatasync, and the next one succeeds without them.
   */
  flush(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      fdatasync(this.currentFd(), (error) => {
        if (!error) return resolve();
        if (!this.failure) {
          this.failure = error;
          this.onFailure(error);
        }
        reject(this.failure);
      });
    });
  }

  /** The WAL is only replaced when the last connection closes; check anyway, so a flush never hits a stale file. */
  private currentFd(): number {
    const onDisk = statSync(this.walPath, { throwIfNoEntry: false });
    if (this.fd !== null && onDisk && onDisk.ino === this.ino) return this.fd;
    this.close();
    this.fd = openSync(this.walPath, 'r');
    this.ino = fstatSync(this.fd).ino;
    return this.fd;
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
