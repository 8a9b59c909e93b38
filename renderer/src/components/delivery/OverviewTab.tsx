import { useMemo } from 'react';
import type { DeliveryRecord } from '../../../../shared/api/deliveries.js';
import { INBOUNDFLOW_EVENT_MAX_SIZE, readInboundFlowEvent } from '../../model/delivery/inboundflow-event.js';
import { useDeliveryBody } from '../../model/delivery/use-delivery-body.js';
import { DeliveryAnswerCard } from './DeliveryAnswerCard.js';
import { DeliveryFacts } from './DeliveryFacts.js';
import { DispatchAttempts } from './DispatchAttempts.js';
import { DuplicateNote } from './DuplicateNote.js';
import { InboundFlowCard } from './InboundFlowCard.js';
import { ReplayHistory } from './ReplayHistory.js';
import { SchemaCheck } from './SchemaCheck.js';

/** The domain view first (when the body is an InboundFlow event), its schema check, then the raw facts of the request. */
export function OverviewTab({ record }: { record: DeliveryRecord }) {
  // A deferred body is fetched for the card only when it can be an event: one was found in it on arrival, and it is not too big.
  const mayBeEvent = record.event !== null && record.body.size <= INBOUNDFLOW_EVENT_MAX_SIZE;
  const body = useDeliveryBody(record.id, 'request', record.body, mayBeEvent);
  const ready = body.status === 'ready' ? body.body : null;
  const facts = useMemo(() => (ready ? readInboundFlowEvent(ready) : null), [ready]);
  return (
    <div className="overview-tab">
      {record.duplicate_of && <DuplicateNote record={record} />}
      <DeliveryAnswerCard record={record} />
      {record.direction === 'out' && <DispatchAttempts record={record} />}
      {facts && <InboundFlowCard facts={facts} />}
      {record.schema && <SchemaCheck schema={record.schema} event={record.event} />}
      {record.via !== 'replay' && <ReplayHistory record={record} />}
      <DeliveryFacts record={record} />
    </div>
  );
}
