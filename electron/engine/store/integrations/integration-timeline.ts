import type { IntegrationTimeline, TimelineAttempt } from '../../../../shared/api/insight.js';
import type { Db } from '../database.js';
import { failureStreaks, type StreakChange } from '../failure-streak.js';

/** Attempts read before the oldest one returned, so that its streak starts from what came before. */
export const STREAK_WARMUP = 50;

interface AttemptRow {
  rowid: number;
  delivery: string;
  event: string | null;
  attempt: number;
  started_at: number;
  duration_ms: number | null;
  outcome: TimelineAttempt['outcome'];
  status: number | null;
  error_class: string | null;
}

interface ChangeRow extends StreakChange {
  at: number;
  reason: string | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * One integration's newest attempts with the failure streak after each, its disables and enables
 * (migration 005's integration_changes) and the deliveries skipped meanwhile.
 */
export function createTimelineQueries(db: Db) {
  // attempts_by_integration (migration 005) holds each integration's attempts in rowid order: no sort.
  const newestAttempts = db.prepare(`
    SELECT a.rowid AS rowid, d.id AS delivery, d.event, a.attempt, a.started_at, a.duration_ms, a.outcome,
      a.response_status AS status, a.error_class
    FROM delivery_attempts a JOIN deliveries d ON d.seq = a.delivery_seq
    WHERE a.integration_id = ? ORDER BY a.rowid DESC LIMIT ?`);
  const changesSince = db.prepare(
    'SELECT at, kind, reason, last_attempt FROM integration_changes WHERE integration_id = ? AND at >= ? ORDER BY seq',
  );
  const skippedSince = db.prepare(`
    SELECT id AS delivery, event, received_at AS at FROM deliveries
    WHERE integration_id = ? AND dispatch_state = 'skipped' AND skipped_reason = 'disabled' AND received_at >= ?
    ORDER BY received_at DESC, seq DESC LIMIT ?`);

  return {
    timeline(integration: { id: string; enabled: boolean }, limit: number, threshold: number): IntegrationTimeline {
      const read = (newestAttempts.all(integration.id, limit + STREAK_WARMUP) as AttemptRow[]).reverse();
      const truncated = read.length > limit;
      const shown = read.slice(-limit);
      // Nothing older exists unless truncated: then every change and skip belongs to the span.
      const readFrom = truncated ? read[0].started_at : 0;
      const spanFrom = truncated ? shown[0].started_at : 0;
      const changes = changesSince.all(integration.id, readFrom) as ChangeRow[];
      const enabledAtStart = changes.length > 0 ? changes[0].kind === 'disabled' : integration.enabled;
      const streaks = failureStreaks(read, changes, enabledAtStart).slice(-limit);
      const skipped = (
        skippedSince.all(integration.id, spanFrom, limit) as { delivery: string; event: string | null; at: number }[]
      ).reverse();
      return {
        integration_id: integration.id,
        threshold,
        attempts: shown.map((row, i) => ({
          delivery: row.delivery,
          event: row.event,
          attempt: row.attempt,
          started_at: iso(row.started_at),
          duration_ms: row.duration_ms,
          outcome: row.outcome,
          status: row.status,
          error_class: row.error_class,
          streak: streaks[i],
        })),
        changes: changes.filter((c) => c.at >= spanFrom).map((c) => ({ at: iso(c.at), kind: c.kind, reason: c.reason })),
        skipped: skipped.map((s) => ({ ...s, at: iso(s.at) })),
        truncated,
      };
    },
  };
}

export type TimelineQueries = ReturnType<typeof createTimelineQueries>;
