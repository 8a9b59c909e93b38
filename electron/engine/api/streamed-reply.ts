import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import { BASE_HEADERS } from './http-io.js';

type Chunk = string | Uint8Array;

/**
 * A control API answer that is not one JSON value: text, raw bytes, or a document written a piece
 * at a time with backpressure, so an export of any size never sits in memory whole.
 */
export class StreamedReply {
  constructor(
    readonly contentType: string,
    readonly chunks: Iterable<Chunk> | AsyncIterable<Chunk>,
    readonly filename: string | null = null,
    /** Sent as Content-Length when known up front (raw bytes); streamed documents go chunked. */
    readonly length: number | null = null,
  ) {}

  /** Exact bytes as application/octet-stream: with BASE_HEADERS' nosniff a browser neither renders nor guesses at them. */
  static bytes(bytes: Uint8Array, filename: string | null): StreamedReply {
    return new StreamedReply('application/octet-stream', [bytes], filename, bytes.byteLength);
  }

  async send(res: ServerResponse): Promise<void> {
    res.writeHead(200, {
      ...BASE_HEADERS,
      'Content-Type': this.contentType,
      ...(this.length === null ? {} : { 'Content-Length': String(this.length) }),
      ...(this.filename ? { 'Content-Disposition': `attachment; filename="${this.filename}"` } : {}),
    });
    for await (const chunk of this.chunks) {
      if (res.destroyed) return;
      if (!res.write(chunk)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
    }
    res.end();
  }
}
