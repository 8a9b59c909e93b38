import http from 'node:http';
import type { Socket } from 'node:net';
import type { RawHeaders } from '../../shared/api/common.js';
import { parseRawRequest } from '../engine/receiver/raw-request-parser.js';
import { refuseUpgrade } from './relay-responses.js';

export interface RawMethodOptions {
  maxBody: number;
  /** How long the rest of the request may take to arrive. */
  timeoutMs: number;
}

/** Node's header object from ordered pairs: lower-case names, repeats joined as Node joins them. */
function headerObject(headers: RawHeaders): http.IncomingHttpHeaders {
  const object: Record<string, string | string[]> = {};
  for (const [name, value] of headers) {
    const key = name.toLowerCase();
    const seen = object[key];
    if (seen === undefined) object[key] = key === 'set-cookie' ? [value] : value;
    else if (Array.isArray(seen)) seen.push(value);
    else object[key] = `${seen}, ${value}`;
  }
  return object;
}

/**
 * A request whose method Node's parser refuses (e.g. `FOO`): read it from the socket ourselves, as
 * the direct receiver does, and hand the request handler a request and response made for it, so
 * it goes through the tunnel like any other. The connection closes after the answer.
 */
export function readRawMethodRequest(
  socket: Socket,
  first: Buffer,
  options: RawMethodOptions,
  handle: (req: http.IncomingMessage, res: http.ServerResponse) => void,
): void {
  // From here on this socket's bytes are ours, not the HTTP server's parser's.
  socket.removeAllListeners('data');
  socket.removeAllListeners('end');
  // Node's parser reports its refusal as a socket error too; the request is ours to answer now.
  socket.on('error', () => {});
  let buffered = first;
  const timer = setTimeout(() => socket.destroy(), options.timeoutMs);
  const refuse = (status: number, text: string, code: string, message: string) => {
    clearTimeout(timer);
    socket.off('data', onData);
    refuseUpgrade(socket, status, text, code, message);
  };
  const attempt = () => {
    const parsed = parseRawRequest(buffered, options.maxBody);
    if (parsed.state === 'incomplete') return;
    clearTimeout(timer);
    socket.off('data', onData);
    if (parsed.state === 'error') {
      return parsed.message === 'body too large'
        ? refuse(
            413,
            'Payload Too Large',
            'body_too_large',
            `The request body is larger than this relay's limit of ${options.maxBody} bytes; nothing was delivered.`,
          )
        : refuse(400, 'Bad Request', 'bad_request', `The request is not valid HTTP the relay can forward (${parsed.message}).`);
    }
    const req = new http.IncomingMessage(socket);
    req.method = parsed.method;
    req.url = parsed.target;
    req.httpVersion = '1.1';
    req.httpVersionMajor = 1;
    req.httpVersionMinor = 1;
    req.rawHeaders = parsed.headers.flat();
    req.headers = headerObject(parsed.headers);
    // The body is complete; what the handler reads is exactly it, without the chunked framing.
    delete req.headers['transfer-encoding'];
    req.headers['content-length'] = String(parsed.body.byteLength);
    // Complete: otherwise the message, auto-destroyed after its end, would take the socket with it.
    req.complete = true;
    req.push(parsed.body);
    req.push(null);
    const res = new http.ServerResponse(req);
    res.shouldKeepAlive = false;
    res.assignSocket(socket);
    res.once('finish', () => socket.end());
    handle(req, res);
  };
  const onData = (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    attempt();
  };
  socket.on('data', onData);
  attempt();
}
