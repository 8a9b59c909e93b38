import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * Real webhook handlers on 127.0.0.1, port 0, one per rule of InboundFlow's contract broken, and
 * one that follows them all. Each verifies (or not) as such a handler really would.
 */
export type HandlerBehaviour =
  'good' | 'slow' | 'not_idempotent' | 'accepts_forged' | 'refuses_valid' | 'redirects' | 'hangs' | 'reserialized_only';

export interface HandlerFixture {
  url: string;
  /** Bodies of the requests read so far, in order. */
  requests: { headers: IncomingMessage['headers']; body: Buffer }[];
  close(): Promise<void>;
}

/** Above the check's 2 s warning line; only call.transferred is slow, so the test pays it once. */
export const SLOW_MS = 2_200;

const hmac = (secret: string, text: Buffer) => 'sha256=' + createHmac('sha256', secret).update(text).digest('hex');

function signatureMatches(req: IncomingMessage, secret: string, signedBody: Buffer): boolean {
  const given = req.headers['x-inboundflow-signature'];
  const timestamp = req.headers['x-inboundflow-timestamp'];
  if (typeof given !== 'string' || typeof timestamp !== 'string') return false;
  const expected = Buffer.from(hmac(secret, Buffer.concat([Buffer.from(`${timestamp}.`), signedBody])));
  return expected.length === Buffer.byteLength(given) && timingSafeEqual(expected, Buffer.from(given));
}

function reserialized(body: Buffer): Buffer {
  try {
    return Buffer.from(JSON.stringify(JSON.parse(body.toString('utf8'))));
  } catch {
    return Buffer.alloc(0);
  }
}

function answer(res: ServerResponse, status: number, extra: Record<string, string> = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json', ...extra });
  res.end(JSON.stringify({ ok: status < 300 }));
}

export async function startHandlerFixture(behaviour: HandlerBehaviour, secret: string): Promise<HandlerFixture> {
  const requests: HandlerFixture['requests'] = [];
  const seen = new Set<string>();
  const sockets = new Set<Socket>();

  const handle = (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    requests.push({ headers: req.headers, body });
    const deliveryId = String(req.headers['x-inboundflow-delivery-id'] ?? '');
    const verifiedRaw = signatureMatches(req, secret, body);
    switch (behaviour) {
      case 'hangs':
        return; // never answers
      case 'redirects':
        return answer(res, 308, { Location: '/webhooks/' });
      case 'accepts_forged':
        return answer(res, 200);
      case 'refuses_valid':
        // Verifies with a secret that is not the integration's.
        return answer(res, signatureMatches(req, `${secret}-old`, body) ? 200 : 401);
      case 'reserialized_only':
        return answer(res, signatureMatches(req, secret, reserialized(body)) ? 200 : 401);
      case 'not_idempotent':
        if (!verifiedRaw) return answer(res, 401);
        if (seen.has(deliveryId)) return answer(res, 409);
        seen.add(deliveryId);
        return answer(res, 201);
      case 'slow':
        if (!verifiedRaw) return answer(res, 401);
        if (req.headers['x-inboundflow-event'] === 'call.transferred') {
          setTimeout(() => answer(res, 200), SLOW_MS);
          return;
        }
        return answer(res, 200);
      case 'good':
        return answer(res, verifiedRaw ? 200 : 401);
    }
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handle(req, res, Buffer.concat(chunks)));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
