import type { Migration } from './migration.js';
import { indexExistingDeliveries } from '../search/search-index.js';

/**
 * Full-text search, O(1) counts and retention. The search index is contentless (it keeps no copy of
 * the bodies) with contentless_delete so that a row can be dropped by seq; counts live in a small
 * table kept by triggers, so every insert path (ingest, dispatch, replay) and every delete path
 * (one delivery, inbox cascade, retention) stays in step inside its own transaction.
 */
export const searchRetentionSchema: Migration = {
  version: 4,
  name: 'search, counts and retention',
  sql: `
    CREATE VIRTUAL TABLE delivery_search USING fts5(
      path, headers, body,
      content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
    );
    -- Every group commit writes a small segment; merging at 16 per level rather than 4 keeps that
    -- merge work off most commits (measured: ingest with a large index), at a few more segments per lookup.
    INSERT INTO delivery_search (delivery_search, rank) VALUES ('automerge', 16);

    -- One row per inbox ('' for deliveries without one, i.e. dispatched ones); the total is their sum.
    CREATE TABLE delivery_counts (
      inbox_key TEXT PRIMARY KEY,
      n INTEGER NOT NULL
    ) WITHOUT ROWID;
    INSERT INTO delivery_counts (inbox_key, n) SELECT coalesce(inbox_id, ''), count(*) FROM deliveries GROUP BY inbox_id;

    CREATE TRIGGER deliveries_counted AFTER INSERT ON deliveries BEGIN
      INSERT INTO delivery_counts (inbox_key, n) VALUES (coalesce(new.inbox_id, ''), 1)
        ON CONFLICT (inbox_key) DO UPDATE SET n = n + 1;
    END;
    -- Fires for single deletes, inbox cascades and retention prunes alike.
    CREATE TRIGGER deliveries_uncounted AFTER DELETE ON deliveries BEGIN
      UPDATE delivery_counts SET n = n - 1 WHERE inbox_key = coalesce(old.inbox_id, '');
      DELETE FROM delivery_search WHERE rowid = old.seq;
    END;
    CREATE TRIGGER inboxes_uncounted AFTER DELETE ON inboxes BEGIN
      DELETE FROM delivery_counts WHERE inbox_key = old.id;
    END;

    -- JSON {max_count, max_age_hours}; NULL means the defaults (shared/api/inboxes.ts).
    ALTER TABLE inboxes ADD COLUMN retention_json TEXT;
    -- Pins are rare: a partial index costs ingest nothing.
    CREATE INDEX deliveries_pinned ON deliveries (seq) WHERE pinned = 1;
  `,
  up: (db) => indexExistingDeliveries(db),
};
