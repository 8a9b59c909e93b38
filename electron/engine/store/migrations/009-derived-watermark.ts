import type { Migration } from './migration.js';
import { minuteSql, msBinSql, sourceKeySql, statusClassSql } from '../insight/rollup-keys.js';

const keyOf = (row: string) => [minuteSql(row), sourceKeySql(row), `${row}.direction`, statusClassSql(row), msBinSql(row)];
const KEY_COLUMNS = ['minute', 'source_key', 'direction', 'status_class', 'ms_bin'];
const keyMatches = (row: string) =>
  keyOf(row)
    .map((value, i) => `${KEY_COLUMNS[i]} = ${value}`)
    .join(' AND ');

/**
 * Derived data (search index, counts, rollup) is no longer written by triggers in the writes that
 * acknowledge deliveries: it follows them from a watermark, in batches (store/derived/). Every
 * delivery up to `derived_progress.seq` is in all three; the ones after it are in none. Deletes
 * take their rows out of counts and rollup at once and queue their search entries in
 * `search_removals`. Everything stored when this runs was kept by the triggers, so the watermark
 * starts at the newest delivery.
 */
export const derivedWatermarkSchema: Migration = {
  version: 9,
  name: 'derived data from a watermark',
  sql: `
    CREATE TABLE derived_progress (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      seq INTEGER NOT NULL
    );
    INSERT INTO derived_progress (id, seq) SELECT 1, coalesce(max(seq), 0) FROM deliveries;

    -- Search entries of deleted deliveries, taken out of the index with the next derived batch.
    CREATE TABLE search_removals (seq INTEGER PRIMARY KEY);

    DROP TRIGGER deliveries_counted;
    DROP TRIGGER deliveries_rolled_up;
    DROP TRIGGER deliveries_uncounted;
    DROP TRIGGER deliveries_rolled_down;

    -- A finished attempt or forward changes the class or bin, a deleted integration (SET NULL) the source:
    -- moved in the rollup only for rows it already counts; the others are counted as they are when derived.
    DROP TRIGGER deliveries_rerolled;
    CREATE TRIGGER deliveries_rerolled AFTER UPDATE OF response_status, response_ms, integration_id ON deliveries
      WHEN old.seq <= (SELECT seq FROM derived_progress) AND (${statusClassSql('old')} != ${statusClassSql('new')}
        OR ${msBinSql('old')} != ${msBinSql('new')} OR ${sourceKeySql('old')} != ${sourceKeySql('new')})
      BEGIN
        UPDATE delivery_rollup SET n = n - 1 WHERE ${keyMatches('old')};
        DELETE FROM delivery_rollup WHERE ${keyMatches('old')} AND n <= 0;
        INSERT INTO delivery_rollup (${KEY_COLUMNS.join(', ')}, n) VALUES (${keyOf('new').join(', ')}, 1)
          ON CONFLICT DO UPDATE SET n = n + 1;
      END;
  `,
};
