import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import { BASE_HEADERS } from '../api/http-io.js';

/**
 * A control API answer that is not one JSON value: text, or a document written a piece at a time
 * with backpressure, so an export of any size never sits in memory whole.
 */
export class StreamedReply {
  constructor(
    readonly contentType: string,
    readonly chunks: Iterable<string> | AsyncIterable<string>,
    readonly filename: string | null = null,
  ) {}

  async send(res: ServerResponse): Promise<void> {
    res.writeHead(200, {
      ...BASE_HEADERS,
      'Content-Type': this.contentType,
      ...(this.filename ? { 'Content-Disposition': `attachment; filename="${this.filename}"` } : {}),
    });
    for await (const chunk of this.chunks) {
      if (res.destroyed) return;
      if (!res.write(chunk)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
    }
    res.end();
  }
}
