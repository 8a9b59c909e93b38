import { Ok } from '../../../../shared/api/common.js';
import { DeliveryList, DeliveryRecord, DeliverySummary, type DeliveryBodyQuery } from '../../../../shared/api/deliveries.js';
import { OutgoingResult } from '../../../../shared/api/integrations.js';
import type { ApiClient, QueryParams } from '../common/api-client.js';

export type BodyPart = DeliveryBodyQuery['part'];

export class DeliveriesApi {
  constructor(private readonly client: ApiClient) {}

  listDeliveries(query: QueryParams): Promise<DeliveryList> {
    return this.client.request('GET', '/api/deliveries', { query, schema: DeliveryList });
  }

  /** With `inlineLimit`, bodies larger than it come deferred: fetch them with getBody. */
  getDelivery(id: string, options: { inlineLimit?: number } = {}): Promise<DeliveryRecord> {
    const query = options.inlineLimit === undefined ? {} : { inline_limit: String(options.inlineLimit) };
    return this.client.request('GET', `/api/deliveries/${encodeURIComponent(id)}`, { query, schema: DeliveryRecord });
  }

  /** The exact stored bytes of the request body, or of the response the record shows. */
  async getBody(id: string, part: BodyPart): Promise<Uint8Array> {
    const blob = await this.client.requestBlob('GET', `/api/deliveries/${encodeURIComponent(id)}/body`, { query: { part } });
    return new Uint8Array(await blob.arrayBuffer());
  }

  /** Sends an outgoing delivery again: same body and delivery_id, a new attempt; answers once it is queued. */
  redeliver(id: string): Promise<OutgoingResult> {
    return this.client.request('POST', `/api/deliveries/${encodeURIComponent(id)}/redeliver`, { body: {}, schema: OutgoingResult });
  }

  /** Pins (kept by retention and "clear inbox") or unpins; answers with the updated summary. */
  setPinned(id: string, pinned: boolean): Promise<DeliverySummary> {
    return this.client.request(pinned ? 'POST' : 'DELETE', `/api/deliveries/${encodeURIComponent(id)}/pin`, {
      ...(pinned ? { body: {} } : {}),
      schema: DeliverySummary,
    });
  }

  async deleteDelivery(id: string): Promise<void> {
    await this.client.request('DELETE', `/api/deliveries/${encodeURIComponent(id)}`, { schema: Ok });
  }
}
