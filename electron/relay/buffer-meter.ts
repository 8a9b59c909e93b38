/**
 * Body bytes the relay holds right now: read from senders but not yet written to a tunnel
 * socket, plus what sits in tunnel sockets' send buffers. Its peak is what the slow-app
 * test and the stats endpoint read.
 */
export class BufferMeter {
  current = 0;
  peak = 0;

  add(bytes: number): void {
    this.current += bytes;
    if (this.current > this.peak) this.peak = this.current;
  }

  remove(bytes: number): void {
    this.current -= bytes;
  }
}
