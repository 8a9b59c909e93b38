import { randomUUID } from 'node:crypto';
import type { Migration } from './migration.js';

/**
 * The dispatch engine's state: where each outgoing delivery stands, the URL each attempt went to,
 * the attempt's outcome, and the organization id this install signs its envelopes with.
 */
export const dispatchSchema: Migration = {
  version: 2,
  name: 'dispatch state',
  sql: `
    -- queued | sending | delivered | failed | skipped | interrupted; NULL for incoming deliveries.
    ALTER TABLE deliveries ADD COLUMN dispatch_state TEXT;
    -- Failure class of the last attempt (timeout, dns, refused, reset, tls, network, http_<status>).
    ALTER TABLE deliveries ADD COLUMN error_class TEXT;
    -- Why a delivery was not sent: disabled | integration_deleted | url_refused.
    ALTER TABLE deliveries ADD COLUMN skipped_reason TEXT;
    ALTER TABLE deliveries ADD COLUMN target_url TEXT;

    -- sending | succeeded | failed | interrupted. Only succeeded and failed were counted.
    ALTER TABLE delivery_attempts ADD COLUMN outcome TEXT NOT NULL DEFAULT 'sending';
    ALTER TABLE delivery_attempts ADD COLUMN url TEXT;

    CREATE INDEX deliveries_unsettled ON deliveries (seq) WHERE dispatch_state IN ('queued', 'sending');
    CREATE INDEX attempts_unsettled ON delivery_attempts (delivery_seq) WHERE outcome = 'sending';

    CREATE TABLE engine_settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );
  `,
  up: (db) => {
    db.prepare("INSERT INTO engine_settings (key, value) VALUES ('organization_id', ?)").run(randomUUID());
  },
};
