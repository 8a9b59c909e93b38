import { DeliveryExportQuery, ExportDocument, ExportQuery } from './exports.js';
import type { RouteContract } from './route-contract.js';

/** Exports of one delivery or of a filtered set (streamed). */
export const exportRoutes = {
  exportDelivery: {
    method: 'GET',
    path: '/api/deliveries/:id/export',
    summary: 'One delivery as a curl script, a HAR 1.2 file or its JSON record',
    query: DeliveryExportQuery,
    response: ExportDocument,
  },
  exportDeliveries: {
    method: 'GET',
    path: '/api/export',
    summary: 'Every delivery matching the list filters, streamed in arrival order as HAR 1.2, NDJSON or a JSON array',
    query: ExportQuery,
    response: ExportDocument,
  },
} as const satisfies Record<string, RouteContract>;
