import { Transform, type TransformCallback } from 'node:stream';

type Framing =
  | { kind: 'head' }
  | { kind: 'body'; left: number }
  | { kind: 'chunk-size' }
  | { kind: 'chunk-data'; left: number }
  | { kind: 'trailers' }
  /** After an upgrade or CONNECT, or a length it cannot read: bytes pass as they are. */
  | { kind: 'raw' };

function framingAfter(head: string): Framing {
  const lines = head.split('\r\n');
  const header = (name: string) =>
    lines
      .slice(1)
      .filter((line) => line.slice(0, line.indexOf(':')).trim().toLowerCase() === name)
      .map((line) => line.slice(line.indexOf(':') + 1).trim());
  if (lines[0].startsWith('CONNECT ') || header('upgrade').length > 0) return { kind: 'raw' };
  if (header('transfer-encoding').some((value) => /chunked/i.test(value))) return { kind: 'chunk-size' };
  const length = header('content-length')[0];
  if (length === undefined) return { kind: 'head' };
  const bytes = Number(length);
  if (!Number.isInteger(bytes) || bytes < 0) return { kind: 'raw' };
  return bytes > 0 ? { kind: 'body', left: bytes } : { kind: 'head' };
}

/**
 * Adds `X-Forwarded-For` at the end of every request head on a public connection, as the proxy in
 * front of a localtunnel server does, and leaves every other byte as it came. It follows each
 * request's framing (Content-Length or chunked) to find where the next head starts.
 */
export class ForwardedForInserter extends Transform {
  private pending: Buffer = Buffer.alloc(0);
  private framing: Framing = { kind: 'head' };

  constructor(private readonly address: string) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    while (this.pending.length > 0 && this.step());
    done();
  }

  /** Consumes what the current framing state can; false when it needs more bytes. */
  private step(): boolean {
    const framing = this.framing;
    switch (framing.kind) {
      case 'raw':
        return this.pass(this.pending.length);
      case 'head': {
        const end = this.pending.indexOf('\r\n\r\n');
        if (end < 0) return false;
        const head = this.pending.subarray(0, end + 2);
        this.push(head);
        this.push(Buffer.from(`X-Forwarded-For: ${this.address}\r\n\r\n`, 'latin1'));
        this.pending = this.pending.subarray(end + 4);
        this.framing = framingAfter(head.toString('latin1'));
        return true;
      }
      case 'body':
      case 'chunk-data': {
        const n = Math.min(framing.left, this.pending.length);
        framing.left -= n;
        if (framing.left === 0) this.framing = framing.kind === 'body' ? { kind: 'head' } : { kind: 'chunk-size' };
        return this.pass(n);
      }
      case 'chunk-size': {
        const eol = this.pending.indexOf('\r\n');
        if (eol < 0) return false;
        const size = parseInt(this.pending.subarray(0, eol).toString('latin1').split(';')[0].trim(), 16);
        // A chunk's data is followed by its own CRLF.
        this.framing = Number.isNaN(size) ? { kind: 'raw' } : size > 0 ? { kind: 'chunk-data', left: size + 2 } : { kind: 'trailers' };
        return this.pass(eol + 2);
      }
      case 'trailers': {
        const eol = this.pending.indexOf('\r\n');
        if (eol < 0) return false;
        if (eol === 0) this.framing = { kind: 'head' };
        return this.pass(eol + 2);
      }
    }
  }

  private pass(n: number): boolean {
    this.push(this.pending.subarray(0, n));
    this.pending = this.pending.subarray(n);
    return true;
  }
}
