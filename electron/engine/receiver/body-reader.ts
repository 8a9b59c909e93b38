import type { IncomingMessage } from 'node:http';
import { HookbenchError } from '../../../shared/errors.js';

export function bodyTooLarge(limit: number): HookbenchError {
  return new HookbenchError(
    'body_too_large',
    `The request body is larger than this receiver's limit of ${limit} bytes; nothing was stored. Raise it with --max-body.`,
    413,
    { limit },
  );
}

/** True when the request's Content-Length already says its body is over the limit (a chunked body cannot say). */
export function declaresTooLarge(req: IncomingMessage, limit: number): boolean {
  const declared = Number(req.headers['content-length']);
  return Number.isFinite(declared) && declared > limit;
}

/** Reads the whole body, refusing early (by Content-Length) or as soon as the limit is crossed. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (declaresTooLarge(req, limit)) {
      reject(bodyTooLarge(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > limit) {
        cleanup();
        reject(bodyTooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}
