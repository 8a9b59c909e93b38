import { verdictCue, type SignatureVerdict } from '../../model/common/signature-verdict.js';
import { SignatureIcon } from './SignatureIcon.js';
import './SignatureBadge.css';

interface SignatureBadgeProps {
  verdict: SignatureVerdict;
  /** `long` says "Valid signature" instead of "valid", for the detail. */
  long?: boolean;
  size?: 'row' | 'large';
}

/** The InboundFlow signature verdict as colour, shape and words together, never colour alone. */
export function SignatureBadge({ verdict, long = false, size = 'row' }: SignatureBadgeProps) {
  const cue = verdictCue(verdict);
  return (
    <span
      className={`signature-badge signature-badge--${verdict} signature-badge--${size}`}
      title={cue.label}
      data-testid="signature-badge"
      data-verdict={verdict}
    >
      <SignatureIcon shape={cue.shape} size={size === 'large' ? 18 : 14} />
      <span className="signature-badge__text">{long ? cue.label : cue.short}</span>
    </span>
  );
}
