import http from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeBody } from '../../shared/api/body-codec.js';
import { startServe } from '../support/serve-process.js';
import { tempDir } from '../support/temp-dir.js';

const CONNECTIONS = 24;
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.forEach((c) => c()));

function post(agent: http.Agent, url: URL, body: Buffer): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { agent, host: url.hostname, port: url.port, method: 'POST', path: '/load', headers: { 'Content-Type': 'application/json' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Sends from many keep-alive connections until the engine dies; returns every acknowledged request.
 * The kill is timed from the first acknowledgement, so a slow start on a busy machine still kills mid-load.
 */
async function loadUntilKilled(httpUrl: string, stopAfterMs: number, kill: () => void) {
  const acked = new Map<string, Buffer>();
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const url = new URL(httpUrl);
  let dead = false;
  let n = 0;
  let timer: NodeJS.Timeout | undefined;
  const worker = async (w: number) => {
    while (!dead) {
      const body = Buffer.from(JSON.stringify({ worker: w, n: n++, pad: 'x'.repeat(200 + (n % 300)), bytes: '\u00e9\u{1F600}' }));
      try {
        const res = await post(agent, url, body);
        if (res.status >= 200 && res.status < 300) {
          acked.set(JSON.parse(res.text).id, body);
          timer ??= setTimeout(kill, stopAfterMs);
        }
      } catch {
        dead = true; // Connection refused or reset: the process is gone.
      }
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, (_, w) => worker(w)));
  clearTimeout(timer);
  agent.destroy();
  return acked;
}

describe('durability under kill -9', () => {
  it.each([150, 400, 900])(
    'every acknowledged request survives a SIGKILL %i ms into the load',
    async (killAfter) => {
      const dir = tempDir();
      cleanups.push(dir.remove);
      const first = await startServe(dir.path);
      const acked = await loadUntilKilled(first.urls.httpUrl, killAfter, () => first.child.kill('SIGKILL'));
      expect((await first.exited).signal).toBe('SIGKILL');
      expect(acked.size).toBeGreaterThan(0);

      const second = await startServe(dir.path);
      try {
        const token = new URL(second.urls.uiUrl).hash.replace('#token=', '');
        const headers = { Authorization: `Bearer ${token}` };
        const missing: string[] = [];
        for (const [id, body] of acked) {
          const res = await fetch(`${second.urls.apiUrl}/deliveries/${id}`, { headers });
          if (res.status !== 200) {
            missing.push(id);
            continue;
          }
          const record = await res.json();
          expect(decodeBody(record.body).equals(body)).toBe(true);
        }
        expect(missing).toEqual([]);
      } finally {
        second.child.kill('SIGTERM');
        await second.exited;
      }
    },
    60_000,
  );
});
