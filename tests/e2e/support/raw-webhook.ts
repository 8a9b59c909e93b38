import { connect } from 'node:net';

export interface RawWebhook {
  method?: string;
  /** Path and query exactly as they go on the request line. */
  path: string;
  /** In wire order; Host and Content-Length are added first/last unless given. */
  headers?: [string, string][];
  body?: string | Buffer;
}

export interface RawResponse {
  status: number;
  body: string;
  json: { id?: string } & Record<string, unknown>;
}

/**
 * Sends one request over a plain socket, so header order, case and duplicates and the body bytes are
 * exactly what the test wrote (an HTTP client library would normalise some of them).
 */
export function sendRawWebhook(receiverHttp: string, request: RawWebhook): Promise<RawResponse> {
  const url = new URL(receiverHttp);
  const body = typeof request.body === 'string' ? Buffer.from(request.body, 'utf8') : (request.body ?? Buffer.alloc(0));
  const headers = request.headers ?? [];
  const has = (name: string) => headers.some(([n]) => n.toLowerCase() === name);
  const lines = [`${request.method ?? 'POST'} ${request.path} HTTP/1.1`];
  if (!has('host')) lines.push(`Host: ${url.host}`);
  for (const [name, value] of headers) lines.push(`${name}: ${value}`);
  if (!has('content-length') && !has('transfer-encoding')) lines.push(`Content-Length: ${body.byteLength}`);
  if (!has('connection')) lines.push('Connection: close');
  const head = Buffer.from(lines.join('\r\n') + '\r\n\r\n', 'latin1');

  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0);
      const rest = text.slice(text.indexOf('\r\n\r\n') + 4);
      let json = {};
      try {
        json = JSON.parse(rest);
      } catch {
        // Not JSON: the caller looks at `body`.
      }
      resolve({ status, body: rest, json });
    });
    socket.write(Buffer.concat([head, body]));
  });
}

/** Sends `count` requests with at most `concurrency` in flight; returns the delivery ids in send-completion order. */
export async function sendMany(receiverHttp: string, count: number, make: (n: number) => RawWebhook, concurrency = 24): Promise<string[]> {
  const ids: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const n = next++;
      const sent = await sendRawWebhook(receiverHttp, make(n));
      if (sent.status !== 200) throw new Error(`request ${n} answered ${sent.status}: ${sent.body}`);
      ids.push(sent.json.id!);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return ids;
}
