import { describe, expect, it } from 'vitest';
import type { SignatureSettings } from '../../shared/api/signatures.js';
import { secretHint } from '../../shared/api/signatures.js';
import { describeSignatureSettings, signatureDraft, signaturePatch } from '../../renderer/src/model/inboxes/signature-settings-draft.js';
import { schemeFacts } from '../../renderer/src/model/signatures/scheme-facts.js';

const AUTO: SignatureSettings = { scheme: 'auto', custom: null, secrets: [] };

describe('the signature settings form', () => {
  it('sends the scheme alone when nothing else changed, and a new secret when one is typed', () => {
    expect(signaturePatch({ ...signatureDraft(AUTO), scheme: 'stripe' })).toEqual({ ok: true, patch: { scheme: 'stripe' } });
    expect(signaturePatch({ ...signatureDraft(AUTO), newSecret: 'whsec_abc' })).toEqual({
      ok: true,
      patch: { scheme: 'auto', secret: 'whsec_abc' },
    });
  });

  it('refuses a secret pasted with whitespace around it', () => {
    const parsed = signaturePatch({ ...signatureDraft(AUTO), newSecret: ' whsec_abc\n' });
    expect(parsed).toMatchObject({ ok: false, message: expect.stringMatching(/whitespace/) });
  });

  it('checks a custom scheme with the same schema as the engine, naming the field to fix', () => {
    const draft = { ...signatureDraft(AUTO), scheme: 'custom' as const, header: 'X-Acme-Signature', template: '{timestamp}.{body}' };
    expect(signaturePatch(draft)).toMatchObject({ ok: false, message: expect.stringMatching(/timestampHeader/) });
    const fixed = signaturePatch({ ...draft, timestampHeader: 'X-Acme-Time', algorithm: 'sha512', encoding: 'base64' });
    expect(fixed).toMatchObject({
      ok: true,
      patch: {
        scheme: 'custom',
        custom: { header: 'X-Acme-Signature', timestampHeader: 'X-Acme-Time', algorithm: 'sha512', encoding: 'base64' },
      },
    });
    expect(signaturePatch({ ...draft, header: 'X Acme' })).toMatchObject({ ok: false, message: expect.stringMatching(/header/) });
  });

  it('reads a saved custom scheme back into the form', () => {
    const custom = {
      header: 'X-Sig',
      prefix: 'v1=',
      algorithm: 'sha1',
      encoding: 'hex',
      template: '{body}',
      secretEncoding: 'text',
      toleranceSeconds: 300,
    } as const;
    expect(signatureDraft({ scheme: 'custom', custom, secrets: [] })).toMatchObject({
      scheme: 'custom',
      header: 'X-Sig',
      prefix: 'v1=',
      algorithm: 'sha1',
    });
  });

  it('says in one line which scheme checks the deliveries and how many secrets there are', () => {
    expect(describeSignatureSettings(AUTO)).toMatch(/^Auto: .*no secret set/);
    const rotating: SignatureSettings = {
      scheme: 'github',
      custom: null,
      secrets: [
        { role: 'current', hint: secretHint('new-secret-1234'), length: 15 },
        { role: 'previous', hint: secretHint('old-secret-5678'), length: 15 },
      ],
    };
    expect(describeSignatureSettings(rotating)).toBe(
      'Every delivery is checked as GitHub; two secrets (rotation open: the previous one still verifies).',
    );
  });
});

describe('secret hints', () => {
  it('keep whsec_ and the last four characters, and show nothing of a short secret', () => {
    expect(secretHint('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')).toBe('whsec_••••••••LaSw');
    expect(secretHint('short')).toBe('••••••••');
  });
});

describe('scheme facts for the Signature tab', () => {
  it("name each built-in scheme's header, and a custom one's from its description", () => {
    expect(schemeFacts('stripe')).toMatchObject({ header: 'Stripe-Signature', signedString: '<t>.<raw body bytes>' });
    expect(schemeFacts('custom')).toBeNull();
    const custom = {
      header: 'X-Sig',
      prefix: 'sha512=',
      algorithm: 'sha512',
      encoding: 'base64',
      template: '{id}.{body}',
      secretEncoding: 'text',
      toleranceSeconds: 300,
    } as const;
    expect(schemeFacts('custom', custom)).toEqual({
      header: 'X-Sig',
      signedString: '{id}.{body}',
      digest: 'HMAC-SHA-512, base64 (sha512=)',
    });
  });
});
