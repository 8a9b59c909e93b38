import { describe, expect, it } from 'vitest';
import { generateSecret, liveSecrets, rotateSecret, SECRET_OVERLAP_MS } from '../../../electron/engine/dispatch/secrets.js';

describe('signing secrets', () => {
  it('generates long random secrets', () => {
    const a = generateSecret();
    expect(a).toMatch(/^whsec_[0-9a-f]{64}$/);
    expect(generateSecret()).not.toBe(a);
  });

  it('keeps the previous secret for 24 hours after a rotation, then drops it', () => {
    const rotated = rotateSecret({ secret: 'old', previousSecret: null, previousSecretExpiresAt: null }, 'new', 1_000);
    expect(rotated).toEqual({ secret: 'new', previousSecret: 'old', previousSecretExpiresAt: 1_000 + SECRET_OVERLAP_MS });
    expect(SECRET_OVERLAP_MS).toBe(24 * 60 * 60 * 1000);
    expect(liveSecrets(rotated, 1_000 + SECRET_OVERLAP_MS - 1).previousSecret).toBe('old');
    expect(liveSecrets(rotated, 1_000 + SECRET_OVERLAP_MS)).toEqual({ secret: 'new', previousSecret: null, previousSecretExpiresAt: null });
  });

  it('does not rotate to the same secret, and keeps no previous when there was none', () => {
    const state = { secret: 's', previousSecret: null, previousSecretExpiresAt: null };
    expect(rotateSecret(state, 's', 5)).toBe(state);
    expect(rotateSecret({ secret: null, previousSecret: null, previousSecretExpiresAt: null }, 'first', 5)).toEqual({
      secret: 'first',
      previousSecret: null,
      previousSecretExpiresAt: null,
    });
  });
});
