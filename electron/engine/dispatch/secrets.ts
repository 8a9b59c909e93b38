import { randomBytes } from 'node:crypto';

/** After a rotation the previous secret stays on record this long, then is dropped. */
export const SECRET_OVERLAP_MS = 24 * 60 * 60 * 1000;

/** A new signing secret: 32 random bytes as hex, safe to paste into any handler's config. */
export function generateSecret(): string {
  return `whsec_${randomBytes(32).toString('hex')}`;
}

export interface SecretState {
  secret: string | null;
  previousSecret: string | null;
  previousSecretExpiresAt: number | null;
}

/** Setting a different secret keeps the old one for the overlap; setting the same one changes nothing. */
export function rotateSecret(current: SecretState, next: string | null, now: number): SecretState {
  if (next === current.secret) return current;
  if (current.secret === null) return { secret: next, previousSecret: null, previousSecretExpiresAt: null };
  return { secret: next, previousSecret: current.secret, previousSecretExpiresAt: now + SECRET_OVERLAP_MS };
}

/** The previous secret only while its overlap lasts. */
export function liveSecrets(state: SecretState, now: number): SecretState {
  if (state.previousSecretExpiresAt !== null && state.previousSecretExpiresAt <= now) {
    return { ...state, previousSecret: null, previousSecretExpiresAt: null };
  }
  return state;
}
