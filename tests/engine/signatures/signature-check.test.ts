import { describe, expect, it } from 'vitest';
import { requestUrls } from '../../../electron/engine/receiver/request-urls.js';
import type { CapturedRequest } from '../../../electron/engine/inbound/captured-request.js';
import { signatureCheckFor } from '../../../electron/engine/signatures/signature-check.js';
import { BUILT_IN_SCHEMES } from '../../../shared/signatures/registry.js';

const TOKEN = 'twilio-auth-token';
const PUBLIC = 'https://quiet-river.trycloudflare.com';
const LOCAL = 'http://127.0.0.1:4100';
const TARGET = '/i/sms/incoming?From=1';
const FORM = 'Body=Hello&From=%2B15551234567';
const now = Date.UTC(2026, 2, 1);

/** A Twilio request as the tunnel hands it to ingest: the sender signed `signedUrl`. */
function throughTunnel(signedUrl: string): CapturedRequest {
  const signed = BUILT_IN_SCHEMES.twilio.sign({
    secret: TOKEN,
    rawBody: FORM,
    timestamp: 0,
    url: signedUrl,
    contentType: 'application/x-www-form-urlencoded',
  });
  if (!signed.ok) throw new Error(signed.reason);
  return {
    method: 'POST',
    target: TARGET,
    headers: [['Host', 'quiet-river.trycloudflare.com'], ['Content-Type', 'application/x-www-form-urlencoded'], ...signed.headers],
    body: Buffer.from(FORM),
    remoteAddress: null,
    tls: true,
    via: 'tunnel',
    receivedAt: now,
    provider: 'cloudflare',
    publicBase: PUBLIC,
  };
}

const inbox = { secret: TOKEN, previous_secret: null, signature_scheme: null, signature_custom_json: null };

function check(request: CapturedRequest) {
  return signatureCheckFor(inbox).check({
    headers: request.headers,
    body: request.body,
    receivedAt: now,
    looksLikeInboundFlow: false,
    ...requestUrls(request, LOCAL),
  });
}

describe('Twilio through a tunnel', () => {
  it('records the public URL the sender used and the local one', () => {
    expect(requestUrls(throughTunnel(PUBLIC + TARGET), LOCAL)).toEqual({ url: PUBLIC + TARGET, localUrl: LOCAL + TARGET });
  });

  it('verifies a signature over the public URL, and stores the URLs checked', () => {
    expect(check(throughTunnel(PUBLIC + TARGET))).toMatchObject({
      scheme: 'twilio',
      verdict: 'valid',
      url: PUBLIC + TARGET,
      local_url: LOCAL + TARGET,
    });
  });

  it('says so when only the local URL would match', () => {
    const verdict = check(throughTunnel(LOCAL + TARGET));
    expect(verdict).toMatchObject({ scheme: 'twilio', verdict: 'invalid', cause: 'twilio_local_url' });
    expect(verdict!.fix).toMatch(/public URL/);
  });
});

describe('the compiled check of an inbox', () => {
  it('is worked out once per version of the inbox row', () => {
    const row = { ...inbox };
    expect(signatureCheckFor(row)).toBe(signatureCheckFor(row));
    expect(signatureCheckFor({ ...row, secret: 'rotated' })).not.toBe(signatureCheckFor(row));
  });

  it('checks nothing under auto when no scheme header is there, unless the body is InboundFlow', () => {
    const plain = { headers: [] as [string, string][], body: Buffer.from('{}'), receivedAt: now, url: null, localUrl: null };
    expect(signatureCheckFor(inbox).check({ ...plain, looksLikeInboundFlow: false })).toBeNull();
    expect(signatureCheckFor(inbox).check({ ...plain, looksLikeInboundFlow: true })).toMatchObject({
      scheme: 'inboundflow',
      verdict: 'unsigned',
    });
  });
});
