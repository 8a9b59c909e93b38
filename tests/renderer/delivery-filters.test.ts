import { describe, expect, it } from 'vitest';
import {
  filtersToQuery,
  matchesFilters,
  NO_FILTERS,
  outgoingFilters,
  sourceFilterPatch,
  sourceFilterValue,
} from '../../renderer/src/model/deliveries/delivery-filters.js';
import { outgoing } from './support/integration-fixtures.js';

describe('integration filter', () => {
  it('lists what was sent to one integration, in the query and for live rows', () => {
    const filters = outgoingFilters('int_1');
    expect(filtersToQuery(filters)).toEqual({ direction: 'out', integration: 'int_1' });
    expect(matchesFilters(outgoing(), filters, null)).toBe(true);
    expect(matchesFilters(outgoing({ integration_id: 'int_2' }), filters, null)).toBe(false);
    expect(matchesFilters(outgoing({ direction: 'in', integration_id: null, inbox_id: 'inb' }), filters, null)).toBe(false);
  });

  it('shares one select between inboxes and integrations', () => {
    expect(sourceFilterValue({ ...NO_FILTERS, inbox: 'inb_1' })).toBe('inb_1');
    expect(sourceFilterValue(outgoingFilters('int_1'))).toBe('integration:int_1');
    expect(sourceFilterValue(NO_FILTERS)).toBe('');
    expect(sourceFilterPatch('integration:int_1')).toEqual({ inbox: '', integration: 'int_1' });
    expect(sourceFilterPatch('inb_1')).toEqual({ inbox: 'inb_1', integration: '' });
    expect(sourceFilterPatch('')).toEqual({ inbox: '', integration: '' });
  });
});
