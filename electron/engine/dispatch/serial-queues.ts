/**
 * One FIFO line per key: tasks with the same key run one after another in the order they were
 * added; different keys never wait for each other. Integrations use one line each.
 */
export class SerialQueues {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const result = (this.tails.get(key) ?? Promise.resolve()).then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** True when nothing is running or waiting under this key: a task added now starts at once. */
  isIdle(key: string): boolean {
    return !this.tails.has(key);
  }

  /** Resolves when every line queued so far has run dry. */
  async idle(): Promise<void> {
    while (this.tails.size > 0) await Promise.all(this.tails.values());
  }
}
