import type { Migration } from './migration.js';
import { minuteSql, msBinSql, sourceKeySql, statusClassSql } from '../insight/rollup-keys.js';

/** One rollup row's key for a deliveries row alias, in the column order of the table. */
const keyOf = (row: string) => [minuteSql(row), sourceKeySql(row), `${row}.direction`, statusClassSql(row), msBinSql(row)];
const KEY_COLUMNS = ['minute', 'source_key', 'direction', 'status_class', 'ms_bin'];
const keyMatches = (row: string) =>
  keyOf(row)
    .map((value, i) => `${KEY_COLUMNS[i]} = ${value}`)
    .join(' AND ');

const countIn = (row: string) => `
  INSERT INTO delivery_rollup (${KEY_COLUMNS.join(', ')}, n) VALUES (${keyOf(row).join(', ')}, 1)
    ON CONFLICT DO UPDATE SET n = n + 1;`;
const countOut = (row: string) => `
  UPDATE delivery_rollup SET n = n - 1 WHERE ${keyMatches(row)};
  DELETE FROM delivery_rollup WHERE ${keyMatches(row)} AND n <= 0;`;

/**
 * Insight charts: how long each delivery's handler took (response_ms), a per-minute rollup of
 * deliveries kept by triggers like 004's counts, and a log of each integration's disables and
 * enables. The rollup's bins are RESPONSE_TIME_EDGES_MS as this migration shipped; changing those
 * edges needs a new migration that recreates the triggers and rebuilds the rollup.
 */
export const insightSchema: Migration = {
  version: 5,
  name: 'insight rollup and integration changes',
  sql: `
    -- Milliseconds until the handler answered, or until Hookbench stopped waiting (timeout): the last
    -- finished dispatch attempt, a forward, a replay. NULL when Hookbench answered itself, or when no
    -- answer came (refused, reset, DNS, TLS, not sent yet).
    ALTER TABLE deliveries ADD COLUMN response_ms INTEGER;
    UPDATE deliveries SET response_ms = CASE
        WHEN json_extract(answer_json, '$.outcome') IN ('sent', 'timeout') THEN json_extract(answer_json, '$.duration_ms')
      END
      WHERE answer_json IS NOT NULL;
    UPDATE deliveries SET response_ms = (
        SELECT CASE WHEN a.outcome IN ('succeeded', 'failed') AND (a.response_status IS NOT NULL OR a.error_class = 'timeout')
          THEN a.duration_ms END
        FROM delivery_attempts a WHERE a.delivery_seq = deliveries.seq ORDER BY a.attempt DESC LIMIT 1)
      WHERE direction = 'out' AND answer_json IS NULL;

    -- Deliveries per minute (received_at / 60000), inbox or integration ('' for neither), direction,
    -- status class (1..5 for 1xx..5xx, 0 for none) and response-time bin (-1 untimed).
    CREATE TABLE delivery_rollup (
      minute INTEGER NOT NULL,
      source_key TEXT NOT NULL,
      direction TEXT NOT NULL,
      status_class INTEGER NOT NULL,
      ms_bin INTEGER NOT NULL,
      n INTEGER NOT NULL,
      PRIMARY KEY (minute, source_key, direction, status_class, ms_bin)
    ) WITHOUT ROWID;
    INSERT INTO delivery_rollup (${KEY_COLUMNS.join(', ')}, n)
      SELECT ${keyOf('d').join(', ')}, count(*) FROM deliveries d GROUP BY 1, 2, 3, 4, 5;

    -- One upsert per ingested row: the receiver inserts with response_ms NULL, the CASE's first arm.
    CREATE TRIGGER deliveries_rolled_up AFTER INSERT ON deliveries BEGIN ${countIn('new')}
    END;
    -- Single deletes, inbox cascades, "clear inbox" and retention alike.
    CREATE TRIGGER deliveries_rolled_down AFTER DELETE ON deliveries BEGIN ${countOut('old')}
    END;
    -- A finished attempt or forward changes the class or bin; a deleted integration (SET NULL) the source.
    CREATE TRIGGER deliveries_rerolled AFTER UPDATE OF response_status, response_ms, integration_id ON deliveries
      WHEN ${statusClassSql('old')} != ${statusClassSql('new')} OR ${msBinSql('old')} != ${msBinSql('new')}
        OR ${sourceKeySql('old')} != ${sourceKeySql('new')}
      BEGIN ${countOut('old')} ${countIn('new')}
    END;

    -- Disables and enables. last_attempt is the newest delivery_attempts rowid when it happened, so
    -- the timeline can order a change among attempts that started in the same millisecond.
    CREATE TABLE integration_changes (
      seq INTEGER PRIMARY KEY,
      integration_id TEXT NOT NULL REFERENCES integrations(id) ON DELETE CASCADE,
      at INTEGER NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('disabled', 'enabled')),
      reason TEXT,
      last_attempt INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX integration_changes_by_integration ON integration_changes (integration_id, at);
    -- What is known of the past: the integrations disabled now, since disabled_at.
    INSERT INTO integration_changes (integration_id, at, kind, reason, last_attempt)
      SELECT i.id, coalesce(i.disabled_at, i.updated_at), 'disabled', i.disabled_reason,
        coalesce((SELECT max(a.rowid) FROM deliveries d JOIN delivery_attempts a ON a.delivery_seq = d.seq
          WHERE d.integration_id = i.id AND a.started_at <= coalesce(i.disabled_at, i.updated_at)), 0)
      FROM integrations i WHERE i.enabled = 0;
    -- Every enable and disable (PATCH, /enable, auto-disable) is an UPDATE of the whole row.
    CREATE TRIGGER integrations_toggled AFTER UPDATE OF enabled ON integrations WHEN old.enabled != new.enabled BEGIN
      INSERT INTO integration_changes (integration_id, at, kind, reason, last_attempt) VALUES (
        new.id,
        CASE WHEN new.enabled = 0 THEN coalesce(new.disabled_at, new.updated_at) ELSE new.updated_at END,
        CASE WHEN new.enabled = 0 THEN 'disabled' ELSE 'enabled' END,
        CASE WHEN new.enabled = 0 THEN new.disabled_reason END,
        coalesce((SELECT max(rowid) FROM delivery_attempts), 0));
    END;
    CREATE TRIGGER integrations_created_disabled AFTER INSERT ON integrations WHEN new.enabled = 0 BEGIN
      INSERT INTO integration_changes (integration_id, at, kind, reason, last_attempt)
        VALUES (new.id, coalesce(new.disabled_at, new.created_at), 'disabled', new.disabled_reason, coalesce((SELECT max(rowid) FROM delivery_attempts), 0));
    END;

    -- Skipped deliveries are outgoing only: the receiver's rows never enter this index.
    CREATE INDEX deliveries_skipped ON deliveries (integration_id, received_at) WHERE dispatch_state = 'skipped';

    -- An integration's newest attempts in O(limit): its deliveries are never pruned, and a redelivery
    -- or a skipped delivery sent later adds an attempt to an old one, so delivery order is no guide.
    -- Attempts are written by dispatch and replays only; the receiver's ingest never pays for this.
    ALTER TABLE delivery_attempts ADD COLUMN integration_id TEXT REFERENCES integrations(id) ON DELETE SET NULL;
    UPDATE delivery_attempts SET integration_id = (SELECT d.integration_id FROM deliveries d WHERE d.seq = delivery_attempts.delivery_seq);
    CREATE INDEX attempts_by_integration ON delivery_attempts (integration_id);
  `,
};
