import type { IncomingMessage, ServerResponse } from 'node:http';
import { HookbenchError } from '../../../shared/errors.js';

const API_BODY_LIMIT = 1024 * 1024;

/** Security headers on every API answer: nothing here is meant to be framed, sniffed or cached. */
export const BASE_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { ...BASE_HEADERS, 'Content-Type': 'application/json; charset=utf-8', ...headers });
  res.end(body);
}

export function sendError(res: ServerResponse, status: number, error: string, message: string, details?: unknown): void {
  sendJson(res, status, details === undefined ? { error, message } : { error, message, details });
}

/** Reads a JSON request body for the control API (small, JSON only). */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > API_BODY_LIMIT)
      throw new HookbenchError('body_too_large', `Control API requests are limited to ${API_BODY_LIMIT} bytes.`, 413);
    chunks.push(chunk);
  }
  if (size === 0) return undefined;
  if (!/^application\/json\b/i.test(type)) {
    throw new HookbenchError('unsupported_media_type', 'Send the request body as JSON with `Content-Type: application/json`.', 415);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (error) {
    throw new HookbenchError('invalid_json', `The request body is not valid JSON: ${(error as Error).message}.`);
  }
}
