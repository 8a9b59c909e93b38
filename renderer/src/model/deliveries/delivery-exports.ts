import { routePath } from '../../services/common/api-client.js';
import type { ExportFile } from '../../services/deliveries/exports-api.js';
import { filtersToQuery, type DeliveryFilters } from './delivery-filters.js';

export type DeliveryExportFormat = 'har' | 'json';
export type ListExportFormat = 'har' | 'ndjson' | 'json';

export const LIST_EXPORT_FORMATS: { format: ListExportFormat; label: string; hint: string }[] = [
  { format: 'har', label: 'HAR 1.2', hint: 'Opens in browser dev tools and HTTP tools' },
  { format: 'ndjson', label: 'NDJSON', hint: 'One full record per line, for jq and scripts' },
  { format: 'json', label: 'JSON array', hint: 'Every full record in one array' },
];

/** One delivery as a HAR log or its full JSON record. */
export function deliveryExportFile(id: string, format: DeliveryExportFormat): ExportFile {
  return { path: routePath('exportDelivery', { id }), query: { format }, filename: `${id}.${format}` };
}

/** Every delivery the list shows under these filters, in arrival order; the engine streams it. */
export function listExportFile(filters: DeliveryFilters, format: ListExportFormat, now: Date = new Date()): ExportFile {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return { path: routePath('exportDeliveries'), query: { ...filtersToQuery(filters), format }, filename: `hookbench-${stamp}.${format}` };
}
