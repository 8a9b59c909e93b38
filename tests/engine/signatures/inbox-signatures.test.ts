import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryList, DeliveryRecord } from '../../../shared/api/deliveries.js';
import type { SignatureSettings } from '../../../shared/api/signatures.js';
import { customScheme } from '../../../shared/signatures/custom.js';
import { parseCustomSchemeConfig } from '../../../shared/signatures/custom-config.js';
import { BUILT_IN_SCHEMES } from '../../../shared/signatures/registry.js';
import type { SignatureScheme } from '../../../shared/signatures/scheme.js';
import { startTestEngine, type TestEngine } from '../../support/test-engine.js';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const OLD_SECRET = 'whsec_b2xkLXNlY3JldC1vZi10aGUtcm90YXRpb24=';
const BODY = '{"id":"evt_1","type":"test","amount":200}';

let t: TestEngine;
const json = { 'Content-Type': 'application/json' };
const patchSignature = (slug: string, body: unknown) =>
  t.api(`/api/inboxes/${slug}/signature`, { method: 'PATCH', body: JSON.stringify(body), headers: json });

beforeAll(async () => {
  t = await startTestEngine();
  for (const slug of ['auto', 'rotated', 'custom']) {
    await t.apiJson('/api/inboxes', { method: 'POST', body: JSON.stringify({ name: slug, slug }), headers: json });
  }
  expect((await patchSignature('auto', { secret: SECRET })).status).toBe(200);
});
afterAll(() => t.stop());

/** Sends BODY signed by `scheme` with `secret` to the inbox, as the sender would, and reads the stored record back. */
async function deliver(slug: string, scheme: SignatureScheme, secret: string, body = BODY): Promise<DeliveryRecord> {
  const url = `${t.info.httpUrl}/i/${slug}/hook`;
  const signed = scheme.sign({
    secret,
    rawBody: body,
    timestamp: Math.floor(Date.now() / 1000),
    id: 'msg_1',
    url,
    contentType: 'application/json',
  });
  if (!signed.ok) throw new Error(signed.reason);
  const res = await fetch(signed.url ?? url, { method: 'POST', body, headers: [...signed.headers, ['Content-Type', 'application/json']] });
  return t.apiJson<DeliveryRecord>(`/api/deliveries/${(await res.json()).id}`);
}

describe('the signature setting of an inbox', () => {
  it('is auto by default and shows its secrets as hints, never in full', async () => {
    const fresh = await t.apiJson<SignatureSettings>('/api/inboxes/rotated/signature');
    expect(fresh).toEqual({ scheme: 'auto', custom: null, secrets: [] });
    const settings = await t.apiJson<SignatureSettings>('/api/inboxes/auto/signature');
    expect(settings.secrets).toEqual([{ role: 'current', hint: `whsec_••••••••${SECRET.slice(-4)}`, length: SECRET.length }]);
    expect(JSON.stringify(settings)).not.toContain(SECRET.slice(6, 20));
  });

  it('refuses the custom scheme without its description, and an unknown scheme', async () => {
    const missing = await patchSignature('custom', { scheme: 'custom' });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: 'custom_scheme_missing' });
    expect((await patchSignature('custom', { scheme: 'paypal' })).status).toBe(400);
  });

  it('keeps the replaced secret verifying while a rotation is open, and ends it', async () => {
    await patchSignature('rotated', { scheme: 'stripe', secret: OLD_SECRET });
    const rotated = await (await patchSignature('rotated', { secret: SECRET })).json();
    expect(rotated.secrets.map((s: { role: string }) => s.role)).toEqual(['current', 'previous']);
    const old = await deliver('rotated', BUILT_IN_SCHEMES.stripe, OLD_SECRET);
    expect(old.signature).toMatchObject({ scheme: 'stripe', verdict: 'valid', matched_secret: 1, cause: 'previous_secret' });
    const ended = await (await patchSignature('rotated', { previous_secret: null })).json();
    expect(ended.secrets).toHaveLength(1);
    expect((await deliver('rotated', BUILT_IN_SCHEMES.stripe, OLD_SECRET)).signature).toMatchObject({ verdict: 'invalid' });
  });

  it('checks every delivery with the one scheme an inbox names, a custom one included', async () => {
    const custom = {
      header: 'X-Acme-Signature',
      prefix: 'v1=',
      algorithm: 'sha512',
      encoding: 'base64',
      template: '{timestamp}:{body}',
      timestampHeader: 'X-Acme-Time',
    } as const;
    const settings = await (await patchSignature('custom', { scheme: 'custom', custom, secret: 'acme-secret' })).json();
    expect(settings).toMatchObject({ scheme: 'custom', custom: { header: 'X-Acme-Signature', algorithm: 'sha512' } });
    const parsed = parseCustomSchemeConfig(custom);
    if (!parsed.ok) throw new Error(parsed.reason);
    expect((await deliver('custom', customScheme(parsed.config), 'acme-secret')).signature).toMatchObject({
      scheme: 'custom',
      verdict: 'valid',
    });
    // A Stripe-signed delivery to an inbox on the custom scheme is not silently judged as Stripe.
    expect((await deliver('custom', BUILT_IN_SCHEMES.stripe, 'acme-secret')).signature).toMatchObject({
      scheme: 'custom',
      verdict: 'invalid',
      cause: 'other_scheme_header',
    });
  });
});

