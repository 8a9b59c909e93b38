/**
 * What every store has in common: a snapshot that React reads with useSyncExternalStore, replaced
 * (never mutated) on each change, and the listeners told when it was.
 */
export abstract class SnapshotStore<S> {
  private readonly listeners = new Set<() => void>();
  protected abstract snapshot: S;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): S => this.snapshot;

  /** Replaces the snapshot and tells every listener. */
  protected publish(snapshot: S): void {
    this.snapshot = snapshot;
    this.notify();
  }

  /** Tells every listener that the snapshot was replaced. */
  protected notify(): void {
    for (const listener of this.listeners) listener();
  }
}
