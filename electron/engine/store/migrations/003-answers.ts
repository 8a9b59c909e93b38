import type { Migration } from './migration.js';

/**
 * Forward-to, scripted responses and replays: how each delivery was answered (or how its replay
 * went) and each inbox's forward timeout. 001 already holds inboxes.forward_to, response_json and
 * failure_json, and deliveries.replay_of.
 */
export const answersSchema: Migration = {
  version: 3,
  name: 'answers, forwarding and replays',
  sql: `
    -- JSON (shared/api/responses.ts DeliveryAnswer): source, outcome, forward/replay target, duration, error.
    ALTER TABLE deliveries ADD COLUMN answer_json TEXT;
    ALTER TABLE inboxes ADD COLUMN forward_timeout_ms INTEGER;
  `,
};
