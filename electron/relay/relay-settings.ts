import { z } from 'zod';
import { parseByteSize } from '../engine/config.js';
import { DEFAULT_HEARTBEAT_MS, DEFAULT_STREAM_WINDOW } from '../../shared/tunnel-protocol.js';

const Port = z.coerce
  .number({ error: 'must be a port number' })
  .int('must be a whole number')
  .min(0, 'must be between 0 and 65535 (0 picks a free port)')
  .max(65535, 'must be between 0 and 65535 (0 picks a free port)');

const Count = z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1');
const Millis = (min: number) =>
  z.coerce.number({ error: 'must be a number of milliseconds' }).int('must be a whole number').min(min, `must be at least ${min}`);

const ByteSize = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const bytes = typeof value === 'number' ? value : parseByteSize(value);
  if (bytes === null || !Number.isSafeInteger(bytes) || bytes < 1) {
    ctx.addIssue({ code: 'custom', message: 'must be a size in bytes such as 10485760 or 10MiB' });
    return z.NEVER;
  }
  return bytes;
});

const DURATION_UNITS: Record<string, number> = { '': 1, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "604800000", "7d", "12h", "30m", "45s", "500ms" → milliseconds. */
export function parseDuration(text: string): number | null {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|)\s*$/i.exec(text);
  return match ? Math.floor(Number(match[1]) * DURATION_UNITS[match[2].toLowerCase()]) : null;
}

const Duration = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const ms = typeof value === 'number' ? value : parseDuration(value);
  if (ms === null || !Number.isSafeInteger(ms) || ms < 1) {
    ctx.addIssue({ code: 'custom', message: 'must be a duration such as 7d, 12h, 30m, 45s or a number of milliseconds' });
    return z.NEVER;
  }
  return ms;
});

const QueueStatus = z.coerce
  .number({ error: 'must be 200 or 202' })
  .refine((status) => status === 200 || status === 202, 'must be 200 or 202');

const Domain = z
  .string()
  .transform((value) => value.trim().toLowerCase().replace(/^\*\./, '').replace(/\.$/, ''))
  .pipe(
    z
      .string()
      .regex(
        /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/,
        'must be a DNS name such as relay.example.com',
      ),
  );

const PublicUrl = z
  .string()
  .url('must be a URL such as https://relay.example.com')
  .refine((value) => /^https?:$/.test(new URL(value).protocol), 'must start with https:// or http://')
  .transform((value) => value.replace(/\/+$/, ''));

/** Every relay setting with its default; the CLI fills it from flags and HOOKBENCH_RELAY_* variables. */
export const RelaySettings = z.object({
  host: z.string().min(1, 'must not be empty').default('0.0.0.0'),
  port: Port.default(8080),
  domain: Domain.nullable().default(null),
  publicUrl: PublicUrl.nullable().default(null),
  trustProxy: z.boolean().default(false),
  holdMs: Millis(0).default(8_000),
  maxBody: ByteSize.default(10 * 1024 * 1024),
  maxInflight: Count.default(256),
  maxTunnelsPerToken: Count.default(5),
  /** Held and forwarded requests across all tunnels; beyond it the relay answers 503. */
  maxPending: Count.default(10_000),
  heartbeatMs: Millis(50).default(DEFAULT_HEARTBEAT_MS),
  /** Per-stream window for response bodies the relay accepts before granting more. */
  window: Count.default(DEFAULT_STREAM_WINDOW),
  /** Bytes queued on one tunnel socket above which the relay stops reading that tunnel's senders. */
  highWater: Count.default(1024 * 1024),
  helloTimeoutMs: Millis(1).default(10_000),
  headersTimeoutMs: Millis(1).default(30_000),
  requestTimeoutMs: Millis(1).default(120_000),
  keepAliveTimeoutMs: Millis(1).default(65_000),
  /** How long SIGTERM waits for forwarded requests to finish. */
  drainMs: Millis(0).default(10_000),
  /** --queue: where requests for an app that is away are kept; null: no queue (held, then 503). */
  queueDir: z.string().min(1, 'must be a directory').nullable().default(null),
  /** Per tunnel: beyond this the relay answers 507 queue_full. */
  queueMaxBytes: ByteSize.default(256 * 1024 * 1024),
  /** Per entry, ms: older entries are dropped (and the app told how many). */
  queueMaxAge: Duration.default(7 * 86_400_000),
  /** What a sender gets for a queued request. */
  queueStatus: QueueStatus.default(202),
  /** Queued requests sent to an app and not yet acknowledged, at most, and their bytes (one goes however large). */
  drainWindow: Count.default(128),
  drainWindowBytes: ByteSize.default(16 * 1024 * 1024),
  /** After an app could not take a queued request, wait this long before sending the queue again. */
  drainRetryMs: Millis(1).default(2_000),
  /** Bodies being read into the queue at once, in memory; beyond it senders get 503 relay_busy. */
  queueIntakeBytes: ByteSize.default(128 * 1024 * 1024),
});
export type RelaySettingsInput = z.input<typeof RelaySettings>;
export type RelaySettings = z.output<typeof RelaySettings>;
