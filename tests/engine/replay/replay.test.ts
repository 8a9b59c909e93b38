import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sign } from '../../../shared/inboundflow/signature.js';
import { portOf, rawRequest } from '../../support/raw-http.js';
import { startTestEngine, type TestEngine } from '../../support/test-engine.js';
import { closedPort, startHandler, withoutConnection, type Handler } from '../forward/support/handler-server.js';

const { verifyWebhook } = createRequire(import.meta.url)('../../shared/inboundflow/docs-verify-webhook.cjs') as {
  verifyWebhook: (body: unknown, timestamp: string, signature: string, secret: string) => boolean;
};

const SECRET = 'whsec_replay_test';
const OLD_TIMESTAMP = 1709064000;

const header = (headers: [string, string][], name: string) => headers.find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];

describe('replay', () => {
  let t: TestEngine;
  let handler: Handler;
  let port: number;
  const json = (body: unknown, method = 'POST') => ({
    method,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const replay = (id: string, body: unknown) => t.api(`/api/deliveries/${id}/replay`, json(body));
  const replayOk = async (id: string, body: unknown) => {
    const res = await replay(id, body);
    expect(res.status).toBe(200);
    return res.json();
  };

  /** An InboundFlow delivery as the platform sends it, signed long ago; returns its id. */
  async function inboundFlowDelivery(slug: string): Promise<{ id: string; body: string }> {
    const body = JSON.stringify({
      event: 'call.completed',
      timestamp: '2026-02-24T21:00:00.000Z',
      organization_id: 'org-1',
      delivery_id: 'dlv-42',
      data: {
        call_id: 'c1',
        caller_phone: null,
        duration_seconds: 5,
        summary: 's',
        started_at: '2026-02-24T20:59:00Z',
        ended_at: '2026-02-24T21:00:00Z',
      },
    });
    const res = await fetch(`${t.info.httpUrl}/i/${slug}/`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-InboundFlow-Event': 'call.completed',
        'X-InboundFlow-Delivery-Id': 'dlv-42',
        'X-InboundFlow-Timestamp': String(OLD_TIMESTAMP),
        'User-Agent': 'InboundFlow-Webhook/1.0',
        'X-InboundFlow-Signature': sign(SECRET, OLD_TIMESTAMP, body),
      },
      body,
    });
    return { id: (await res.json()).id, body };
  }

  beforeAll(async () => {
    t = await startTestEngine();
    port = portOf(t.info.httpUrl);
    handler = await startHandler(() => ({ status: 200, headers: [['Content-Type', 'text/plain']], body: 'got it' }));
    await t.apiJson('/api/inboxes', json({ name: 'signed', slug: 'signed', secret: SECRET }));
  });
  afterAll(async () => {
    await handler.close();
    await t.stop();
  });

  it('exact: the target gets the original method, headers and bytes, and the replay is stored as an outgoing delivery', async () => {
    const body = Buffer.from([0x00, 0x01, 0xfe, 0xff, 0x0d, 0x0a, 0x41]);
    const head = [
      `PATCH /i/signed/hooks/x?q=1&q=2 HTTP/1.1`,
      `Host: 127.0.0.1:${port}`,
      'X-Case: Kept',
      'x-dup: 1',
      'X-Dup: 2',
      'Content-Type: application/octet-stream',
      `Content-Length: ${body.byteLength}`,
    ];
    const sent = await rawRequest(port, Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1'), body]));
    const { id } = JSON.parse(sent.body.toString());

    const result = await replayOk(id, { target: `${handler.url}/base`, mode: 'exact' });
    const seen = handler.requests.at(-1)!;
    expect(seen.method).toBe('PATCH');
    expect(seen.url).toBe('/base/hooks/x?q=1&q=2');
    expect(seen.body.equals(body)).toBe(true);
    expect(withoutConnection(seen.headers)).toEqual([
      ['Host', `127.0.0.1:${handler.port}`],
      ['X-Case', 'Kept'],
      ['x-dup', '1'],
      ['X-Dup', '2'],
      ['Content-Type', 'application/octet-stream'],
      ['Content-Length', String(body.byteLength)],
    ]);

    expect(result).toMatchObject({
      replay_of: id,
      url: `${handler.url}/base/hooks/x?q=1&q=2`,
      mode: 'exact',
      outcome: 'sent',
      status: 200,
      error: null,
    });
    expect(result.response.body).toMatchObject({ encoding: 'utf8', data: 'got it' });
    const record = await t.apiJson(`/api/deliveries/${result.id}`);
    expect(record).toMatchObject({
      direction: 'out',
      via: 'replay',
      replay_of: id,
      url: result.url,
      method: 'PATCH',
      path: '/base/hooks/x?q=1&q=2',
    });
    expect(Buffer.from(record.body.data, 'base64').equals(body)).toBe(true);
    expect(record.response).toMatchObject({ status: 200, body: { data: 'got it' } });
    expect(record.answer).toMatchObject({ source: 'replay', outcome: 'sent', mode: 'exact', edited: false, target: result.url });
  });

  it('exact keeps the original signature and timestamp byte for byte', async () => {
    const original = await inboundFlowDelivery('signed');
    await replayOk(original.id, { target: handler.url });
    const seen = handler.requests.at(-1)!;
    expect(seen.body.toString()).toBe(original.body);
    expect(header(seen.headers, 'X-InboundFlow-Timestamp')).toBe(String(OLD_TIMESTAMP));
    expect(header(seen.headers, 'X-InboundFlow-Signature')).toBe(sign(SECRET, OLD_TIMESTAMP, original.body));
  });

  it("resign: a new timestamp and a signature the docs' verifier accepts, with the same delivery_id", async () => {
    const original = await inboundFlowDelivery('signed');
    const before = Math.floor(Date.now() / 1000);
    await replayOk(original.id, { target: handler.url, mode: 'resign' });
    const seen = handler.requests.at(-1)!;
    const timestamp = header(seen.headers, 'X-InboundFlow-Timestamp')!;
    const signature = header(seen.headers, 'X-InboundFlow-Signature')!;
    expect(Number(timestamp)).toBeGreaterThanOrEqual(before);
    expect(seen.body.toString()).toBe(original.body);
    expect(verifyWebhook(JSON.parse(seen.body.toString()), timestamp, signature, SECRET)).toBe(true);
    expect(header(seen.headers, 'X-InboundFlow-Delivery-Id')).toBe('dlv-42');
    expect(JSON.parse(seen.body.toString()).delivery_id).toBe('dlv-42');
    // The headers keep their places and spelling: only the two values changed.
    const stored = await t.apiJson(`/api/deliveries/${original.id}`);
    const sent = withoutConnection(stored.headers);
    const changed = (name: string) => ['host', 'x-inboundflow-timestamp', 'x-inboundflow-signature'].includes(name.toLowerCase());
    expect(withoutConnection(seen.headers).filter(([name]) => !changed(name))).toEqual(sent.filter(([name]) => !changed(name)));
    expect(withoutConnection(seen.headers).map(([name]) => name)).toEqual(sent.map(([name]) => name));
  });

  it('resign with a given secret, and an edited body and headers that still verify', async () => {
    const original = await inboundFlowDelivery('signed');
    const envelope = JSON.parse(original.body);
    envelope.data.summary = 'edited in the replay dialog';
    const edited = JSON.stringify(envelope);
    const result = await replayOk(original.id, {
      target: handler.url,
      mode: 'resign',
      secret: 'another-secret',
      edits: {
        body: edited,
        headers: [
          ['Content-Type', 'application/json'],
          ['X-InboundFlow-Delivery-Id', 'dlv-42'],
          ['X-Edited', 'yes'],
        ],
      },
    });
    const seen = handler.requests.at(-1)!;
    expect(seen.body.toString()).toBe(edited);
    expect(header(seen.headers, 'X-Edited')).toBe('yes');
    expect(header(seen.headers, 'X-InboundFlow-Delivery-Id')).toBe('dlv-42');
    expect(
      verifyWebhook(
        JSON.parse(edited),
        header(seen.headers, 'X-InboundFlow-Timestamp')!,
        header(seen.headers, 'X-InboundFlow-Signature')!,
        'another-secret',
      ),
    ).toBe(true);
    expect((await t.apiJson(`/api/deliveries/${result.id}`)).answer).toMatchObject({ mode: 'resign', edited: true });
  });

  it("replays to the inbox's forward_to by default", async () => {
    await t.apiJson('/api/inboxes', json({ name: 'fwd', slug: 'fwd', forward_to: `${handler.url}/from-inbox` }));
    // Forwarding happens once on arrival; the replay sends it a second time.
    expect(await (await fetch(`${t.info.httpUrl}/i/fwd/again`, { method: 'POST', body: 'twice' })).text()).toBe('got it');
    const { id } = (await t.apiJson('/api/deliveries?inbox=fwd')).items[0];
    const result = await replayOk(id, {});
    expect(result.url).toBe(`${handler.url}/from-inbox/again`);
    expect(handler.requests.slice(-2).map((r) => [r.url, r.body.toString()])).toEqual([
      ['/from-inbox/again', 'twice'],
      ['/from-inbox/again', 'twice'],
    ]);
  });

  it('stores a replay whose target is down, and says why', async () => {
    const { id } = await (await fetch(`${t.info.httpUrl}/`, { method: 'POST', body: 'x' })).json();
    const down = await closedPort();
    const result = await replayOk(id, { target: `http://127.0.0.1:${down}/` });
    expect(result).toMatchObject({ outcome: 'failed', status: null, response: null, error: { code: 'refused' } });
    expect((await t.apiJson(`/api/deliveries/${result.id}`)).answer).toMatchObject({ outcome: 'failed', error: { code: 'refused' } });
  });

  it('lists the replays of a delivery, newest first, by replay_of= or replay_of: in a search', async () => {
    const original = await inboundFlowDelivery('signed');
    const other = await inboundFlowDelivery('signed');
    const first = await replayOk(original.id, { target: handler.url, mode: 'exact' });
    await replayOk(other.id, { target: handler.url, mode: 'exact' });
    const second = await replayOk(original.id, { target: handler.url, mode: 'resign' });

    const byParam = await t.apiJson(`/api/deliveries?replay_of=${original.id}`);
    expect(byParam.items.map((d: { id: string }) => d.id)).toEqual([second.id, first.id]);
    const bySearch = await t.apiJson(`/api/deliveries?q=${encodeURIComponent(`replay_of:${original.id}`)}`);
    expect(bySearch.items.map((d: { id: string }) => d.id)).toEqual([second.id, first.id]);
    expect((await t.apiJson(`/api/deliveries?replay_of=${second.id}`)).items).toEqual([]);
    // The plan uses the partial index, not a scan of every delivery.
    const plan = t.engine.store.db
      .prepare('EXPLAIN QUERY PLAN SELECT seq FROM deliveries d WHERE d.replay_of = ? ORDER BY seq DESC')
      .all('x') as Array<{ detail: string }>;
    expect(plan.map((row) => row.detail).join(' ')).toContain('deliveries_by_replay_of');
  });

  it('refuses what it cannot do, with a reason', async () => {
    const { id } = await (await fetch(`${t.info.httpUrl}/`, { method: 'POST', body: 'x' })).json();
    const noTarget = await replay(id, {});
    expect(noTarget.status).toBe(400);
    expect((await noTarget.json()).error).toBe('no_target');
    const noSecret = await replay(id, { target: handler.url, mode: 'resign' });
    expect(noSecret.status).toBe(400);
    expect((await noSecret.json()).message).toMatch(/Re-signing needs a secret/);
    expect((await replay('dlv_missing', { target: handler.url })).status).toBe(404);
    expect((await replay(id, { target: 'not a url' })).status).toBe(400);
  });
});
