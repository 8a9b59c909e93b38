import { FEATURE_QUEUED, type QueuedInfo } from '../../../shared/tunnel-protocol.js';
import type { TunnelSession } from '../tunnel-session.js';
import { QueueRecordDamaged, type QueuedRequest } from './queue-record.js';
import { QueuedStream } from './queued-stream.js';
import type { QueueEntry, TunnelQueue } from './tunnel-queue.js';

export interface DrainOptions {
  /** Queued requests read or sent and not yet acknowledged, at most. */
  window: number;
  /** Their bytes on disk, at most (one entry goes however large it is): what a drain holds in memory. */
  windowBytes: number;
  /** After the app could not take one, wait this long before trying again from the oldest. */
  retryMs: number;
  answerOf(request: QueuedRequest): QueuedInfo['answered'];
  /** Nothing left to send and nothing waiting for an acknowledgement. */
  onIdle(): void;
  log(line: string): void;
}

/**
 * Sends a tunnel's queue to its app in arrival order: each request's body is on the socket before
 * the next one starts, so the app completes (and commits) them in that order, while up to `window`
 * acknowledgements are outstanding. An entry leaves the queue only on the app's acknowledgement.
 */
export class QueueDrain {
  /** Acknowledged by the app during this drain. */
  acknowledged = 0;
  private readonly understandsQueue: boolean;
  /** Entries picked for sending (read from disk or on their way), in order. */
  private readonly ahead: Array<{ entry: QueueEntry; read: Promise<QueuedRequest> }> = [];
  private readonly unacknowledged = new Set<QueueEntry>();
  /** Bytes of the entries ahead and unacknowledged. */
  private bytesOut = 0;
  private lastPicked = 0;
  private sending = false;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private failed = false;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly queue: TunnelQueue,
    private readonly session: TunnelSession,
    private readonly options: DrainOptions,
  ) {
    this.understandsQueue = session.features.includes(FEATURE_QUEUED);
    this.unsubscribe = queue.onAvailable((fromSeq) => {
      // An entry handed back by an earlier connection goes out again, even though newer ones went first.
      if (fromSeq <= this.lastPicked) this.lastPicked = fromSeq - 1;
      this.pump();
    });
  }

  start(): void {
    this.options.log(
      `tunnel ${this.queue.id}: draining ${this.queue.size} queued request${this.queue.size === 1 ? '' : 's'}` +
        (this.understandsQueue ? '' : ' (the app is older and cannot recognise redeliveries: at least once)'),
    );
    this.pump();
  }

  /** Sends nothing more; entries already sent are still acknowledged if the app answers. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.unsubscribe();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    for (const { entry } of this.ahead.splice(0)) this.putBack(entry);
  }

  /** An entry picked and not sent: it is no longer this drain's. */
  private putBack(entry: QueueEntry): void {
    entry.inFlight = false;
    this.bytesOut -= entry.length;
  }

  private pump(): void {
    if (this.stopped || this.failed || this.session.closed) return;
    while (this.ahead.length + this.unacknowledged.size < this.options.window) {
      const entry = this.queue.next(this.lastPicked);
      if (!entry) break;
      if (this.bytesOut > 0 && this.bytesOut + entry.length > this.options.windowBytes) break;
      this.lastPicked = entry.seq;
      this.bytesOut += entry.length;
      entry.inFlight = true;
      const read = this.queue.read(entry);
      read.catch(() => undefined);
      this.ahead.push({ entry, read });
    }
    if (this.sending) return;
    const next = this.ahead[0];
    if (!next) {
      if (this.unacknowledged.size === 0) this.options.onIdle();
      return;
    }
    this.sending = true;
    next.read.then(
      (request) => this.send(next.entry, request),
      (error: unknown) => this.unreadable(next.entry, error),
    );
  }

  /** A record that cannot be read back: lost to a disk fault when it fails its checksum, else tried again later. */
  private unreadable(entry: QueueEntry, error: unknown): void {
    this.sending = false;
    // Stopping closes the files under a read in flight: the entry just stays queued.
    if (this.stopped || this.session.closed) return;
    this.ahead.shift();
    if (error instanceof QueueRecordDamaged) {
      this.options.log(`tunnel ${this.queue.id}: queued request ${entry.id} is damaged on disk (${error.message}); dropping it`);
      this.bytesOut -= entry.length;
      this.queue.done(entry);
      return this.pump();
    }
    this.putBack(entry);
    this.retryLater(entry, `reading it back failed: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }

  private send(entry: QueueEntry, request: QueuedRequest): void {
    this.sending = false;
    // Stopped meanwhile: stop() has handed back everything picked.
    if (this.stopped || this.session.closed) return;
    this.ahead.shift();
    if (entry.done) {
      this.putBack(entry);
      return this.pump();
    }
    this.sending = true;
    this.unacknowledged.add(entry);
    const stream = new QueuedStream(this.session, request, this.options.answerOf(request), this.understandsQueue, {
      onSent: () => {
        this.sending = false;
        this.pump();
      },
      onAcknowledged: (status) => {
        this.unacknowledged.delete(entry);
        this.bytesOut -= entry.length;
        if (status >= 400) this.options.log(`tunnel ${this.queue.id}: the app refused queued request ${entry.id} (${status}); dropping it`);
        this.queue.done(entry);
        this.acknowledged += 1;
        this.pump();
      },
      onNotTaken: (reason, unsent) => {
        this.unacknowledged.delete(entry);
        this.bytesOut -= entry.length;
        if (unsent) this.sending = false;
        if (this.stopped || this.session.closed) return this.queue.release(entry);
        entry.inFlight = false;
        this.retryLater(entry, reason);
      },
    });
    stream.start();
  }

  /** The app could not take a request: send nothing new, and start again from the oldest entry after a pause. */
  private retryLater(entry: QueueEntry, reason: string): void {
    if (this.failed || this.stopped) return;
    this.failed = true;
    this.options.log(
      `tunnel ${this.queue.id}: the app did not take queued request ${entry.id} (${reason}); trying again in ${this.options.retryMs} ms`,
    );
    for (const picked of this.ahead.splice(0)) this.putBack(picked.entry);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.failed = false;
      this.lastPicked = 0;
      this.pump();
    }, this.options.retryMs);
    this.retryTimer.unref();
  }
}
