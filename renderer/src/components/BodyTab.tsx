import type { DeliveryRecord } from '../../../shared/api/deliveries.js';
import { BodyView } from './BodyView.js';

export function BodyTab({ record }: { record: DeliveryRecord }) {
  return <BodyView body={record.body} testId="request-body" />;
}
