import type { DeliveryRecord } from '../../../../shared/api/deliveries.js';
import { explainDuplicate, type DuplicateExplanation, type ReceivedCopy } from '../../../../shared/inboundflow/duplicate-delivery.js';

/** The record as the duplicate rule reads it: headers, and the body in its encoded form when it came inline. */
export function receivedCopy(record: DeliveryRecord): ReceivedCopy {
  const body = record.body.encoding === 'deferred' ? null : `${record.body.encoding}:${record.body.data}`;
  return { headers: record.headers, body };
}

/** Why this delivery_id arrived again, from the first delivery that carried it and this one. */
export function duplicateExplanation(first: DeliveryRecord, duplicate: DeliveryRecord): DuplicateExplanation {
  return explainDuplicate(receivedCopy(first), receivedCopy(duplicate));
}
