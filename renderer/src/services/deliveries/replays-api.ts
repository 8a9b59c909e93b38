import type { DeliveryList } from '../../../../shared/api/deliveries.js';
import type { z } from 'zod';
import type { BulkReplayRequest, ReplayJob, ReplayRequest, ReplayResult } from '../../../../shared/api/replays.js';
import type { ApiClient } from '../common/api-client.js';
import type { DeliveryListQuery } from './deliveries-api.js';

/** Replaying stored deliveries: one at a time (answers when the target has), or as a bulk job. */
export class ReplaysApi {
  constructor(private readonly client: ApiClient) {}

  replay(id: string, body: z.input<typeof ReplayRequest>): Promise<ReplayResult> {
    return this.client.call('replayDelivery', { params: { id }, body });
  }

  startBulk(body: z.input<typeof BulkReplayRequest>): Promise<ReplayJob> {
    return this.client.call('startBulkReplay', { body });
  }

  getJob(job: string): Promise<ReplayJob> {
    return this.client.call('getBulkReplay', { params: { job } });
  }

  cancelJob(job: string): Promise<ReplayJob> {
    return this.client.call('cancelBulkReplay', { params: { job } });
  }

  /** A page of the delivery list; the replays of a delivery are found among its inbox's outgoing rows. */
  listDeliveries(query: DeliveryListQuery): Promise<DeliveryList> {
    return this.client.call('listDeliveries', { query });
  }
}
