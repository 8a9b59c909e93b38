import type { DeliveryRecord, DeliverySummary } from '../../../../shared/api/deliveries.js';

export interface DeliveryRecordSource {
  getDelivery(id: string, options: { inlineLimit?: number }): Promise<DeliveryRecord>;
  deleteDelivery(id: string): Promise<void>;
}

const CACHE_SIZE = 40;

/**
 * Bodies larger than this come deferred and load when a view needs them (see DeliveryBodies): the
 * record of a 9 MiB delivery then arrives in milliseconds and its header shows at once, while
 * bodies up to this size, nearly every webhook, still come in the one request.
 */
export const INLINE_BODY_LIMIT = 256 * 1024;

/**
 * Full delivery records, fetched on demand and kept for the last few opened, so flicking back
 * and forth with j/k does not refetch. A record is refetched when its summary changes.
 */
export class DeliveryRecords {
  private cache = new Map<string, { summary: DeliverySummary | undefined; record: Promise<DeliveryRecord> }>();

  constructor(private readonly source: DeliveryRecordSource) {}

  get(id: string, summary: DeliverySummary | undefined): Promise<DeliveryRecord> {
    const cached = this.cache.get(id);
    if (cached && cached.summary === summary) {
      this.cache.delete(id);
      this.cache.set(id, cached);
      return cached.record;
    }
    const record = this.source.getDelivery(id, { inlineLimit: INLINE_BODY_LIMIT });
    record.catch(() => this.cache.delete(id));
    this.cache.set(id, { summary, record });
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    return record;
  }

  async remove(id: string): Promise<void> {
    await this.source.deleteDelivery(id);
    this.cache.delete(id);
  }
}
