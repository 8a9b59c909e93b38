import { z } from 'zod';
import { DeliveryFilterFields } from './replays.js';

export const DeliveryExportQuery = z.strictObject({
  format: z.enum(['curl', 'har', 'json']).default('json').meta({
    description: 'curl: a sh script that re-sends the exact bytes; har: HAR 1.2 with one entry; json: the full record.',
  }),
});

export const ExportQuery = DeliveryFilterFields.extend({
  format: z.enum(['har', 'ndjson', 'json']).default('json').meta({
    description: 'har: HAR 1.2; ndjson: one full record per line; json: an array of full records. Streamed, in arrival order.',
  }),
});
export type ExportQuery = z.infer<typeof ExportQuery>;

export const ExportDocument = z.unknown().meta({
  description: 'The export itself: text/plain (curl), application/json (har, json) or application/x-ndjson (ndjson).',
});
