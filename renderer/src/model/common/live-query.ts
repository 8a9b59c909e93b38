import { AnswerOrder } from '../delivery/answer-order.js';
import { realTimers, TrailingThrottle, type ThrottleTimers } from './trailing-throttle.js';
import { SnapshotStore } from './snapshot-store.js';

export interface LiveQuerySnapshot<T> {
  /** The newest answer; kept while a refetch runs or fails, so a chart never blanks. */
  data: T | null;
  error: string | null;
  loading: boolean;
}

export interface LiveQueryOptions {
  /** At most one refetch per this many ms while live changes stream in. */
  intervalMs?: number;
  /** How long a poke waits for more changes before refetching. */
  settleMs?: number;
  timers?: ThrottleTimers;
}

/**
 * One GET kept current: `restart` with the new question when it changes (answers to the old one are
 * dropped), `poke` when something it covers changed (refetches throttled, same question). Out-of-order
 * answers never overwrite newer ones.
 */
export class LiveQuery<T, Q = void> extends SnapshotStore<LiveQuerySnapshot<T>> {
  /** The question of the last restart; null until the first one. */
  private asked: { question: Q } | null = null;
  protected snapshot: LiveQuerySnapshot<T> = { data: null, error: null, loading: false };
  private readonly order = new AnswerOrder();
  private readonly throttle: TrailingThrottle;

  constructor(
    private readonly fetch: (question: Q) => Promise<T>,
    { intervalMs = 1_000, settleMs = 100, timers = realTimers }: LiveQueryOptions = {},
  ) {
    super();
    this.throttle = new TrailingThrottle(() => void this.load(), intervalMs, settleMs, timers);
  }

  /** The question changed: forget what is pending and fetch now. The old answer stays until the new one arrives. */
  restart(question: Q): Promise<void> {
    this.asked = { question };
    this.order.reset();
    this.throttle.ran();
    return this.load();
  }

  /** Something the answer covers changed: fetch again, throttled. */
  poke(): void {
    this.throttle.request();
  }

  /** Stops a pending throttled fetch (the view went away); answers still in flight are dropped. */
  stop(): void {
    this.throttle.cancel();
    this.order.reset();
  }

  private async load(): Promise<void> {
    const asked = this.asked;
    if (!asked) return; // Poked before anything was asked.
    const ticket = this.order.issue();
    if (!this.snapshot.loading) this.set({ ...this.snapshot, loading: true });
    try {
      const data = await this.fetch(asked.question);
      if (this.order.accept(ticket)) this.set({ data, error: null, loading: false });
    } catch (error) {
      if (this.order.accept(ticket))
        this.set({ ...this.snapshot, error: error instanceof Error ? error.message : String(error), loading: false });
    }
  }

  private set(snapshot: LiveQuerySnapshot<T>): void {
    this.snapshot = snapshot;
    this.notify();
  }
}
