import type { Migration } from './migration.js';

/**
 * Duplicates in an inbox: a received delivery whose InboundFlow delivery_id the inbox saw before
 * points at the first one. Found at insert through deliveries_by_delivery_id (one index probe, only
 * for rows with a delivery_id); listed and counted through deliveries_duplicates, which holds only
 * the duplicates, so neither is a scan of the inbox.
 */
export const duplicatesSchema: Migration = {
  version: 11,
  name: 'duplicate deliveries',
  sql: `
    ALTER TABLE deliveries ADD COLUMN duplicate_of TEXT;
    CREATE INDEX deliveries_by_delivery_id ON deliveries (inbox_id, delivery_id, seq) WHERE delivery_id IS NOT NULL AND direction = 'in';
    -- Deliveries stored before this version: the first of each delivery_id per inbox stays unmarked.
    UPDATE deliveries SET duplicate_of = (
      SELECT f.id FROM deliveries f
      WHERE f.inbox_id = deliveries.inbox_id AND f.delivery_id = deliveries.delivery_id AND f.direction = 'in' AND f.seq < deliveries.seq
      ORDER BY f.seq LIMIT 1)
    WHERE direction = 'in' AND delivery_id IS NOT NULL;
    CREATE INDEX deliveries_duplicates ON deliveries (inbox_id, seq) WHERE duplicate_of IS NOT NULL;
  `,
};
