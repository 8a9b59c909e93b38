import { lazy, Suspense, useMemo } from 'react';
import type { DeliveryRecord } from '../../../../shared/api/deliveries.js';
import { readSignatureDiagnosis, schemeLabel } from '../../model/signatures/signature-diagnosis.js';
import { schemeFacts } from '../../model/signatures/scheme-facts.js';
import { useSignatureSettings } from '../../model/inboxes/use-signature-settings.js';
import { useInboxes } from '../../model/common/use-stores.js';
import { InboxSecretPanel } from './InboxSecretPanel.js';
import { ReserializationDiff } from './ReserializationDiff.js';
import { SignatureSteps } from './SignatureSteps.js';
import { SignatureVerdictCard } from './SignatureVerdictCard.js';
import { VerifySnippets } from './VerifySnippets.js';
import './SignatureTab.css';

// The snippets of every scheme are long strings: loaded when a non-InboundFlow signature is opened.
const SchemeSnippets = lazy(() => import('./SchemeSnippets.js').then((module) => ({ default: module.SchemeSnippets })));

/** The custom scheme's description, read from the inbox's setting only when the delivery was checked with one. */
function useCustomConfig(inboxId: string | null, scheme: string | undefined) {
  const [state] = useSignatureSettings(scheme === 'custom' && inboxId ? inboxId : null);
  return state.status === 'ready' ? state.settings.custom : null;
}

/** One delivery's signature, whatever its scheme: verdict and fix, the computation step by step, and code to verify it. */
export function SignatureTab({ record }: { record: DeliveryRecord }) {
  const diagnosis = useMemo(() => readSignatureDiagnosis(record.signature), [record.signature]);
  const inbox = useInboxes().inboxes.find((candidate) => candidate.id === record.inbox_id);
  const custom = useCustomConfig(record.inbox_id, diagnosis?.scheme);
  if (!diagnosis) {
    return <p className="muted">This delivery carries no signature header Hookbench recognises, so its signature was not checked.</p>;
  }
  const inboundFlow = diagnosis.scheme === 'inboundflow';
  return (
    <div
      className="signature-tab"
      data-testid="signature-tab"
      data-scheme={diagnosis.scheme}
      data-verdict={diagnosis.verdict}
      data-cause={diagnosis.cause ?? ''}
    >
      <p className="signature-tab__scheme muted" data-testid="signature-scheme">
        Checked as <strong>{schemeLabel(diagnosis.scheme)}</strong>
        {inbox && inbox.signature_scheme === 'auto' ? ', recognised from its headers' : ''}
      </p>
      {/* With no secret set, the panel below is the fix: a form to set one. */}
      <SignatureVerdictCard diagnosis={diagnosis} showFix={!(diagnosis.verdict === 'no_secret' && inbox && inboundFlow)} />
      {inbox && inboundFlow && <InboxSecretPanel record={record} diagnosis={diagnosis} inbox={inbox} />}
      <SignatureSteps diagnosis={diagnosis} facts={schemeFacts(diagnosis.scheme, custom)} />
      {diagnosis.firstDifference && <ReserializationDiff difference={diagnosis.firstDifference} cause={diagnosis.cause} />}
      {diagnosis.scheme === 'inboundflow' ? (
        <VerifySnippets />
      ) : (
        <Suspense fallback={<p className="muted">Loading the verification code…</p>}>
          <SchemeSnippets scheme={diagnosis.scheme} custom={custom} />
        </Suspense>
      )}
    </div>
  );
}
