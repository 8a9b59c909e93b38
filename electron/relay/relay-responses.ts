import type { ServerResponse } from 'node:http';

export interface RelayErrorOptions {
  /** Close the connection after answering: the request body was not read. */
  close?: boolean;
  retryAfterSeconds?: number;
  extra?: Record<string, unknown>;
}

/**
 * The relay's own answers (never the app's): JSON `{error, message}` and an
 * `X-Hookbench-Relay-Error` header, so a sender or a test can tell them from the app's response.
 */
export function sendRelayError(res: ServerResponse, status: number, code: string, message: string, options: RelayErrorOptions = {}): void {
  if (res.headersSent || res.destroyed) {
    res.destroy();
    return;
  }
  const body = Buffer.from(JSON.stringify({ error: code, message, ...options.extra }));
  const headers: Record<string, string | number> = {
    'Content-Type': 'application/json',
    'Content-Length': body.byteLength,
    'Cache-Control': 'no-store',
    'X-Hookbench-Relay-Error': code,
  };
  if (options.retryAfterSeconds !== undefined) headers['Retry-After'] = options.retryAfterSeconds;
  if (options.close) headers.Connection = 'close';
  res.writeHead(status, headers);
  res.end(body);
}

export function sendRelayJson(res: ServerResponse, status: number, value: unknown): void {
  const body = Buffer.from(JSON.stringify(value));
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': body.byteLength, 'Cache-Control': 'no-store' });
  res.end(body);
}

const CLIENT_ERRORS: Record<string, [number, string, string, string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: [
    408,
    'Request Timeout',
    'request_timeout',
    'The request was not received in time; send headers and body without long pauses.',
  ],
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', 'headers_too_large', 'The request headers are too large.'],
};

/** A sender whose bytes are not valid HTTP (or too slow, or too large) gets a JSON reason, then the connection closes. */
export function answerClientError(
  error: NodeJS.ErrnoException,
  socket: { writable: boolean; end(data: string): void; destroy(): void },
): void {
  if (!socket.writable) return socket.destroy();
  const [status, text, code, message] = CLIENT_ERRORS[error.code ?? ''] ?? [
    400,
    'Bad Request',
    'bad_request',
    `The request is not valid HTTP the relay can forward (${error.code ?? error.message}).`,
  ];
  refuseUpgrade(socket, status, text, code, message);
}

/** Answers on a raw socket before a WebSocket upgrade, then closes it. */
export function refuseUpgrade(
  socket: { end(data: string): void; destroyed?: boolean },
  status: number,
  statusText: string,
  code: string,
  message: string,
): void {
  const body = JSON.stringify({ error: code, message });
  socket.end(
    `HTTP/1.1 ${status} ${statusText}\r\nConnection: close\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nX-Hookbench-Relay-Error: ${code}\r\n\r\n${body}`,
  );
}
