import { useMemo } from 'react';
import type { DeliveryRecord } from '../../../../shared/api/deliveries.js';
import { readSignatureDiagnosis } from '../../model/signatures/signature-diagnosis.js';
import { useInboxes } from '../../model/common/use-stores.js';
import { InboxSecretPanel } from './InboxSecretPanel.js';
import { ReserializationDiff } from './ReserializationDiff.js';
import { SignatureSteps } from './SignatureSteps.js';
import { SignatureVerdictCard } from './SignatureVerdictCard.js';
import { VerifySnippets } from './VerifySnippets.js';
import './SignatureTab.css';

/** The InboundFlow signature of one delivery: verdict and fix, what to do about the secret, the computation, and code to verify it. */
export function SignatureTab({ record }: { record: DeliveryRecord }) {
  const diagnosis = useMemo(() => readSignatureDiagnosis(record.signature), [record.signature]);
  const inbox = useInboxes().inboxes.find((candidate) => candidate.id === record.inbox_id);
  if (!diagnosis) {
    return <p className="muted">This delivery does not look like an InboundFlow delivery, so its signature was not checked.</p>;
  }
  return (
    <div className="signature-tab" data-testid="signature-tab" data-verdict={diagnosis.verdict} data-cause={diagnosis.cause ?? ''}>
      {/* With no secret set, the panel below is the fix: a form to set one. */}
      <SignatureVerdictCard diagnosis={diagnosis} showFix={!(diagnosis.verdict === 'no_secret' && inbox)} />
      {inbox && <InboxSecretPanel record={record} diagnosis={diagnosis} inbox={inbox} />}
      <SignatureSteps diagnosis={diagnosis} />
      {diagnosis.firstDifference && <ReserializationDiff difference={diagnosis.firstDifference} cause={diagnosis.cause} />}
      <VerifySnippets />
    </div>
  );
}
