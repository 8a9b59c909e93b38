/** The clock and timers a throttle runs on; tests pass fake ones. */
export interface ThrottleTimers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: ThrottleTimers = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Runs `run` at most once per `intervalMs` however often it is requested, and always once after
 * the last request (trailing), so a stream of live deliveries costs one refetch a second and the
 * final state is never missed. A request waits at least `settleMs`, so a burst (a delivery and its
 * update a moment later) is read in one go.
 */
export class TrailingThrottle {
  private timer: unknown = null;
  private lastRun = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly run: () => void,
    private readonly intervalMs: number,
    private readonly settleMs = 0,
    private readonly timers: ThrottleTimers = realTimers,
  ) {}

  request(): void {
    if (this.timer !== null) return;
    const wait = Math.max(this.settleMs, this.lastRun + this.intervalMs - this.timers.now());
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      this.lastRun = this.timers.now();
      this.run();
    }, wait);
  }

  /** A run outside the throttle (the question changed) counts as the latest run. */
  ran(): void {
    this.cancel();
    this.lastRun = this.timers.now();
  }

  cancel(): void {
    if (this.timer === null) return;
    this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  get pending(): boolean {
    return this.timer !== null;
  }
}
