import type { DeliveryBodyQuery, DeliveryList, DeliveryRecord, DeliverySummary } from '../../../../shared/api/deliveries.js';
import type { OutgoingResult } from '../../../../shared/api/integrations.js';
import type { ApiClient, CallOptions } from '../common/api-client.js';

export type BodyPart = DeliveryBodyQuery['part'];
export type DeliveryListQuery = NonNullable<CallOptions<'listDeliveries'>['query']>;

export class DeliveriesApi {
  constructor(private readonly client: ApiClient) {}

  listDeliveries(query: DeliveryListQuery): Promise<DeliveryList> {
    return this.client.call('listDeliveries', { query });
  }

  /** With `inlineLimit`, bodies larger than it come deferred: fetch them with getBody. */
  getDelivery(id: string, options: { inlineLimit?: number } = {}): Promise<DeliveryRecord> {
    const query = options.inlineLimit === undefined ? {} : { inline_limit: String(options.inlineLimit) };
    return this.client.call('getDelivery', { params: { id }, query });
  }

  /** The exact stored bytes of the request body, or of the response the record shows. */
  async getBody(id: string, part: BodyPart): Promise<Uint8Array> {
    const blob = await this.client.callBlob('getDeliveryBody', { params: { id }, query: { part } });
    return new Uint8Array(await blob.arrayBuffer());
  }

  /** Sends an outgoing delivery again: same body and delivery_id, a new attempt; answers once it is queued. */
  redeliver(id: string): Promise<OutgoingResult> {
    return this.client.call('redeliverDelivery', { params: { id }, body: {} });
  }

  /** Pins (kept by retention and "clear inbox") or unpins; answers with the updated summary. */
  setPinned(id: string, pinned: boolean): Promise<DeliverySummary> {
    return pinned ? this.client.call('pinDelivery', { params: { id }, body: {} }) : this.client.call('unpinDelivery', { params: { id } });
  }

  async deleteDelivery(id: string): Promise<void> {
    await this.client.call('deleteDelivery', { params: { id } });
  }
}
