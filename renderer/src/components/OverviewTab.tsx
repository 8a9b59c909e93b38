import { useMemo } from 'react';
import type { DeliveryRecord } from '../../../shared/api/deliveries.js';
import { readInboundFlowEvent } from '../model/inboundflow-event.js';
import { DeliveryAnswerCard } from './DeliveryAnswerCard.js';
import { DeliveryFacts } from './DeliveryFacts.js';
import { DispatchAttempts } from './DispatchAttempts.js';
import { InboundFlowCard } from './InboundFlowCard.js';
import { ReplayHistory } from './ReplayHistory.js';
import { SchemaCheck } from './SchemaCheck.js';

/** The domain view first (when the body is an InboundFlow event), its schema check, then the raw facts of the request. */
export function OverviewTab({ record }: { record: DeliveryRecord }) {
  const facts = useMemo(() => readInboundFlowEvent(record.body), [record.body]);
  return (
    <div className="overview-tab">
      <DeliveryAnswerCard record={record} />
      {record.direction === 'out' && <DispatchAttempts record={record} />}
      {facts && <InboundFlowCard facts={facts} />}
      {record.schema && <SchemaCheck schema={record.schema} event={record.event} />}
      {record.via !== 'replay' && <ReplayHistory record={record} />}
      <DeliveryFacts record={record} />
    </div>
  );
}
