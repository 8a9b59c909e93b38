import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Relay } from '../../electron/relay/relay-server.js';
import type { DeliveryRecord } from '../../shared/api/deliveries.js';
import { BUILT_IN_SCHEMES } from '../../shared/signatures/registry.js';
import type { TestEngine } from '../support/test-engine.js';
import { startTestRelay, TOKEN_A } from './support/relay-fixture.js';
import { startTunnelEngine } from './support/tunnel-engine.js';

const TOKEN = 'twilio-auth-token-0123456789';
const FORM = 'Body=Hello&From=%2B15005550006&To=%2B15005550001';
const PATH = '/sms/incoming?tenant=7';

describe('Twilio through the tunnel', () => {
  let relay: Relay;
  let engine: TestEngine;
  let publicUrl: string;

  beforeAll(async () => {
    relay = await startTestRelay();
    ({ engine, url: publicUrl } = await startTunnelEngine(relay, TOKEN_A));
    await engine.apiJson('/api/inboxes/default/signature', {
      method: 'PATCH',
      body: JSON.stringify({ secret: TOKEN }),
      headers: { 'Content-Type': 'application/json' },
    });
  });
  afterAll(async () => {
    await engine?.stop();
    await relay?.close();
  });

  /** A form post through the tunnel's public URL, signed by Twilio's scheme over `signedUrl`; the stored record. */
  async function sendThroughTunnel(signedUrl: string): Promise<DeliveryRecord> {
    const signed = BUILT_IN_SCHEMES.twilio.sign({
      secret: TOKEN,
      rawBody: FORM,
      timestamp: 0,
      url: signedUrl,
      contentType: 'application/x-www-form-urlencoded',
    });
    if (!signed.ok) throw new Error(signed.reason);
    const res = await fetch(publicUrl + PATH, {
      method: 'POST',
      body: FORM,
      headers: [['Content-Type', 'application/x-www-form-urlencoded'], ...signed.headers],
    });
    expect(res.status).toBe(200);
    return engine.apiJson<DeliveryRecord>(`/api/deliveries/${(await res.json()).id}`);
  }

  it('checks the signature against the public URL the sender used, and records it', async () => {
    const record = await sendThroughTunnel(publicUrl + PATH);
    expect(record.via).toBe('tunnel');
    expect(record.signature).toMatchObject({
      scheme: 'twilio',
      verdict: 'valid',
      url: publicUrl + PATH,
      local_url: engine.info.httpUrl + PATH,
    });
  });

  it('says when only the local URL would match', async () => {
    const record = await sendThroughTunnel(engine.info.httpUrl + PATH);
    expect(record.signature).toMatchObject({ scheme: 'twilio', verdict: 'invalid', cause: 'twilio_local_url' });
  });
});
