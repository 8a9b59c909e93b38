import { useEffect, useState } from 'react';
import type { DeliveryRecord } from '../../../../shared/api/deliveries.js';
import type { DuplicateExplanation } from '../../../../shared/inboundflow/duplicate-delivery.js';
import { useWorkbench } from '../../model/common/workbench-context.js';
import { duplicateExplanation } from '../../model/delivery/duplicate-of.js';
import { DeliveryLink } from '../common/DeliveryLink.js';
import './DuplicateNote.css';

/**
 * A received delivery whose delivery_id this inbox saw before: a link to the first, and how this
 * one came about (an exact repeat, a redelivery, or a different body under the same id).
 */
export function DuplicateNote({ record }: { record: DeliveryRecord }) {
  const { records } = useWorkbench();
  const firstId = record.duplicate_of ?? null;
  // Kept with the record it explains, so another record's explanation is never shown while this one loads.
  const [found, setFound] = useState<{ for: DeliveryRecord; value: DuplicateExplanation | 'gone' } | null>(null);
  const explained = found?.for === record ? found.value : null;

  useEffect(() => {
    if (!firstId) return;
    let live = true;
    records.get(firstId, undefined).then(
      (first) => live && setFound({ for: record, value: duplicateExplanation(first, record) }),
      () => live && setFound({ for: record, value: 'gone' }),
    );
    return () => {
      live = false;
    };
  }, [records, firstId, record]);

  if (!firstId) return null;
  return (
    <section
      className="duplicate-note"
      aria-label="Duplicate delivery"
      data-testid="duplicate-note"
      data-kind={typeof explained === 'object' ? explained?.kind : explained}
    >
      <p className="duplicate-note__line">
        <strong>Duplicate</strong> of <DeliveryLink id={firstId} testId="duplicate-first" />: this inbox saw delivery_id{' '}
        <code>{record.delivery_id}</code> before.
      </p>
      {explained === 'gone' ? (
        <p className="duplicate-note__line muted">The first delivery is no longer stored.</p>
      ) : (
        explained && <p className="duplicate-note__line">{explained.sentence}</p>
      )}
    </section>
  );
}
