import type { Migration } from './migration.js';

/**
 * The list's `replay_of` filter (a delivery's replays). Replays are a sliver of the store: a
 * partial index holds only them, so ingest of ordinary deliveries pays nothing for it.
 */
export const replayIndexSchema: Migration = {
  version: 6,
  name: 'replays by original',
  sql: `CREATE INDEX deliveries_by_replay_of ON deliveries (replay_of, seq) WHERE replay_of IS NOT NULL;`,
};
