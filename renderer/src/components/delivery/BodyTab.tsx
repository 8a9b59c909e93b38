import type { DeliveryRecord } from '../../../../shared/api/deliveries.js';
import { DeliveryBodyView } from './DeliveryBodyView.js';

export function BodyTab({ record }: { record: DeliveryRecord }) {
  return (
    <DeliveryBodyView deliveryId={record.id} part="request" body={record.body} contentType={record.content_type} testId="request-body" />
  );
}
