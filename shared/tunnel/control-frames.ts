import { z } from 'zod';
import { RawHeaders } from '../api/common.js';

/** Stream ids are chosen by the relay, one per forwarded request, unique on a connection. */
export const StreamId = z.number().int().min(1).max(0xffffffff);

const Window = z
  .number()
  .int()
  .min(1024)
  .max(16 * 1024 * 1024);

/** Tunnel ids: random ids and reserved names are both one DNS label, lowercase. */
export const TUNNEL_ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
export const TunnelId = z.string().regex(TUNNEL_ID_PATTERN, 'a tunnel id is one lowercase DNS label');

/** Client → relay, first message after the upgrade: which protocol, which id it wants back. */
export const Hello = z.object({
  type: z.literal('hello'),
  version: z.number().int(),
  tunnel_id: TunnelId.optional(),
  /** The secret the relay gave with this id last time: lets a reconnecting client replace its own stale connection. */
  resume: z.string().max(128).optional(),
  /** How many request-body bytes the relay may send on a new stream before the client grants more. */
  window: Window,
  client: z.string().max(100).optional(),
  /**
   * What this client understands beyond protocol 1 (unknown entries are ignored). `queued`: it takes
   * requests the relay queued while it was away, recognises one it already stored by the relay's
   * request id, and acknowledges each with `queued_ack` after its own commit. Older clients send none.
   */
  features: z.array(z.string().max(32)).max(16).optional(),
});

/** The feature a client names in hello to receive queued requests with their relay ids (see QueuedInfo). */
export const FEATURE_QUEUED = 'queued';

/** Relay → client: the tunnel is up. */
export const Welcome = z.object({
  type: z.literal('welcome'),
  version: z.number().int(),
  tunnel_id: TunnelId,
  /** Path-based public URL, e.g. https://relay.example.com/t/<id> */
  url: z.string(),
  /** Host-based public URL when the relay has a domain, e.g. https://<id>.relay.example.com */
  host_url: z.string().nullable(),
  resume: z.string().max(128),
  /** How many response-body bytes the client may send on a stream before the relay grants more. */
  window: Window,
  /** The relay pings this often; silence for two and a half intervals means the relay is gone. */
  heartbeat_ms: z.number().int().positive(),
});

export const RefusalCode = z.enum([
  'unsupported_version',
  'bad_hello',
  'tunnel_id_in_use',
  'tunnel_id_not_yours',
  'too_many_tunnels',
  'relay_shutting_down',
]);
export type RefusalCode = z.infer<typeof RefusalCode>;

/** Relay → client, instead of welcome; the relay closes the connection after it. */
export const Refused = z.object({ type: z.literal('refused'), code: RefusalCode, message: z.string() });

/**
 * On a request the relay queued on disk while the app was away: its id (the same on every
 * redelivery, so the app stores it once), when the relay took it, and what the relay answered the
 * sender. Only sent to clients with the `queued` feature; older clients ignore unknown fields.
 */
export const QueuedInfo = z.object({
  id: z.string().min(1).max(64),
  /** When the relay received it from the sender, ms since the epoch. */
  queued_at: z.number().int().nonnegative(),
  answered: z.object({ status: z.number().int().min(200).max(299), body: z.string().max(1024) }),
});

/** Relay → client: a sender's request head. The body follows as data frames unless `end` is set. */
export const RequestHead = z.object({
  type: z.literal('request'),
  stream: StreamId,
  method: z.string().min(1).max(64),
  /** Path and query as the app should see them (the /t/<id> prefix removed). */
  target: z.string().min(1),
  headers: RawHeaders,
  remote_address: z.string().nullable(),
  /** Whether the sender's connection to the relay was TLS. */
  tls: z.boolean(),
  end: z.boolean(),
  queued: QueuedInfo.optional(),
});

/** Client → relay: the app's answer head. The body follows as data frames unless `end` is set. */
export const ResponseHead = z.object({
  type: z.literal('response'),
  stream: StreamId,
  status: z.number().int().min(200).max(599),
  headers: RawHeaders,
  end: z.boolean(),
});

/** Either way: the receiver of a stream's body has consumed `bytes` more and lets the sender send that much more. */
export const Credit = z.object({ type: z.literal('credit'), stream: StreamId, bytes: z.number().int().positive() });

/**
 * Reset codes the app sends to have the relay act out a simulated failure on the sender's
 * connection, as the direct receiver would: a TCP reset, or closing it with no answer (the end of
 * a hang with a time limit). Any other code from the app means it gave up, and the sender gets 502.
 */
export const SIMULATED_RESET = 'simulated_reset';
export const SIMULATED_CLOSE = 'simulated_close';

/** Either way: abandon a stream (sender went away, body too large, protocol error). */
export const Reset = z.object({
  type: z.literal('reset'),
  stream: StreamId,
  code: z.string().max(64),
  message: z.string().max(1000).optional(),
});

/**
 * Client → relay: "send me no new requests; I am stopping". The relay holds new requests for
 * this id (for the next connection, or queues them) and echoes goaway, after which no new stream
 * can arrive. With `off` the user switched the tunnel off: its senders get 503 tunnel_offline at
 * once instead of being held or queued, until the app connects again.
 */
export const Goaway = z.object({ type: z.literal('goaway'), off: z.boolean().optional() });

/**
 * Client → relay, for a queued request (one whose head carried `queued`) instead of a response:
 * the app has committed it, or already held it (same relay id), or refused it for good (a 4xx such
 * as an unknown inbox). The relay deletes it from its queue only now. An app that could not store
 * it (a 5xx) resets the stream instead, and the relay keeps it for a later try.
 */
export const QueuedAck = z.object({ type: z.literal('queued_ack'), stream: StreamId, status: z.number().int().min(200).max(499) });

/**
 * Relay → client with the `queued` feature, after welcome: how many requests wait in its queue
 * (they come first, in arrival order), and what it dropped since it last told this tunnel:
 * entries older than its --queue-max-age, and senders refused with 507 while the queue was full.
 */
export const QueueNotice = z.object({
  type: z.literal('queue_notice'),
  waiting: z.number().int().nonnegative(),
  dropped_expired: z.number().int().nonnegative(),
  refused_full: z.number().int().nonnegative(),
});

export const RelayFrame = z.discriminatedUnion('type', [Welcome, Refused, RequestHead, Credit, Reset, Goaway, QueueNotice]);
export const ClientFrame = z.discriminatedUnion('type', [Hello, ResponseHead, Credit, Reset, Goaway, QueuedAck]);

export type Hello = z.infer<typeof Hello>;
export type Welcome = z.infer<typeof Welcome>;
export type Refused = z.infer<typeof Refused>;
export type RequestHead = z.infer<typeof RequestHead>;
export type ResponseHead = z.infer<typeof ResponseHead>;
export type Credit = z.infer<typeof Credit>;
export type Reset = z.infer<typeof Reset>;
export type Goaway = z.infer<typeof Goaway>;
export type QueuedInfo = z.infer<typeof QueuedInfo>;
export type QueuedAck = z.infer<typeof QueuedAck>;
export type QueueNotice = z.infer<typeof QueueNotice>;
export type RelayFrame = z.infer<typeof RelayFrame>;
export type ClientFrame = z.infer<typeof ClientFrame>;
