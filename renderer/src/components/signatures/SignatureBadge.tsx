import type { SchemeName } from '../../../../shared/api/signatures.js';
import { verdictCue, type SignatureVerdict } from '../../model/common/signature-verdict.js';
import { schemeLabel } from '../../model/signatures/signature-diagnosis.js';
import { SignatureIcon } from './SignatureIcon.js';
import './SignatureBadge.css';

interface SignatureBadgeProps {
  verdict: SignatureVerdict;
  /** `long` says "Valid signature" instead of "valid", for the detail. */
  long?: boolean;
  size?: 'row' | 'large';
  /** The scheme it was checked with; named on the badge unless it is InboundFlow's, the product's own. */
  scheme?: SchemeName | null;
}

/** A signature verdict as colour, shape and words together, never colour alone, with the scheme it was checked with. */
export function SignatureBadge({ verdict, long = false, size = 'row', scheme = null }: SignatureBadgeProps) {
  const cue = verdictCue(verdict);
  const named = scheme && scheme !== 'inboundflow' ? schemeLabel(scheme) : null;
  return (
    <span
      className={`signature-badge signature-badge--${verdict} signature-badge--${size}`}
      title={scheme ? `${schemeLabel(scheme)}: ${cue.label}` : cue.label}
      data-testid="signature-badge"
      data-verdict={verdict}
      data-scheme={scheme ?? ''}
    >
      <SignatureIcon shape={cue.shape} size={size === 'large' ? 18 : 14} />
      {named && <span className="signature-badge__scheme">{named}</span>}
      <span className="signature-badge__text">{long ? cue.label : cue.short}</span>
    </span>
  );
}
