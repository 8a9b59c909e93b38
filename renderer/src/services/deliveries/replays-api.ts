import { DeliveryList } from '../../../../shared/api/deliveries.js';
import type { z } from 'zod';
import { ReplayJob, ReplayResult, BulkReplayRequest, ReplayRequest } from '../../../../shared/api/replays.js';
import type { ApiClient, QueryParams } from '../common/api-client.js';

/** Replaying stored deliveries: one at a time (answers when the target has), or as a bulk job. */
export class ReplaysApi {
  constructor(private readonly client: ApiClient) {}

  replay(id: string, body: z.input<typeof ReplayRequest>): Promise<ReplayResult> {
    return this.client.request('POST', `/api/deliveries/${encodeURIComponent(id)}/replay`, { body, schema: ReplayResult });
  }

  startBulk(body: z.input<typeof BulkReplayRequest>): Promise<ReplayJob> {
    return this.client.request('POST', '/api/replays', { body, schema: ReplayJob });
  }

  getJob(job: string): Promise<ReplayJob> {
    return this.client.request('GET', `/api/replays/${encodeURIComponent(job)}`, { schema: ReplayJob });
  }

  cancelJob(job: string): Promise<ReplayJob> {
    return this.client.request('POST', `/api/replays/${encodeURIComponent(job)}/cancel`, { schema: ReplayJob });
  }

  /** A page of the delivery list; the replays of a delivery are found among its inbox's outgoing rows. */
  listDeliveries(query: QueryParams): Promise<DeliveryList> {
    return this.client.request('GET', '/api/deliveries', { query, schema: DeliveryList });
  }
}
