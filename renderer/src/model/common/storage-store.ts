import type { Health, StorageStatus } from '../../../../shared/api/health.js';
import type { LiveMessage } from '../../../../shared/api/live.js';
import { SnapshotStore } from './snapshot-store.js';

export type StorageLiveMessage = Extract<LiveMessage, { type: 'storage.status' }>;

/** Whether the engine's store takes writes, from the engine's health and every live `storage.status`. */
export class StorageStore extends SnapshotStore<StorageStatus | null> {
  protected snapshot: StorageStatus | null = null;

  constructor(private readonly readHealth: () => Promise<Health>) {
    super();
  }

  async load(): Promise<void> {
    try {
      const { state, since, message } = (await this.readHealth()).storage;
      this.publish({ state, since, message });
    } catch {
      // The live feed or the next load says it; a failed read shows no banner rather than a wrong one.
    }
  }

  receive({ state, since, message }: StorageLiveMessage): void {
    this.publish({ state, since, message });
  }
}
