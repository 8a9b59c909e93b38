/**
 * Keeps answers in request order: an answer is used only if it is newer than the one shown and
 * its request was sent after the question last changed. A slow, older request that finishes after
 * a newer one is dropped instead of overwriting it.
 */
export class AnswerOrder {
  private issued = 0;
  private applied = 0;
  private floor = 0;

  /** A ticket for a request about to be sent. */
  issue(): number {
    this.issued += 1;
    return this.issued;
  }

  /** Whether the answer to this ticket may be shown; accepting it makes every older ticket stale. */
  accept(ticket: number): boolean {
    if (ticket <= this.applied || ticket <= this.floor) return false;
    this.applied = ticket;
    return true;
  }

  /** The question changed (another filter, bucket or integration): answers to requests sent so far no longer apply. */
  reset(): void {
    this.floor = this.issued;
  }
}
