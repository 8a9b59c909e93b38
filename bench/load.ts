import { Pool } from 'undici';

export interface LoadResult {
  requests: number;
  errors: number;
  non2xx: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Builds each request of a load itself (its path and body); `acked` runs when its 2xx arrives. */
export type NextRequest = () => { path: string; body: Buffer; acked?: (at: number) => void };

/**
 * POSTs the same body (or what `body()` builds for each request) from `connections` keep-alive connections for `durationMs`, after a
 * warm-up, and reports throughput and latency. Loopback only; bounded in time.
 */
export async function runLoad(
  url: string,
  body: Buffer | NextRequest,
  connections: number,
  durationMs: number,
  extraHeaders: Record<string, string> = {},
  warmupMs = 500,
): Promise<LoadResult> {
  const target = new URL(url);
  const pool = new Pool(target.origin, { connections, pipelining: 1, keepAliveTimeout: 10_000 });
  const latencies: number[] = [];
  let errors = 0;
  let non2xx = 0;
  let measuring = false;
  let running = true;
  const worker = async () => {
    while (running) {
      const next = typeof body === 'function' ? body() : { path: target.pathname, body };
      const start = performance.now();
      try {
        const res = await pool.request({
          path: next.path,
          method: 'POST',
          body: next.body,
          headers: { 'content-type': 'application/json', ...extraHeaders },
        });
        if (res.statusCode >= 200 && res.statusCode < 300) next.acked?.(performance.now());
        await res.body.dump();
        if (measuring) {
          latencies.push(performance.now() - start);
          if (res.statusCode < 200 || res.statusCode >= 300) non2xx += 1;
        }
      } catch {
        if (measuring) errors += 1;
      }
    }
  };
  const workers = Array.from({ length: connections }, worker);
  await new Promise((r) => setTimeout(r, warmupMs));
  measuring = true;
  const started = performance.now();
  await new Promise((r) => setTimeout(r, durationMs));
  measuring = false;
  const seconds = (performance.now() - started) / 1000;
  running = false;
  await Promise.all(workers);
  await pool.close();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    non2xx,
    seconds,
    rps: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

/** A generic 1 KiB JSON body (not InboundFlow-shaped, so no verdicts are computed for it). */
export function oneKibJson(): Buffer {
  const base = { type: 'order.paid', id: 'evt_123', created: 1709064000, data: { note: '' } };
  const size = Buffer.byteLength(JSON.stringify(base));
  base.data.note = 'x'.repeat(1024 - size);
  return Buffer.from(JSON.stringify(base));
}

/** A 1 KiB InboundFlow call.completed envelope and its delivery headers (signed when a secret is given). */
export function oneKibInboundFlow(): { body: Buffer; headers: Record<string, string> } {
  const envelope = {
    event: 'call.completed',
    timestamp: new Date().toISOString(),
    organization_id: 'org_1',
    delivery_id: '6f1c2b1e-2f0a-4d4b-9b7e-3f4f2a1c9d00',
    data: {
      call_id: 'call_1',
      caller_phone: '+14155550123',
      caller_name: 'Dave',
      duration_seconds: 55,
      summary: '',
      started_at: '2026-02-24T20:59:00Z',
      ended_at: '2026-02-24T21:00:00Z',
    },
  };
  const size = Buffer.byteLength(JSON.stringify(envelope));
  envelope.data.summary = 'y'.repeat(1024 - size);
  const body = Buffer.from(JSON.stringify(envelope));
  return {
    body,
    headers: {
      'x-inboundflow-event': 'call.completed',
      'x-inboundflow-delivery-id': envelope.delivery_id,
      'x-inboundflow-timestamp': String(Math.floor(Date.now() / 1000)),
      'user-agent': 'InboundFlow-Webhook/1.0',
    },
  };
}
