import http from 'node:http';
import { decodeBody } from '../../../shared/api/body-codec.js';

export interface Outcome {
  n: number;
  body: Buffer;
  startedAt: number;
  endedAt: number;
  /** HTTP status, or null when the request failed at the connection level. */
  status: number | null;
  response: string;
  error: string | null;
}

/**
 * Bounded load at a tunnel URL from a few keep-alive connections, recording every request's
 * fate. Only loopback; a worker whose connection fails pauses 20 ms before its next request so a
 * dead relay does not turn the loop into a busy spin.
 */
export function startLoad(url: string, connections = 8) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const target = new URL(url);
  const outcomes: Outcome[] = [];
  let running = true;
  let next = 0;
  const listeners = new Set<() => void>();

  const one = (n: number): Promise<Outcome> => {
    const body = Buffer.from(JSON.stringify({ n, pad: 'p'.repeat(100 + (n % 400)), bytes: [n % 256, 255 - (n % 256)] }));
    const startedAt = Date.now();
    return new Promise((resolve) => {
      const req = http.request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          method: 'POST',
          path: `${target.pathname.replace(/\/$/, '')}/load?n=${n}`,
          headers: { 'Content-Type': 'application/json', 'X-Request-N': String(n), 'Content-Length': String(body.byteLength) },
          timeout: 20_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              n,
              body,
              startedAt,
              endedAt: Date.now(),
              status: res.statusCode ?? 0,
              response: Buffer.concat(chunks).toString(),
              error: null,
            }),
          );
          res.on('error', (e) => resolve({ n, body, startedAt, endedAt: Date.now(), status: null, response: '', error: e.message }));
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', (e) => resolve({ n, body, startedAt, endedAt: Date.now(), status: null, response: '', error: e.message }));
      req.end(body);
    });
  };

  const worker = async () => {
    while (running) {
      const outcome = await one(next++);
      outcomes.push(outcome);
      for (const listener of listeners) listener();
      if (outcome.status === null && running) await new Promise((r) => setTimeout(r, 20));
    }
  };
  const workers = Array.from({ length: connections }, worker);

  return {
    outcomes,
    /** Resolves once `count` more requests have been answered with 2xx. */
    successes(count: number): Promise<void> {
      const target = outcomes.filter(ok).length + count;
      return new Promise((resolve) => {
        const check = () => {
          if (outcomes.filter(ok).length < target) return;
          listeners.delete(check);
          resolve();
        };
        listeners.add(check);
        check();
      });
    },
    async stop(): Promise<Outcome[]> {
      running = false;
      await Promise.all(workers);
      agent.destroy();
      return outcomes;
    },
  };
}

export function ok(outcome: Outcome): boolean {
  return outcome.status !== null && outcome.status >= 200 && outcome.status < 300;
}

/**
 * The tunnel's promise, checked request by request: every 2xx the sender got is the app's answer
 * and the delivery it names is stored with the exact body; every other outcome was an error.
 */
export async function verifyNothingLost(
  outcomes: Outcome[],
  apiUrl: string,
  apiToken: string,
): Promise<{ acknowledged: number; failed: number }> {
  const missing: number[] = [];
  const relaySuccess: number[] = [];
  let acknowledged = 0;
  for (const outcome of outcomes) {
    if (!ok(outcome)) continue;
    acknowledged += 1;
    const answer = JSON.parse(outcome.response) as { ok?: boolean; id?: string };
    if (answer.ok !== true || !answer.id?.startsWith('dlv_')) {
      relaySuccess.push(outcome.n);
      continue;
    }
    const res = await fetch(`${apiUrl}/deliveries/${answer.id}`, { headers: { Authorization: `Bearer ${apiToken}` } });
    if (res.status !== 200) {
      missing.push(outcome.n);
      continue;
    }
    const record = (await res.json()) as { body: { encoding: 'utf8' | 'base64'; data: string }; via: string };
    if (!decodeBody(record.body).equals(outcome.body) || record.via !== 'tunnel') missing.push(outcome.n);
  }
  if (missing.length || relaySuccess.length) {
    throw new Error(
      `acknowledged but not stored: ${missing.join(', ') || 'none'}; 2xx not from the app: ${relaySuccess.join(', ') || 'none'}`,
    );
  }
  for (const outcome of outcomes) {
    if (ok(outcome)) continue;
    if (outcome.status !== null && outcome.status < 500 && outcome.status !== 429) {
      throw new Error(`request ${outcome.n} got ${outcome.status}, neither success nor a server-side error: ${outcome.response}`);
    }
  }
  return { acknowledged, failed: outcomes.length - acknowledged };
}
