import type { Migration } from './migration.js';

/** The first schema: every table the engine will fill lives here, so the schema has one home. */
export const initialSchema: Migration = {
  version: 1,
  name: 'initial schema',
  sql: `
    CREATE TABLE inboxes (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      slug TEXT NOT NULL UNIQUE,
      secret TEXT,
      previous_secret TEXT,
      forward_to TEXT,
      response_json TEXT,
      failure_json TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );

    CREATE TABLE integrations (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('zapier', 'make', 'n8n', 'custom')),
      name TEXT NOT NULL,
      url TEXT NOT NULL,
      events_json TEXT NOT NULL DEFAULT '[]',
      secret TEXT,
      previous_secret TEXT,
      previous_secret_expires_at INTEGER,
      enabled INTEGER NOT NULL DEFAULT 1,
      consecutive_failures INTEGER NOT NULL DEFAULT 0,
      disabled_reason TEXT,
      disabled_at INTEGER,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );

    CREATE TABLE deliveries (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
      inbox_id TEXT REFERENCES inboxes(id) ON DELETE CASCADE,
      integration_id TEXT REFERENCES integrations(id) ON DELETE SET NULL,
      method TEXT NOT NULL,
      path TEXT NOT NULL,
      headers_json TEXT NOT NULL,
      content_type TEXT,
      body_size INTEGER NOT NULL,
      json_state TEXT CHECK (json_state IN ('valid', 'invalid')),
      remote_address TEXT,
      tls INTEGER NOT NULL DEFAULT 0,
      via TEXT NOT NULL DEFAULT 'direct',
      received_at INTEGER NOT NULL,
      response_status INTEGER,
      response_headers_json TEXT,
      event TEXT,
      delivery_id TEXT,
      signature_verdict TEXT,
      signature_json TEXT,
      schema_valid INTEGER,
      schema_json TEXT,
      replay_of TEXT,
      pinned INTEGER NOT NULL DEFAULT 0
    );

    -- Bodies live apart so that list queries never touch their pages.
    CREATE TABLE delivery_bodies (
      seq INTEGER PRIMARY KEY REFERENCES deliveries(seq) ON DELETE CASCADE,
      body BLOB NOT NULL,
      response_body BLOB
    );

    CREATE TABLE delivery_attempts (
      id TEXT PRIMARY KEY,
      delivery_seq INTEGER NOT NULL REFERENCES deliveries(seq) ON DELETE CASCADE,
      attempt INTEGER NOT NULL,
      started_at INTEGER NOT NULL,
      duration_ms INTEGER,
      request_headers_json TEXT NOT NULL,
      response_status INTEGER,
      response_headers_json TEXT,
      response_body BLOB,
      response_truncated INTEGER NOT NULL DEFAULT 0,
      error_class TEXT,
      error_message TEXT
    );

    -- Ingest pays for every index, so the sparse ones are partial: rows without the value cost nothing.
    CREATE INDEX deliveries_by_inbox ON deliveries (inbox_id, seq);
    CREATE INDEX deliveries_outgoing ON deliveries (seq) WHERE direction = 'out';
    CREATE INDEX deliveries_by_event ON deliveries (event, seq) WHERE event IS NOT NULL;
    CREATE INDEX deliveries_by_integration ON deliveries (integration_id, seq) WHERE integration_id IS NOT NULL;
    CREATE INDEX attempts_by_delivery ON delivery_attempts (delivery_seq, attempt);
  `,
};
