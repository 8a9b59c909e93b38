import type { LiveMessage } from '../../../../shared/api/live.js';

export type LiveListener = (message: LiveMessage) => void;

/**
 * Every live message, for views that follow one thing (an inbox's next response, a replay job, an
 * integration's streak) without a store of their own. Listeners get each message as it arrives,
 * so they should only note what they need and leave rendering to React's batching.
 */
export class LiveFeed {
  private listeners = new Set<LiveListener>();
  private resumeListeners = new Set<() => void>();

  subscribe(listener: LiveListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called after the feed came back from a drop: what was missed must be fetched again. */
  onResumed(listener: () => void): () => void {
    this.resumeListeners.add(listener);
    return () => this.resumeListeners.delete(listener);
  }

  publish(message: LiveMessage): void {
    for (const listener of this.listeners) listener(message);
  }

  resumed(): void {
    for (const listener of this.resumeListeners) listener();
  }
}
