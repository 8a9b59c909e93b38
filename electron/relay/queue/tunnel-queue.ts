import { closeSync, fsyncSync, openSync, readdirSync, readFileSync, statSync, truncateSync, unlinkSync } from 'node:fs';
import { open, rename, unlink, writeFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { HookbenchError } from '../../../shared/errors.js';
import {
  decodeDone,
  decodeRecord,
  encodeDone,
  encodeRecord,
  QueueRecordDamaged,
  readRecordFacts,
  SEGMENT_MAGIC,
  type QueuedRequest,
} from './queue-record.js';

/** A segment grows to about this size, then appends go to a new one, so drained segments can be deleted whole. */
export const SEGMENT_BYTES = 16 * 1024 * 1024;
const DONE_LOG = 'done.log';
const STATE_FILE = 'state.json';
const SEGMENT_NAME = /^(\d{8})\.seg$/;

export interface TunnelQueueOptions {
  /** This tunnel's directory in the queue dir. */
  dir: string;
  id: string;
  maxBytes: number;
  maxAgeMs: number;
  log(line: string): void;
}

interface Segment {
  number: number;
  path: string;
  handle: FileHandle | null;
  size: number;
  /** Entries in it not yet done; at 0 a segment that takes no more appends is deleted. */
  live: number;
  /** Only the newest segment written in this run takes appends; one that failed a write never does again. */
  appendable: boolean;
}

export interface QueueEntry {
  /** Arrival order within this tunnel. */
  seq: number;
  id: string;
  queuedAt: number;
  length: number;
  done: boolean;
  /** Sent to the app and not yet acknowledged: it is not expired meanwhile. */
  inFlight: boolean;
  segment: Segment;
  offset: number;
}

/** What the app has not been told yet about this tunnel's queue. */
export interface QueueCounters {
  droppedExpired: number;
  refusedFull: number;
}

interface TunnelState extends QueueCounters {
  off: boolean;
}

interface PendingAppend {
  request: QueuedRequest;
  record: Buffer;
  resolve(): void;
  reject(error: unknown): void;
}

export function queueFull(maxBytes: number): HookbenchError {
  return new HookbenchError(
    'queue_full',
    `This tunnel's queue on the relay is full (${maxBytes} bytes); nothing was kept. It empties when the app comes back.`,
    507,
  );
}

function writeFailed(error: unknown): HookbenchError {
  const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return new HookbenchError(
    'queue_write_failed',
    `The relay could not write this request to its queue (${reason}); nothing was kept. Retry later.`,
    503,
  );
}

const segmentName = (n: number) => `${String(n).padStart(8, '0')}.seg`;

function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * One tunnel's durable queue: append-only segment files of checksummed records, and a done log
 * of the ids the app acknowledged (or that expired). Appends made in the same event-loop turn are
 * written together and made durable with one fdatasync before any of them resolves. File changes
 * run one at a time (appends, done-log writes, deletions), so a deletion never races a write.
 */
export class TunnelQueue {
  private readonly segments = new Map<number, Segment>();
  private entries: QueueEntry[] = [];
  /** Index of the first entry that may not be done yet. */
  private head = 0;
  private lastSeq = 0;
  private nextSegment = 1;
  private live = 0;
  private liveBytes = 0;
  private reserved = 0;
  private batch: PendingAppend[] = [];
  private batchScheduled = false;
  private pendingDone: string[] = [];
  private doneScheduled = false;
  private doneLog: { handle: FileHandle; size: number } | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private state: TunnelState = { off: false, droppedExpired: 0, refusedFull: 0 };
  private stateDirty = false;
  private stateTimer: NodeJS.Timeout | null = null;
  private readonly listeners = new Set<(fromSeq: number) => void>();
  private closed = false;

  private constructor(private readonly options: TunnelQueueOptions) {}

  /** Reads the tunnel's directory: live entries in arrival order; a torn tail is cut off, drained files deleted. */
  static open(options: TunnelQueueOptions): TunnelQueue {
    const queue = new TunnelQueue(options);
    queue.recover();
    return queue;
  }

  get id(): string {
    return this.options.id;
  }

  /** Requests waiting (written and not yet acknowledged or expired). */
  get size(): number {
    return this.live;
  }

  get bytes(): number {
    return this.liveBytes;
  }

  get off(): boolean {
    return this.state.off;
  }

  /**
   * Called when entries become available to send: after an append batch is durable, or when one
   * sent to an app comes back unacknowledged (`fromSeq` is the oldest such entry's seq).
   */
  onAvailable(listener: (fromSeq: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** An entry sent to an app that did not acknowledge it: it is to be sent again. */
  release(entry: QueueEntry): void {
    if (entry.done || !entry.inFlight) return;
    entry.inFlight = false;
    for (const listener of this.listeners) listener(entry.seq);
  }

  /**
   * Stores a request; resolves once it is on disk (fdatasync'd with the rest of its batch). Rejects
   * with `queue_full` (507) when it does not fit, or `queue_write_failed` (503) when the disk refused.
   */
  append(request: QueuedRequest): Promise<void> {
    if (this.closed) return Promise.reject(writeFailed(new Error('the relay is stopping')));
    const record = encodeRecord(request);
    if (this.liveBytes + this.reserved + record.byteLength > this.options.maxBytes) {
      this.state.refusedFull += 1;
      this.saveStateSoon();
      return Promise.reject(queueFull(this.options.maxBytes));
    }
    this.reserved += record.byteLength;
    return new Promise((resolve, reject) => {
      this.batch.push({ request, record, resolve, reject });
      if (this.batchScheduled) return;
      this.batchScheduled = true;
      setImmediate(() => {
        this.batchScheduled = false;
        void this.exclusive(() => this.writeBatch());
      });
    });
  }

  /** The first live entry after `seq` (0: from the start) that is not already with the app. */
  next(afterSeq: number): QueueEntry | null {
    for (let i = this.indexAfter(afterSeq); i < this.entries.length; i++) {
      const entry = this.entries[i];
      if (!entry.done && !entry.inFlight) return entry;
    }
    return null;
  }

  async read(entry: QueueEntry): Promise<QueuedRequest> {
    const handle = await this.handleOf(entry.segment);
    const buffer = Buffer.allocUnsafe(entry.length);
    const { bytesRead } = await handle.read(buffer, 0, entry.length, entry.offset);
    if (bytesRead !== entry.length) throw new QueueRecordDamaged(`cut short on disk: ${bytesRead} of ${entry.length} bytes`);
    return decodeRecord(buffer);
  }

  /** The app acknowledged it (or refused it for good), or it expired: it is deleted from the queue. */
  done(entry: QueueEntry): void {
    if (entry.done) return;
    entry.done = true;
    entry.inFlight = false;
    entry.segment.live -= 1;
    this.live -= 1;
    this.liveBytes -= entry.length;
    this.pendingDone.push(entry.id);
    while (this.head < this.entries.length && this.entries[this.head].done) this.head += 1;
    if (this.doneScheduled) return;
    this.doneScheduled = true;
    setImmediate(() => {
      this.doneScheduled = false;
      void this.exclusive(() => this.writeDone());
    });
  }

  /** Drops entries older than the maximum age (not those with the app right now); returns how many. */
  expire(now: number): number {
    let dropped = 0;
    let first: QueueEntry | null = null;
    for (let i = this.head; i < this.entries.length; i++) {
      const entry = this.entries[i];
      if (entry.done || entry.inFlight) continue;
      if (entry.queuedAt + this.options.maxAgeMs > now) break;
      first ??= entry;
      this.done(entry);
      dropped += 1;
    }
    if (dropped > 0) {
      this.state.droppedExpired += dropped;
      this.saveStateSoon();
      this.options.log(
        `tunnel ${this.id}: dropped ${dropped} queued request${dropped === 1 ? '' : 's'} older than ${this.options.maxAgeMs} ms (oldest ${first!.id}, queued ${new Date(first!.queuedAt).toISOString()})`,
      );
    }
    return dropped;
  }

  setOff(off: boolean): void {
    if (this.state.off === off) return;
    this.state.off = off;
    this.saveStateSoon(0);
  }

  /** What to tell the app about drops since it was last told; the counters start again from 0. */
  takeCounters(): QueueCounters {
    const counters = { droppedExpired: this.state.droppedExpired, refusedFull: this.state.refusedFull };
    if (counters.droppedExpired > 0 || counters.refusedFull > 0) {
      this.state.droppedExpired = 0;
      this.state.refusedFull = 0;
      this.saveStateSoon(0);
    }
    return counters;
  }

  /** Waits for pending writes, saves the state, closes the files. Appends after this are refused. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.stateTimer) clearTimeout(this.stateTimer);
    await this.exclusive(() => this.writeBatch());
    await this.exclusive(() => this.writeDone());
    await this.exclusive(async () => {
      if (this.stateDirty) await this.writeState();
      for (const segment of this.segments.values()) await segment.handle?.close();
      await this.doneLog?.handle.close();
      this.doneLog = null;
    });
  }

  private exclusive<T>(step: () => Promise<T>): Promise<T> {
    const result = this.chain.then(step);
    this.chain = result.catch((error: unknown) => this.options.log(`tunnel ${this.id}: queue: ${(error as Error).message}`));
    return result;
  }

  private async writeBatch(): Promise<void> {
    const items = this.batch;
    this.batch = [];
    if (items.length === 0) return;
    const total = items.reduce((sum, item) => sum + item.record.byteLength, 0);
    let segment: Segment | null = null;
    try {
      segment = await this.appendableSegment();
      const buffer =
        items.length === 1
          ? items[0].record
          : Buffer.concat(
              items.map((item) => item.record),
              total,
            );
      const { bytesWritten } = await segment.handle!.write(buffer, 0, buffer.byteLength, segment.size);
      if (bytesWritten !== buffer.byteLength) throw new Error(`short write: ${bytesWritten} of ${buffer.byteLength} bytes`);
      await segment.handle!.datasync();
    } catch (error) {
      this.reserved -= total;
      if (segment) {
        // Whatever part reached the file is cut off again if possible; the segment takes no more appends either way.
        segment.appendable = false;
        await segment.handle?.truncate(segment.size).catch(() => undefined);
      }
      this.options.log(`tunnel ${this.id}: queue write failed: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      const refusal = writeFailed(error);
      for (const item of items) item.reject(refusal);
      return;
    }
    let offset = segment.size;
    for (const item of items) {
      const length = item.record.byteLength;
      this.entries.push({
        seq: ++this.lastSeq,
        id: item.request.id,
        queuedAt: item.request.queuedAt,
        length,
        done: false,
        inFlight: false,
        segment,
        offset,
      });
      offset += length;
      segment.live += 1;
      this.live += 1;
      this.liveBytes += length;
    }
    segment.size = offset;
    if (segment.size >= SEGMENT_BYTES) segment.appendable = false;
    this.reserved -= total;
    for (const item of items) item.resolve();
    const firstSeq = this.lastSeq - items.length + 1;
    for (const listener of this.listeners) listener(firstSeq);
  }

  private async appendableSegment(): Promise<Segment> {
    for (const segment of this.segments.values()) if (segment.appendable) return segment;
    const number = this.nextSegment++;
    const path = join(this.options.dir, segmentName(number));
    const handle = await open(path, 'wx+');
    const segment: Segment = { number, path, handle, size: 0, live: 0, appendable: false };
    this.segments.set(number, segment);
    const { bytesWritten } = await handle.write(SEGMENT_MAGIC, 0, SEGMENT_MAGIC.byteLength, 0);
    if (bytesWritten !== SEGMENT_MAGIC.byteLength) throw new Error('short write of the segment header');
    await handle.datasync();
    // The new file's name must be durable too, or a crash could lose the whole segment.
    fsyncDir(this.options.dir);
    segment.size = SEGMENT_MAGIC.byteLength;
    segment.appendable = true;
    return segment;
  }

  private async writeDone(): Promise<void> {
    const ids = this.pendingDone;
    this.pendingDone = [];
    if (ids.length > 0 && this.live + this.batch.length + this.reserved > 0) {
      // Nobody waits for this: an acknowledgement lost in a crash means one redelivery, which the app recognises.
      if (!this.doneLog) {
        const handle = await open(join(this.options.dir, DONE_LOG), 'a+');
        this.doneLog = { handle, size: (await handle.stat()).size };
      }
      const bytes = encodeDone(ids);
      await this.doneLog.handle.write(bytes, 0, bytes.byteLength, this.doneLog.size);
      this.doneLog.size += bytes.byteLength;
      await this.doneLog.handle.datasync();
    }
    await this.deleteDrained();
  }

  /** Deletes segments nobody needs: all of them once the queue is empty (the done log first), else fully drained closed ones. */
  private async deleteDrained(): Promise<void> {
    if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
    const empty = this.live === 0 && this.batch.length === 0 && this.reserved === 0;
    if (empty) {
      // The done log goes first: a crash in between leaves segments whose entries come again, and are recognised.
      if (this.doneLog) {
        await this.doneLog.handle.close();
        this.doneLog = null;
      }
      await unlink(join(this.options.dir, DONE_LOG)).catch(() => undefined);
      this.entries = [];
      this.head = 0;
    }
    for (const segment of [...this.segments.values()]) {
      if (segment.live > 0 || (segment.appendable && !empty)) continue;
      this.segments.delete(segment.number);
      await segment.handle?.close();
      await unlink(segment.path).catch(() => undefined);
    }
  }

  private async handleOf(segment: Segment): Promise<FileHandle> {
    segment.handle ??= await open(segment.path, 'r+');
    return segment.handle;
  }

  private indexAfter(seq: number): number {
    let low = this.head;
    let high = this.entries.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.entries[mid].seq <= seq) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  private saveStateSoon(delayMs = 500): void {
    this.stateDirty = true;
    if (this.closed) return;
    if (this.stateTimer && delayMs > 0) return;
    if (this.stateTimer) clearTimeout(this.stateTimer);
    this.stateTimer = setTimeout(() => {
      this.stateTimer = null;
      void this.exclusive(() => this.writeState());
    }, delayMs);
    this.stateTimer.unref();
  }

  private async writeState(): Promise<void> {
    this.stateDirty = false;
    const file = join(this.options.dir, STATE_FILE);
    const text = JSON.stringify({
      off: this.state.off,
      dropped_expired: this.state.droppedExpired,
      refused_full: this.state.refusedFull,
    });
    await writeFile(`${file}.tmp`, text, { flush: true });
    await rename(`${file}.tmp`, file);
  }

  private recover(): void {
    const dir = this.options.dir;
    try {
      const saved = JSON.parse(readFileSync(join(dir, STATE_FILE), 'utf8')) as Record<string, unknown>;
      this.state = {
        off: saved.off === true,
        droppedExpired: Number(saved.dropped_expired) || 0,
        refusedFull: Number(saved.refused_full) || 0,
      };
    } catch {
      // No state yet (or unreadable): a tunnel that is on, with nothing to report.
    }
    const done = new Set<string>();
    const donePath = join(dir, DONE_LOG);
    const doneBytes = statSync(donePath, { throwIfNoEntry: false }) ? readFileSync(donePath) : Buffer.alloc(0);
    const parsed = decodeDone(doneBytes);
    for (const id of parsed.ids) done.add(id);
    if (parsed.validBytes < doneBytes.byteLength) {
      truncateSync(donePath, parsed.validBytes);
      this.options.log(`tunnel ${this.id}: cut a torn tail of ${doneBytes.byteLength - parsed.validBytes} bytes off the done log`);
    }
    let names: string[] = [];
    try {
      names = readdirSync(dir);
    } catch {
      // Its directory could not be made: appends will fail with 503, and it is known until restart.
    }
    const numbers = names
      .map((name) => SEGMENT_NAME.exec(name))
      .filter((match): match is RegExpExecArray => match !== null)
      .map((match) => Number(match[1]))
      .sort((a, b) => a - b);
    for (const number of numbers) {
      const path = join(dir, segmentName(number));
      const segment: Segment = { number, path, handle: null, size: 0, live: 0, appendable: false };
      this.segments.set(number, segment);
      this.nextSegment = number + 1;
      const bytes = readFileSync(path);
      if (bytes.byteLength < SEGMENT_MAGIC.byteLength || !bytes.subarray(0, SEGMENT_MAGIC.byteLength).equals(SEGMENT_MAGIC)) {
        // A segment created and never written (a crash right after creating it), or not ours at all.
        this.options.log(`tunnel ${this.id}: ${segmentName(number)} holds no queue records; deleting it`);
        continue;
      }
      let offset = SEGMENT_MAGIC.byteLength;
      for (let facts = readRecordFacts(bytes, offset); facts; facts = readRecordFacts(bytes, offset)) {
        if (!done.has(facts.id)) {
          this.entries.push({
            seq: ++this.lastSeq,
            id: facts.id,
            queuedAt: facts.queuedAt,
            length: facts.length,
            done: false,
            inFlight: false,
            segment,
            offset,
          });
          segment.live += 1;
          this.live += 1;
          this.liveBytes += facts.length;
        }
        offset += facts.length;
      }
      segment.size = offset;
      if (offset < bytes.byteLength) {
        // The write of the last batch was torn by a crash: none of its requests was answered 202.
        truncateSync(path, offset);
        this.options.log(`tunnel ${this.id}: cut a torn tail of ${bytes.byteLength - offset} bytes off ${segmentName(number)}`);
      }
    }
    // Nothing to deliver: start clean (the done log first, see deleteDrained).
    const unneeded = [...this.segments.values()].filter((segment) => segment.live === 0);
    if (this.live === 0) unlinkIfThere(donePath);
    for (const segment of unneeded) {
      this.segments.delete(segment.number);
      unlinkIfThere(segment.path);
    }
    if (this.live > 0 || done.size > 0) {
      this.options.log(`tunnel ${this.id}: ${this.live} queued request${this.live === 1 ? '' : 's'} waiting (${this.liveBytes} bytes)`);
    }
  }
}

function unlinkIfThere(path: string): void {
  try {
    if (statSync(path, { throwIfNoEntry: false })) unlinkSync(path);
  } catch {
    // Left for the next start; it holds nothing that is still needed.
  }
}
