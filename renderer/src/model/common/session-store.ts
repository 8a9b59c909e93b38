import type { ApiClient } from '../../services/common/api-client.js';
import { bootstrapSession, hashHasToken, type SessionOutcome } from '../../services/common/session-bootstrap.js';
import { SnapshotStore } from './snapshot-store.js';

/**
 * Whether this page may show data. Signs in once at start, again when a `#token=` link is opened in
 * this same tab (only the hash changes, so the page does not reload), and drops to "unauthorized"
 * as soon as any API call answers 401.
 */
export class SessionStore extends SnapshotStore<SessionOutcome | null> {
  protected snapshot: SessionOutcome | null = null;
  private attempt = 0;

  constructor(
    private readonly client: ApiClient,
    private readonly win: Window,
  ) {
    super();
  }

  start(): void {
    this.signIn();
    this.win.addEventListener('hashchange', () => {
      if (hashHasToken(this.win.location)) this.signIn();
    });
    this.client.onUnauthorized(() => this.set({ kind: 'unauthorized' }));
  }

  private signIn(): void {
    const attempt = ++this.attempt;
    void bootstrapSession(this.client, this.win.location, this.win.history).then((outcome) => {
      if (attempt === this.attempt) this.set(outcome);
    });
  }

  private set(outcome: SessionOutcome): void {
    this.snapshot = outcome;
    this.notify();
  }
}
