import { describe, expect, it } from 'vitest';
import { NO_FILTERS, type DeliveryFilters } from '../../renderer/src/model/deliveries/delivery-filters.js';
import { describeScope, fetchInsight, insightQuery, insightScope, touchesScope } from '../../renderer/src/model/insight/insight-scope.js';
import type { InsightQueryParams } from '../../renderer/src/services/insight/insight-api.js';
import { outgoing } from './support/integration-fixtures.js';

describe('insight scope', () => {
  it('follows the list’s inbox, integration and direction, not its status, event or search', () => {
    const filters: DeliveryFilters = {
      ...NO_FILTERS,
      inbox: 'inb_1',
      direction: 'in',
      status: '5xx',
      event: 'call.completed',
      q: 'refund',
    };
    const scope = insightScope(filters);
    expect(scope).toEqual({ inbox: 'inb_1', integration: '', direction: 'in' });
    expect(insightQuery(scope, 'hour')).toEqual({ bucket: 'hour', inbox: 'inb_1', direction: 'in' });
    expect(insightQuery(insightScope(NO_FILTERS), 'minute')).toEqual({ bucket: 'minute' });
  });

  it('says what the charts cover, by name when known', () => {
    expect(describeScope({ inbox: '', integration: '', direction: '' })).toBe('All deliveries');
    expect(describeScope({ inbox: 'inb_1', integration: '', direction: 'in' }, { inbox: 'Shop' })).toBe('Incoming deliveries · Shop');
    expect(describeScope({ inbox: '', integration: 'int_1', direction: 'out' }, { integration: 'CRM sync' })).toBe(
      'Outgoing deliveries · to CRM sync',
    );
    expect(describeScope({ inbox: 'inb_9', integration: '', direction: '' })).toBe('All deliveries · inb_9');
  });

  it('asks for both charts with the same query', async () => {
    const queries: InsightQueryParams[] = [];
    const answer = await fetchInsight(
      {
        deliveryRate: (query) => (
          queries.push(query),
          Promise.resolve({ bucket: 'minute', since: 'a', until: 'b', buckets: [], total: 0 })
        ),
        responseTimes: (query) => (
          queries.push(query),
          Promise.resolve({ since: 'a', until: 'b', bins: [], timed: 0, untimed: 0, p50_ms: null, p90_ms: null, p99_ms: null })
        ),
      },
      { inbox: '', integration: 'int_1', direction: 'out' },
      'minute',
    );
    expect(queries).toEqual([
      { bucket: 'minute', integration: 'int_1', direction: 'out' },
      { bucket: 'minute', integration: 'int_1', direction: 'out' },
    ]);
    expect(answer.rate.total).toBe(0);
  });

  it('refetches only for live changes inside the scope', () => {
    const incoming = outgoing({ direction: 'in', inbox_id: 'inb_1', integration_id: null });
    const all = insightScope(NO_FILTERS);
    const inbox = { inbox: 'inb_1', integration: '', direction: '' as const };
    const integration = { inbox: '', integration: 'int_1', direction: 'out' as const };
    expect(touchesScope({ type: 'delivery.created', delivery: incoming }, all)).toBe(true);
    expect(touchesScope({ type: 'delivery.created', delivery: incoming }, inbox)).toBe(true);
    expect(touchesScope({ type: 'delivery.updated', delivery: { ...incoming, inbox_id: 'inb_2' } }, inbox)).toBe(false);
    expect(touchesScope({ type: 'delivery.created', delivery: incoming }, integration)).toBe(false);
    expect(touchesScope({ type: 'delivery.updated', delivery: outgoing() }, integration)).toBe(true);
    expect(touchesScope({ type: 'deliveries.removed', inbox_id: 'inb_1', removed: 4, reason: 'clear' }, inbox)).toBe(true);
    expect(touchesScope({ type: 'deliveries.removed', inbox_id: 'inb_2', removed: 4, reason: 'clear' }, inbox)).toBe(false);
    expect(touchesScope({ type: 'delivery.deleted', id: 'dlv_1' }, integration)).toBe(true);
    expect(touchesScope({ type: 'hello', version: '1' }, all)).toBe(false);
  });
});
