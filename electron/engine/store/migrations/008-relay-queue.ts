import type { Migration } from './migration.js';

/**
 * Requests a relay queued while the app was away: the relay's request id (unique, so a request
 * redelivered after a crash is stored once), when the relay took it and when it reached the app.
 * Partial indexes hold only queued deliveries, so direct ingest pays nothing for them.
 */
export const relayQueueSchema: Migration = {
  version: 8,
  name: 'relay queue: request id, queued and drained times',
  sql: `
    ALTER TABLE deliveries ADD COLUMN relay_request_id TEXT;
    ALTER TABLE deliveries ADD COLUMN queued_at INTEGER;
    ALTER TABLE deliveries ADD COLUMN drained_at INTEGER;
    CREATE UNIQUE INDEX deliveries_by_relay_request_id ON deliveries (relay_request_id) WHERE relay_request_id IS NOT NULL;
    CREATE INDEX deliveries_queued ON deliveries (seq) WHERE queued_at IS NOT NULL;
  `,
};
