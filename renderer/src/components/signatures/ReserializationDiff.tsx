import type { FirstDifference } from '../../../../shared/inboundflow/reserialization.js';
import { firstDifferingIndex, type SignatureDiagnosis } from '../../model/signatures/signature-diagnosis.js';
import { MarkedText } from '../common/MarkedText.js';

function explain(cause: SignatureDiagnosis['cause']): string {
  if (cause === 'signed_reserialized_body') {
    return 'The signature matches the re-serialized form, not the bytes that arrived: the sender, or a proxy in between, reformatted the JSON after signing it.';
  }
  if (cause === 'reserialized_body_differs') {
    return "Hookbench checks the raw bytes, so the signature holds. A handler that verifies JSON.stringify(req.body), like the docs' sample, computes over the second line and rejects it.";
  }
  return 'The raw body is not in JSON.stringify form. That only matters to a handler that re-serializes the JSON before verifying; InboundFlow signs the raw bytes.';
}

/** Where the raw body parts from JSON.stringify(JSON.parse(body)), both excerpts with the first differing character marked. */
export function ReserializationDiff({ difference, cause }: { difference: FirstDifference; cause: SignatureDiagnosis['cause'] }) {
  // Both excerpts start at the same byte (everything before the offset is identical), so their first differing character lines up.
  const differsAt = firstDifferingIndex(difference.raw, difference.reserialized);
  return (
    <section className="reserialize" aria-label="Raw body versus re-serialized JSON" data-testid="reserialization-diff">
      <h3 className="detail-section-title">Raw body vs JSON.stringify(JSON.parse(body))</h3>
      <p className="reserialize__explain">
        They part at <strong>byte {difference.offset.toLocaleString('en-US')}</strong>. {explain(cause)}
      </p>
      <div className="sig-compare sig-compare--differ">
        <span className="sig-compare__label">Raw bytes</span>
        <MarkedText value={difference.raw} index={differsAt} escapes testId="reserialize-raw" />
        <span className="sig-compare__label">Re-serialized</span>
        <MarkedText value={difference.reserialized} index={differsAt} escapes testId="reserialize-reserialized" />
      </div>
    </section>
  );
}
