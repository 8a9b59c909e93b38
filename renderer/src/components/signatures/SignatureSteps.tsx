import type { SchemeFacts } from '../../model/signatures/scheme-facts.js';
import { firstDifferingIndex, splitSignedPreview, type SignatureDiagnosis } from '../../model/signatures/signature-diagnosis.js';
import { EscapedText, MarkedText } from '../common/MarkedText.js';

/** Which secret the expected signature was computed with, in words. */
function secretUsed({ verdict, cause, steps }: SignatureDiagnosis): string {
  const matchedExactly =
    verdict === 'valid' || cause === 'timestamp_too_old' || cause === 'timestamp_too_new' || cause === 'previous_secret';
  return matchedExactly && (steps.matchedSecretIndex ?? 0) > 0 ? 'the previous secret (rotation still open)' : 'the current secret';
}

/** What a scheme is called when the tab has no facts for it (a custom scheme whose description is not at hand). */
const UNKNOWN_FACTS: SchemeFacts = { header: 'the signature header', signedString: 'what the scheme signs', digest: 'HMAC' };

function compareOutcome(
  expected: string | null,
  received: string | null,
  differsAt: number | null,
  header: string,
): { text: string; tone: 'same' | 'differ' | 'none' } {
  if (received === null) return { text: `No ${header} header arrived, so there is nothing to compare.`, tone: 'none' };
  if (expected === null) return { text: 'No expected signature could be computed, so the received one cannot be checked.', tone: 'none' };
  if (differsAt === null) return { text: `Identical, all ${expected.length} characters.`, tone: 'same' };
  const lengths = expected.length === received.length ? '' : ` (${received.length} characters received, ${expected.length} expected)`;
  return { text: `They differ from character ${differsAt + 1} on${lengths}.`, tone: 'differ' };
}

/** The computation step by step: what was signed, what that gives, and how it compares with what arrived. */
export function SignatureSteps({ diagnosis, facts }: { diagnosis: SignatureDiagnosis; facts: SchemeFacts | null }) {
  const { header, signedString, digest } = facts ?? UNKNOWN_FACTS;
  const { signedStringPreview, signedStringLength, expected, received } = diagnosis.steps;
  // InboundFlow's string is "<timestamp>.<body>": its two parts are told apart; other schemes show it whole.
  const signed = signedStringPreview === null || diagnosis.scheme !== 'inboundflow' ? null : splitSignedPreview(signedStringPreview);
  const differsAt = expected !== null && received !== null ? firstDifferingIndex(expected, received) : null;
  const outcome = compareOutcome(expected, received, differsAt, header);
  return (
    <section className="sig-steps" aria-label="How the signature was checked">
      <h3 className="detail-section-title">How it was checked</h3>
      <ol>
        <li className="sig-step">
          <span className="sig-step__number" aria-hidden="true">
            1
          </span>
          <div className="sig-step__body">
            <p className="sig-step__title">
              The signed string: <code>{signedString}</code>
              {signedStringLength !== null && (
                <span className="sig-step__meta" data-testid="signed-string-length">
                  {signedStringLength.toLocaleString('en-US')} bytes
                </span>
              )}
            </p>
            {signed ? (
              <pre className="sig-step__value sig-step__signed" data-testid="signed-string">
                <span className="sig-step__timestamp" title="X-InboundFlow-Timestamp">
                  {signed.timestamp}
                </span>
                <span className="sig-step__dot">.</span>
                <EscapedText text={signed.body} />
              </pre>
            ) : signedStringPreview !== null ? (
              <pre className="sig-step__value sig-step__signed" data-testid="signed-string">
                <EscapedText text={signedStringPreview} />
              </pre>
            ) : (
              <p className="sig-step__missing">
                Cannot be built:{' '}
                {diagnosis.scheme === 'inboundflow'
                  ? 'the delivery has no single X-InboundFlow-Timestamp in unix seconds'
                  : diagnosis.reason}
              </p>
            )}
            {diagnosis.url && (
              <p className="sig-step__meta sig-step__url" data-testid="signed-url">
                Checked against the public URL the sender used: <code>{diagnosis.url}</code>
                {diagnosis.localUrl && diagnosis.localUrl !== diagnosis.url && (
                  <>
                    {' '}
                    (here it arrived as <code>{diagnosis.localUrl}</code>)
                  </>
                )}
              </p>
            )}
          </div>
        </li>
        <li className="sig-step">
          <span className="sig-step__number" aria-hidden="true">
            2
          </span>
          <div className="sig-step__body">
            <p className="sig-step__title">
              Its {digest} with {expected === null ? 'the inbox secret' : secretUsed(diagnosis)}, against <code>{header}</code>
            </p>
            <div className={`sig-compare sig-compare--${outcome.tone}`} data-testid="signature-compare">
              <span className="sig-compare__label">Expected</span>
              {expected === null ? (
                <span className="sig-compare__missing">
                  {diagnosis.verdict === 'no_secret' ? 'no secret set on this inbox' : 'not computed'}
                </span>
              ) : (
                <MarkedText value={expected} index={differsAt} testId="signature-expected" />
              )}
              <span className="sig-compare__label">Received</span>
              {received === null ? (
                <span className="sig-compare__missing">no {header} header</span>
              ) : (
                <MarkedText value={received} index={differsAt} testId="signature-received" />
              )}
            </div>
            <p className={`sig-compare__outcome sig-compare__outcome--${outcome.tone}`} data-testid="signature-compare-outcome">
              {outcome.text}
            </p>
          </div>
        </li>
      </ol>
    </section>
  );
}
