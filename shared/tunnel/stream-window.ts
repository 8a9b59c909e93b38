/**
 * Per-stream flow control, the same rule in both directions: a sender may have at most
 * `window` body bytes outstanding on a stream; the receiver grants more as it consumes them.
 */
export class SendWindow {
  constructor(private credit: number) {}

  get available(): number {
    return this.credit;
  }

  take(bytes: number): void {
    this.credit -= bytes;
  }

  grant(bytes: number): void {
    this.credit += bytes;
  }
}

export class ReceiveWindow {
  /** Bytes the peer may still send without overrunning what it was granted. */
  private allowed: number;
  /** Consumed since the last grant; returned to the peer in batches of half a window. */
  private consumed = 0;

  constructor(private readonly size: number) {
    this.allowed = size;
  }

  /** Records bytes that arrived; false when the peer sent more than it was allowed. */
  receive(bytes: number): boolean {
    this.allowed -= bytes;
    return this.allowed >= 0;
  }

  /** Records bytes the application consumed; returns how many to grant now (0 = not yet). */
  release(bytes: number): number {
    this.consumed += bytes;
    if (this.consumed < this.size / 2) return 0;
    const grant = this.consumed;
    this.consumed = 0;
    this.allowed += grant;
    return grant;
  }
}
