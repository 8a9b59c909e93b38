import type { Health, StorageStatus } from '../../../../shared/api/health.js';
import type { LiveMessage } from '../../../../shared/api/live.js';

export type StorageLiveMessage = Extract<LiveMessage, { type: 'storage.status' }>;

/** Whether the engine's store takes writes, from GET /api/health and every live `storage.status`. */
export class StorageStore {
  private status: StorageStatus | null = null;
  private listeners = new Set<() => void>();

  constructor(private readonly readHealth: () => Promise<Health>) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): StorageStatus | null => this.status;

  async load(): Promise<void> {
    try {
      const { state, since, message } = (await this.readHealth()).storage;
      this.set({ state, since, message });
    } catch {
      // The live feed or the next load says it; a failed read shows no banner rather than a wrong one.
    }
  }

  receive({ state, since, message }: StorageLiveMessage): void {
    this.set({ state, since, message });
  }

  private set(status: StorageStatus): void {
    this.status = status;
    for (const listener of this.listeners) listener();
  }
}
