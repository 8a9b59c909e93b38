import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { decodeBody } from '../../shared/api/body-codec.js';
import { startServe, type ServeProcess } from '../support/serve-process.js';
import { tempDir } from '../support/temp-dir.js';

const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the answer's JSON, read as the tests assert on it
function post(agent: http.Agent, url: URL, body: Buffer): Promise<{ status: number; json: any }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ agent, host: url.hostname, port: url.port, method: 'POST', path: '/full' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString()) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

function apiOf(serve: ServeProcess) {
  const token = new URL(serve.urls.uiUrl).hash.replace('#token=', '');
  const call = (path: string, init: RequestInit = {}) =>
    fetch(`${serve.urls.apiUrl}${path}`, { ...init, headers: { Authorization: `Bearer ${token}` } });
  return { token, call, json: async (path: string, init?: RequestInit) => (await call(path, init)).json() };
}

/** The live feed the UI reads, connected (its hello received) before this resolves. */
async function liveFeed(serve: ServeProcess, token: string) {
  const origin = new URL(serve.urls.apiUrl).origin;
  const ws = new WebSocket(`${origin.replace('http', 'ws')}/api/live`, ['hookbench.v1', `token.${token}`], { headers: { Origin: origin } });
  cleanups.push(() => ws.close());
  const messages: unknown[] = [];
  ws.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString())));
  await new Promise((resolve, reject) => {
    ws.once('message', resolve);
    ws.once('error', reject);
  });
  return {
    /** The first message (since the feed opened) that matches. */
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- live messages of any type, matched by the caller
    find: (match: (message: any) => boolean): Promise<any> =>
      new Promise((resolve) => {
        const check = () => {
          const found = messages.find(match);
          if (!found) return;
          ws.off('message', check);
          resolve(found);
        };
        ws.on('message', check);
        check();
      }),
  };
}

describe('a full store under load (real serve, SQLite max_page_count as the disk limit)', () => {
  it('answers 503 not_stored to every request that did not fit and 2xx to the rest, stores exactly the 2xx, says so, and resumes when space returns', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    // About 600 KiB of room: enough for some of the load, not for all of it.
    const serve = await startServe(dir.path, [], { HOOKBENCH_TEST_SPARE_PAGES: '150' });
    cleanups.push(() => {
      serve.child.kill('SIGTERM');
      return serve.exited;
    });
    const api = apiOf(serve);
    const live = await liveFeed(serve, api.token);

    const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
    cleanups.push(() => agent.destroy());
    const url = new URL(serve.urls.httpUrl);
    const bodies = Array.from({ length: 160 }, (_, i) =>
      Buffer.concat([Buffer.from(`{"n":${i},"pad":"`), randomBytes(6_000), Buffer.from('"}')]),
    );
    const answers = await Promise.all(bodies.map((body) => post(agent, url, body)));

    // Under load a small batch may still fit after a large one did not; one at a time, the store fills up for good.
    for (let i = 0; i === 0 || answers.at(-1)!.status === 200; i++) {
      if (i === 100) throw new Error('the store never filled up');
      bodies.push(bodies[i]);
      answers.push(await post(agent, url, bodies[i]));
    }
    const acked = answers.flatMap((a, i) => (a.status === 200 ? [{ id: a.json.id as string, body: bodies[i] }] : []));
    const refused = answers.filter((a) => a.status !== 200);
    expect(acked.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    for (const answer of refused) {
      expect(answer.status).toBe(503);
      expect(answer.json).toMatchObject({ error: 'not_stored', message: expect.stringMatching(/Storage is full/) });
    }

    // The engine is up and says what is wrong and what to do.
    const health = await api.json('/health');
    expect(health.ok).toBe(false);
    expect(health.storage).toMatchObject({ state: 'full', message: expect.stringMatching(/Free disk space.*resumes by itself/) });
    expect(await live.find((m) => m.type === 'storage.status')).toMatchObject({ state: 'full', message: health.storage.message });
    // Exactly what was acknowledged is stored, each byte for byte: nothing refused was kept, nothing kept is partial.
    expect(health.deliveries).toBe(acked.length);
    for (const { id, body } of acked) {
      const record = await api.json(`/deliveries/${id}`);
      expect(decodeBody(record.body).equals(body), `body of ${id}`).toBe(true);
    }

    // Space returns (the inbox is cleared): receiving resumes by itself, and the condition clears.
    expect((await api.call('/inboxes/default/clear', { method: 'POST' })).status).toBe(200);
    const after = await post(agent, url, bodies[0]);
    expect(after.status).toBe(200);
    expect(await live.find((m) => m.type === 'storage.status' && m.state === 'ok')).toMatchObject({ since: null, message: null });
    expect((await api.json('/health')).storage).toMatchObject({ state: 'ok', message: null });
    expect(serve.child.exitCode).toBeNull();
  }, 60_000);
});
