import { CAUSE_TITLES, type SignatureDiagnosis } from '../../model/signatures/signature-diagnosis.js';
import { SignatureBadge } from './SignatureBadge.js';

/** The verdict, what explains it in plain words, and the one thing to do about it. */
export function SignatureVerdictCard({ diagnosis, showFix = true }: { diagnosis: SignatureDiagnosis; showFix?: boolean }) {
  const { verdict, cause, reason, fix } = diagnosis;
  // "no_secret" as a cause only restates the verdict.
  const causeTitle = cause && cause !== 'no_secret' ? CAUSE_TITLES[cause] : null;
  return (
    <section className={`verdict-card verdict-card--${verdict}`} aria-label="Signature verdict" data-testid="signature-verdict">
      <div className="verdict-card__head">
        <SignatureBadge verdict={verdict} long size="large" scheme={diagnosis.scheme} />
        {causeTitle && (
          <span className="verdict-card__cause" data-testid="signature-cause" data-cause={cause}>
            {causeTitle}
          </span>
        )}
      </div>
      <p className="verdict-card__reason" data-testid="signature-reason">
        {reason}
      </p>
      {fix && showFix && (
        <p className="verdict-card__fix" data-testid="signature-fix">
          <span className="verdict-card__fix-label">{verdict === 'valid' ? 'Worth knowing' : 'Fix'}</span>
          <span>{fix}</span>
        </p>
      )}
    </section>
  );
}
