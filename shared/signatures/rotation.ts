import type { CheckOptions, SignatureScheme, SignedRequest } from './scheme.js';

export type RotationOutcome = { ok: true; secretIndex: number } | { ok: false; reason: string };

/**
 * Secret rotation: a delivery is valid if any current secret verifies it, and the outcome says
 * which (0 = the newest). `secrets` newest first. When none verifies, the reason is the newest one's.
 */
export function verifyWithSecrets(
  scheme: SignatureScheme,
  request: SignedRequest,
  secrets: readonly string[],
  options: CheckOptions,
): RotationOutcome {
  const usable = (secrets ?? [])
    .map((secret, index) => ({ secret, index }))
    .filter(({ secret }) => typeof secret === 'string' && secret !== '');
  if (usable.length === 0) return { ok: false, reason: `No ${scheme.label} signing secret is configured.` };
  let firstReason: string | null = null;
  for (const { secret, index } of usable) {
    const outcome = scheme.verify(request, secret, options);
    if (outcome.ok) return { ok: true, secretIndex: index };
    firstReason ??= outcome.reason;
  }
  return { ok: false, reason: firstReason ?? 'No secret verifies the signature.' };
}
