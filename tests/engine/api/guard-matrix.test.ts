import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { LiveMessage } from '../../../shared/api/live.js';
import { portOf } from '../../support/raw-http.js';
import { startTestEngine, type TestEngine } from '../../support/test-engine.js';

let t: TestEngine;
let port: number;
beforeAll(async () => {
  t = await startTestEngine();
  port = portOf(t.info.apiUrl);
});
afterAll(() => t.stop());

/** node:http rather than fetch, because fetch will not let a test forge Host. */
function get(path: string, headers: Record<string, string>): Promise<{ status: number; body: unknown; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        resolve({ status: res.statusCode ?? 0, body: text.startsWith('{') ? JSON.parse(text) : text, headers: res.headers });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

const bearer = () => ({ Authorization: `Bearer ${t.info.token}` });

describe('control API guard', () => {
  it('answers 401 without a token', async () => {
    const res = await get('/api/deliveries', {});
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: 'unauthorized' });
  });

  it('answers 401 with a wrong token, including one of another length', async () => {
    expect((await get('/api/deliveries', { Authorization: `Bearer ${'0'.repeat(64)}` })).status).toBe(401);
    expect((await get('/api/deliveries', { Authorization: 'Bearer short' })).status).toBe(401);
  });

  it('answers 403 to a foreign Origin even with the right token, on GET too', async () => {
    const res = await get('/api/deliveries', { ...bearer(), Origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: 'forbidden_origin' });
  });

  it('answers 403 to a rebinding Host even with the right token', async () => {
    const res = await get('/api/deliveries', { ...bearer(), Host: `attacker.example:${port}` });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: 'forbidden_host' });
    expect((await get('/api/deliveries', { ...bearer(), Host: `127.0.0.1:${port + 1}` })).status).toBe(403);
  });

  it('answers 200 to a good request from the same origin', async () => {
    const res = await get('/api/deliveries', { ...bearer(), Origin: `http://127.0.0.1:${port}` });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: [], next: null });
    expect((await get('/api/health', { ...bearer(), Host: `localhost:${port}` })).status).toBe(200);
  });

  it('guards the UI pages by Host too', async () => {
    expect((await get('/', { Host: `rebind.example:${port}` })).status).toBe(403);
  });

  it('refuses a WebSocket with a foreign Origin before upgrading', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api/live`, { headers: { ...bearer(), Origin: 'https://evil.example' } });
    const status = await new Promise<number>((resolve) => ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    expect(status).toBe(403);
  });

  it('refuses a WebSocket without the token', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api/live`);
    const status = await new Promise<number>((resolve) => ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    expect(status).toBe(401);
  });

  it('pushes delivery.created to a WebSocket authenticated by the token subprotocol', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api/live`, ['hookbench.v1', `token.${t.info.token}`], {
      headers: { Origin: `http://127.0.0.1:${port}` },
    });
    const messages: LiveMessage[] = [];
    const created = new Promise<Extract<LiveMessage, { type: 'delivery.created' }>>((resolve) =>
      ws.on('message', (data: Buffer) => {
        const message = JSON.parse(data.toString()) as LiveMessage;
        messages.push(message);
        if (message.type === 'delivery.created') resolve(message);
      }),
    );
    await new Promise((resolve) => ws.on('open', resolve));
    expect(ws.protocol).toBe('hookbench.v1');
    const res = await fetch(`${t.info.httpUrl}/live`, { method: 'POST', body: '{"a":1}' });
    const { id } = await res.json();
    const message = await created;
    expect(message.delivery).toMatchObject({ id, method: 'POST', path: '/live', json: 'valid' });
    expect(messages[0].type).toBe('hello');
    ws.close();
  });

  it('trades the token for an HttpOnly SameSite=Strict cookie that then authenticates', async () => {
    const session = await fetch(`${t.info.apiUrl}/session`, { method: 'POST', headers: bearer() });
    expect(session.status).toBe(200);
    const cookie = session.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toContain(t.info.token);
    const withCookie = await get('/api/deliveries', { Cookie: cookie.split(';')[0] });
    expect(withCookie.status).toBe(200);
    expect((await fetch(`${t.info.apiUrl}/session`, { method: 'POST' })).status).toBe(401);
  });

  it('serves an OpenAPI document generated from the schemas', async () => {
    const doc = await (await fetch(`${t.info.apiUrl}/openapi.json`)).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/health', '/api/deliveries', '/api/deliveries/{id}', '/api/inboxes', '/api/inboxes/{id}']),
    );
    const list = doc.paths['/api/deliveries'].get;
    expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['direction', 'inbox', 'before', 'limit']));
    expect(doc.paths['/api/inboxes'].post.requestBody.content['application/json'].schema.required).toContain('name');
  });
});
