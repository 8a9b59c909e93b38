interface Pending<T> {
  item: T;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: every write submitted during one event-loop turn is committed in a single
 * transaction (one fsync) at the turn's end, and each submitter's promise settles only after
 * that commit. No fixed timer: a lone request is committed at once, a burst shares one commit.
 */
export class GroupCommitter<T> {
  private queue: Pending<T>[] = [];
  private scheduled = false;

  constructor(private readonly writeBatch: (items: T[]) => void) {}

  submit(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits whatever is queued now; used by the scheduled turn and on shutdown. */
  flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    if (batch.length === 0) return;
    this.queue = [];
    try {
      this.writeBatch(batch.map((p) => p.item));
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