describe('verdicts stored per delivery under auto', () => {
  const schemes = ['standard-webhooks', 'stripe', 'github', 'shopify', 'slack', 'twilio', 'inboundflow'] as const;

  for (const name of schemes) {
    it(`recognises ${name} and stores its verdict with the scheme's name`, async () => {
      const record = await deliver('auto', BUILT_IN_SCHEMES[name], SECRET);
      expect(record).toMatchObject({ signature_verdict: 'valid', signature_scheme: name });
      expect(record.signature).toMatchObject({ scheme: name, verdict: 'valid', matched_secret: 0 });
    });
  }

  it('stores the diagnosis of a wrong secret, with expected against received', async () => {
    const record = await deliver('auto', BUILT_IN_SCHEMES.github, 'not-the-secret');
    expect(record.signature).toMatchObject({ scheme: 'github', verdict: 'invalid', cause: 'signature_mismatch' });
    expect(record.signature!.first_difference).not.toBeNull();
    expect(record.signature!.fix).toMatch(/\S/);
  });

  it('stores no verdict for a request that carries no signature scheme', async () => {
    const res = await fetch(`${t.info.httpUrl}/i/auto/plain`, { method: 'POST', body: '{"a":1}', headers: json });
    const record = await t.apiJson<DeliveryRecord>(`/api/deliveries/${(await res.json()).id}`);
    expect(record).toMatchObject({ signature: null, signature_verdict: null, signature_scheme: null });
  });

  it('filters the list by scheme and verdict together, in the search box and as parameters', async () => {
    await deliver('auto', BUILT_IN_SCHEMES.stripe, 'wrong-secret');
    const search = await t.apiJson<DeliveryList>(`/api/deliveries?inbox=auto&q=${encodeURIComponent('scheme:stripe signature:invalid')}`);
    expect(search.items.length).toBeGreaterThan(0);
    expect(search.items.every((d) => d.signature_scheme === 'stripe' && d.signature_verdict === 'invalid')).toBe(true);
    const params = await t.apiJson<DeliveryList>('/api/deliveries?inbox=auto&scheme=stripe&signature=invalid');
    expect(params.items.map((d) => d.id)).toEqual(search.items.map((d) => d.id));
    const github = await t.apiJson<DeliveryList>('/api/deliveries?inbox=auto&scheme=github');
    expect(new Set(github.items.map((d) => d.signature_scheme))).toEqual(new Set(['github']));
    expect((await t.api('/api/deliveries?q=scheme:paypal')).status).toBe(400);
  });
});
