import http from 'node:http';
import https from 'node:https';
import { z } from 'zod';

/** What a localtunnel server answers to `GET /?new` or `GET /<subdomain>`. */
const RegistrationAnswer = z.object({
  id: z.string().min(1),
  port: z.number().int().min(1).max(65_535),
  max_conn_count: z.number().int().min(1).optional(),
  url: z.string().url(),
  /** Some servers name the address to open tunnel sockets to; the client prefers it to the host name. */
  ip: z.string().min(1).optional(),
});

export interface TunnelGrant {
  /** The subdomain granted. */
  id: string;
  /** The public URL as the server gives it, without a trailing slash. */
  url: string;
  /** Where to open the tunnel sockets. */
  remote: { host: string; port: number };
  maxConnCount: number;
}

export type RegistrationFailure =
  /** No HTTP answer at all: refused, no route, DNS, TLS, reset. */
  | { kind: 'unreachable'; detail: string }
  /** Connected, but no answer within the time allowed. */
  | { kind: 'timeout'; timeoutMs: number }
  /** An HTTP error, with the server's `{message}` when it sent one. */
  | { kind: 'http_error'; status: number; message: string | null }
  /** A 2xx that is not a localtunnel answer. */
  | { kind: 'not_localtunnel'; detail: string };

export type Registration = { ok: true; grant: TunnelGrant } | { ok: false; failure: RegistrationFailure };

const MAX_ANSWER_BYTES = 64 * 1024;

/** The URL the client asks: the subdomain it wants, or a new random one. */
export function registrationUrl(host: string, subdomain: string | null): string {
  return `${host.replace(/\/+$/, '')}/${subdomain ?? '?new'}`;
}

/** Asks the server for a tunnel; never rejects: every outcome is a value. */
export function requestTunnel(host: string, subdomain: string | null, timeoutMs: number, signal?: AbortSignal): Promise<Registration> {
  const url = new URL(registrationUrl(host, subdomain));
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let done = false;
    const settle = (registration: Registration) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      request.destroy();
      resolve(registration);
    };
    const request = client.get(url, { headers: { Accept: 'application/json' }, signal }, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.byteLength;
        if (size > MAX_ANSWER_BYTES) settle({ ok: false, failure: { kind: 'not_localtunnel', detail: 'its answer is too large' } });
        else chunks.push(chunk);
      });
      response.on('error', (error) => settle({ ok: false, failure: { kind: 'unreachable', detail: error.message } }));
      response.on('end', () => settle(readAnswer(response.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'), url)));
    });
    const timer = setTimeout(() => settle({ ok: false, failure: { kind: 'timeout', timeoutMs } }), timeoutMs);
    request.on('error', (error: NodeJS.ErrnoException) =>
      settle({ ok: false, failure: { kind: 'unreachable', detail: error.code ?? error.message } }),
    );
  });
}

/** Reads the server's answer; exported for its unit tests. */
export function readAnswer(status: number, text: string, asked: URL): Registration {
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: judged below by status.
  }
  if (status < 200 || status >= 300) {
    const message = typeof (body as { message?: unknown } | null)?.message === 'string' ? (body as { message: string }).message : null;
    return { ok: false, failure: { kind: 'http_error', status, message } };
  }
  const answer = RegistrationAnswer.safeParse(body);
  if (!answer.success) {
    return {
      ok: false,
      failure: { kind: 'not_localtunnel', detail: body === null ? 'its answer is not JSON' : 'its answer lacks id, port or url' },
    };
  }
  const { id, port, max_conn_count, url, ip } = answer.data;
  return {
    ok: true,
    grant: {
      id,
      url: url.replace(/\/+$/, ''),
      remote: { host: ip ?? asked.hostname.replace(/^\[|\]$/g, ''), port },
      maxConnCount: max_conn_count ?? 1,
    },
  };
}
