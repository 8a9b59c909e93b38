import { z } from 'zod';
import { IsoTime } from './common.js';
import { Direction } from './deliveries.js';

/**
 * Insight: aggregates the engine computes from a rollup kept in step with every insert, update and
 * delete, so a chart costs the same at a million deliveries as at a hundred.
 */

export const InsightBucket = z.enum(['minute', 'hour']);
export type InsightBucket = z.infer<typeof InsightBucket>;

/** At most this many buckets per answer: 24 hours by minute, 60 days by hour. */
export const MAX_INSIGHT_BUCKETS = 1440;

/** Buckets in the window when `since` is left out: the last hour by minute, the last two days by hour. */
export const DEFAULT_INSIGHT_BUCKETS = { minute: 60, hour: 48 } as const satisfies Record<InsightBucket, number>;

export const InsightQuery = z.strictObject({
  bucket: InsightBucket.default('minute').meta({
    description: 'Bucket size; also the unit the window is counted in (whole buckets), for response times too.',
  }),
  since: z.iso
    .datetime({ offset: true })
    .optional()
    .meta({
      description:
        'Start of the window, rounded down to its bucket. Default: the window holds 60 buckets (bucket=minute) or 48 (bucket=hour), ' +
        'the last being the one holding `until`. A window of more than MAX_INSIGHT_BUCKETS (1440) buckets, or a since after until, is refused (400 invalid_window).',
    }),
  until: z.iso.datetime({ offset: true }).optional().meta({
    description: 'End of the window. Default: now. The bucket holding it is the last one and is counted whole.',
  }),
  inbox: z
    .string()
    .min(1)
    .optional()
    .meta({ description: 'Only this inbox (id or slug): its deliveries and the replays of them. 404 when unknown.' }),
  integration: z.string().min(1).optional().meta({
    description: 'Only deliveries dispatched to this integration. 404 when unknown; cannot be combined with `inbox`.',
  }),
  direction: Direction.optional(),
});
export type InsightQuery = z.infer<typeof InsightQuery>;

const Count = z.number().int().nonnegative();

export const StatusCounts = z.object({ '1xx': Count, '2xx': Count, '3xx': Count, '4xx': Count, '5xx': Count, none: Count });
export type StatusCounts = z.infer<typeof StatusCounts>;

export const RateBucket = z.object({
  start: IsoTime,
  counts: StatusCounts.meta({
    description: 'Deliveries in the bucket by response status class; none = no HTTP answer (yet), a hang or a reset.',
  }),
  total: Count,
});
export type RateBucket = z.infer<typeof RateBucket>;

export const DeliveryRateSeries = z.object({
  bucket: InsightBucket,
  since: IsoTime.meta({ description: 'Start of the first bucket.' }),
  until: IsoTime.meta({ description: 'End of the window as asked (default: now); the last bucket is the one holding it.' }),
  buckets: z.array(RateBucket).meta({ description: 'Every bucket of the window, oldest first, empty ones included.' }),
  total: Count,
});
export type DeliveryRateSeries = z.infer<typeof DeliveryRateSeries>;

/**
 * Response-time bins in milliseconds: [min, max). Shared by the SQL that bins and the charts that
 * label, so the bin edges have one source. The last bin is open (10 s is the dispatch timeout).
 */
export const RESPONSE_TIME_EDGES_MS = [0, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000] as const;

export const ResponseTimeBin = z.object({
  min_ms: Count,
  max_ms: Count.nullable().meta({ description: 'Exclusive upper edge; null for the last, open bin.' }),
  count: Count,
});
export type ResponseTimeBin = z.infer<typeof ResponseTimeBin>;

/**
 * A delivery's response time is how long its handler took to answer: the last finished attempt of a
 * dispatched delivery, the forward_to handler's answer, a replay's answer. A timeout counts with the
 * time Hookbench waited, so slow handlers stay in the tail.
 */
export const ResponseTimeDistribution = z.object({
  since: IsoTime.meta({ description: 'Start of the first bucket of the window.' }),
  until: IsoTime.meta({ description: 'End of the window as asked (default: now).' }),
  bins: z.array(ResponseTimeBin).meta({ description: 'One bin per edge in RESPONSE_TIME_EDGES_MS, in order.' }),
  timed: Count.meta({ description: 'Deliveries with a measured handler time: dispatch attempts, forwards, replays (timeouts included).' }),
  untimed: Count.meta({
    description: 'Deliveries without one: answered by Hookbench itself, not sent yet, or no answer possible (refused, reset, DNS, TLS).',
  }),
  p50_ms: Count.nullable().meta({
    description:
      'Upper edge of the bin holding the median (nearest rank; an upper bound, not an exact value). For the last, open bin its lower ' +
      'edge (10000: at least that long). null when nothing is timed.',
  }),
  p90_ms: Count.nullable().meta({ description: 'As p50_ms, for the 90th percentile.' }),
  p99_ms: Count.nullable().meta({ description: 'As p50_ms, for the 99th percentile.' }),
});
export type ResponseTimeDistribution = z.infer<typeof ResponseTimeDistribution>;

export const TimelineQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).default(200).meta({ description: 'The newest this many attempts.' }),
});

export const TimelineAttempt = z.object({
  delivery: z.string().meta({ description: 'The delivery the attempt belongs to.' }),
  event: z.string().nullable(),
  attempt: z.number().int().positive(),
  started_at: IsoTime,
  duration_ms: Count.nullable(),
  outcome: z.enum(['sending', 'succeeded', 'failed', 'interrupted']),
  status: z.number().int().nullable(),
  error_class: z.string().nullable(),
  streak: Count.meta({
    description:
      'Consecutive failures counted after this attempt, as the auto-disable rule counts them: 0 after a success or a re-enable; ' +
      'interrupted and unfinished attempts, and attempts while disabled (tests), leave it unchanged. When truncated, counting starts ' +
      'up to 50 attempts before the oldest one returned.',
  }),
});
export type TimelineAttempt = z.infer<typeof TimelineAttempt>;

export const IntegrationChange = z.object({
  at: IsoTime,
  kind: z.enum(['disabled', 'enabled']),
  reason: z.string().nullable().meta({ description: 'For disabled: "manual" or the failure class of the failure that auto-disabled it.' }),
});
export type IntegrationChange = z.infer<typeof IntegrationChange>;

export const TimelineSkip = z.object({ delivery: z.string(), event: z.string().nullable(), at: IsoTime });

export const IntegrationTimeline = z.object({
  integration_id: z.string(),
  threshold: z.number().int().positive().meta({ description: 'Consecutive failures that auto-disable (10).' }),
  attempts: z.array(TimelineAttempt).meta({ description: 'Oldest first.' }),
  changes: z.array(IntegrationChange).meta({
    description:
      'Disables and enables from the start of the oldest returned attempt to now (all of them when nothing is truncated), oldest first: ' +
      'a disable and the re-enable after it may both come after the newest attempt.',
  }),
  skipped: z.array(TimelineSkip).meta({
    description: 'Deliveries skipped while disabled (and not sent since) over the same span, oldest first; at most `limit`, the newest.',
  }),
  truncated: z.boolean().meta({ description: 'True when older attempts exist beyond `limit`.' }),
});
export type IntegrationTimeline = z.infer<typeof IntegrationTimeline>;
