interface Pending<T> {
  item: T;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: writes submitted while no commit is running are sent as one batch at the end of
 * the current event-loop turn; writes submitted while a commit is running wait for it and go
 * together in the next batch. No fixed timer: a lone write commits at once, and under load the
 * batches grow with the commit's own latency. Each promise settles only after its batch committed.
 */
export class GroupCommitter<T> {
  private queue: Pending<T>[] = [];
  private scheduled = false;
  private inFlight: Promise<void> | null = null;

  constructor(private readonly writeBatch: (items: T[]) => void | Promise<void>) {}

  submit(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.scheduled && !this.inFlight) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  /** Commits whatever is queued now (after any commit already running); used on shutdown too. */
  async flush(): Promise<void> {
    this.scheduled = false;
    if (this.inFlight) await this.inFlight;
    const batch = this.queue;
    if (batch.length === 0) return;
    this.queue = [];
    this.inFlight = this.commit(batch);
    await this.inFlight;
    this.inFlight = null;
    if (this.queue.length > 0 && !this.scheduled) void this.flush();
  }

  private async commit(batch: Pending<T>[]): Promise<void> {
    try {
      await this.writeBatch(batch.map((p) => p.item));
    } catch (error) {
      // The transaction rolled back as a whole, so nobody in it may be acknowledged.
      for (const p of batch) p.reject(error);
      return;
    }
    for (const p of batch) p.resolve();
  }

  get pending(): number {
    return this.queue.length;
  }
}
