import type { z } from 'zod';
import type { SignatureVerdict as SignatureVerdictSchema } from '../../../../shared/api/deliveries.js';

export type SignatureVerdict = z.infer<typeof SignatureVerdictSchema>;

/** A shape drawn with the verdict so it reads without colour (shield with a check, a cross, dashed, a key). */
export type VerdictShape = 'shield-check' | 'shield-cross' | 'shield-dashed' | 'key';

export interface VerdictCue {
  verdict: SignatureVerdict;
  /** One or two words, for the list row badge. */
  short: string;
  /** What the verdict means, for titles, the filter and the detail. */
  label: string;
  shape: VerdictShape;
}

export const SIGNATURE_VERDICTS: readonly SignatureVerdict[] = ['valid', 'invalid', 'unsigned', 'no_secret'];

const CUES: Record<SignatureVerdict, Omit<VerdictCue, 'verdict'>> = {
  valid: { short: 'valid', label: 'Valid signature', shape: 'shield-check' },
  invalid: { short: 'invalid', label: 'Invalid signature', shape: 'shield-cross' },
  unsigned: { short: 'unsigned', label: 'Not signed', shape: 'shield-dashed' },
  no_secret: { short: 'no secret', label: 'Not checked: no secret set', shape: 'key' },
};

export function verdictCue(verdict: SignatureVerdict): VerdictCue {
  return { verdict, ...CUES[verdict] };
}

/** Labels for the list filter, which also says where non-InboundFlow rows go (nowhere). */
export const VERDICT_FILTER_LABELS: Record<SignatureVerdict, string> = {
  valid: 'Signature valid',
  invalid: 'Signature invalid',
  unsigned: 'Unsigned',
  no_secret: 'No secret set',
};
