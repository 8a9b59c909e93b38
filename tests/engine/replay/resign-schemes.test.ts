import { verify as verifyGithub } from '@octokit/webhooks-methods';
import Stripe from 'stripe';
import { Webhook } from 'standardwebhooks';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryRecord } from '../../../shared/api/deliveries.js';
import type { ReplayResult } from '../../../shared/api/replays.js';
import { BUILT_IN_SCHEMES } from '../../../shared/signatures/registry.js';
import type { SchemeName } from '../../../shared/signatures/scheme.js';
import { startTestEngine, type TestEngine } from '../../support/test-engine.js';
import { startHandler, type SeenRequest } from '../forward/support/handler-server.js';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const json = { 'Content-Type': 'application/json' };
let t: TestEngine;
let handler: Awaited<ReturnType<typeof startHandler>>;

beforeAll(async () => {
  t = await startTestEngine();
  handler = await startHandler();
  await t.apiJson('/api/inboxes', { method: 'POST', body: JSON.stringify({ name: 'Senders', slug: 'senders' }), headers: json });
  await t.apiJson('/api/inboxes/senders/signature', { method: 'PATCH', body: JSON.stringify({ secret: SECRET }), headers: json });
});
afterAll(async () => {
  await handler.close();
  await t.stop();
});

const header = (seen: SeenRequest, name: string) => seen.headers.find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1] ?? '';

/** A delivery signed by `scheme` as its sender would, then replayed re-signed with an edited body; the request the handler got. */
async function resignedReplay(name: Exclude<SchemeName, 'custom'>): Promise<{ seen: SeenRequest; body: string }> {
  const url = `${t.info.httpUrl}/i/senders/hook`;
  const signed = BUILT_IN_SCHEMES[name].sign({
    secret: SECRET,
    rawBody: '{"amount":100}',
    timestamp: Math.floor(Date.now() / 1000),
    id: 'msg_1',
    url,
    contentType: 'application/json',
  });
  if (!signed.ok) throw new Error(signed.reason);
  const res = await fetch(signed.url ?? url, {
    method: 'POST',
    body: '{"amount":100}',
    headers: [...signed.headers, ['Content-Type', 'application/json']],
  });
  const original = await t.apiJson<DeliveryRecord>(`/api/deliveries/${(await res.json()).id}`);
  expect(original.signature).toMatchObject({ scheme: name, verdict: 'valid' });
  const before = handler.requests.length;
  const body = '{"amount":250,"edited":true}';
  await t.apiJson<ReplayResult>(`/api/deliveries/${original.id}/replay`, {
    method: 'POST',
    body: JSON.stringify({ target: handler.url, mode: 'resign', edits: { body } }),
    headers: json,
  });
  await handler.received(before + 1);
  return { seen: handler.requests[before], body };
}

describe("replay's re-sign uses the delivery's scheme and the inbox's current secret", () => {
  it('Stripe: constructEvent accepts the edited replay', async () => {
    const { seen, body } = await resignedReplay('stripe');
    const event = new Stripe('sk_test_x').webhooks.constructEvent(seen.body, header(seen, 'Stripe-Signature'), SECRET);
    expect(event).toMatchObject({ amount: 250, edited: true });
    expect(seen.body.toString()).toBe(body);
  });

  it('GitHub: @octokit/webhooks-methods verifies the edited replay', async () => {
    const { seen } = await resignedReplay('github');
    expect(await verifyGithub(SECRET, seen.body.toString(), header(seen, 'X-Hub-Signature-256'))).toBe(true);
  });

  it('Standard Webhooks: the standardwebhooks library verifies it, with the same message id', async () => {
    const { seen } = await resignedReplay('standard-webhooks');
    const headers = Object.fromEntries(seen.headers.map(([key, value]) => [key.toLowerCase(), value]));
    expect(new Webhook(SECRET.slice('whsec_'.length)).verify(seen.body.toString(), headers)).toMatchObject({ amount: 250 });
    expect(headers['webhook-id']).toBe('msg_1');
  });

  it("Twilio: validateRequestWithBody accepts it at the handler's URL, with the new body's bodySHA256", async () => {
    const { seen } = await resignedReplay('twilio');
    const url = handler.url + seen.url;
    expect(new URL(url).searchParams.getAll('bodySHA256')).toHaveLength(1);
    expect(twilio.validateRequestWithBody(SECRET, header(seen, 'X-Twilio-Signature'), url, seen.body.toString())).toBe(true);
  });
});
