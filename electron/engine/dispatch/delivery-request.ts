import type { KeyObject } from 'node:crypto';
import type { RawHeaders } from '../../../shared/api/common.js';
import type { InboundFlowEvent } from '../../../shared/inboundflow/events.js';
import { INBOUNDFLOW_HEADERS } from '../../../shared/inboundflow/headers.js';
import { sign } from '../../../shared/inboundflow/signature.js';

export const USER_AGENT = 'InboundFlow-Webhook/1.0';

export interface EnvelopeInput {
  event: InboundFlowEvent;
  /** When the event happened; the envelope's `timestamp`. */
  occurredAt: Date;
  organizationId: string;
  deliveryId: string;
  data: Record<string, unknown>;
}

/**
 * The delivery body: the envelope in the docs' key order, serialized once. These bytes are
 * stored, signed and sent unchanged, and a redelivery sends them again.
 */
export function envelopeBytes(input: EnvelopeInput): Buffer {
  const envelope = {
    event: input.event,
    timestamp: input.occurredAt.toISOString(),
    organization_id: input.organizationId,
    delivery_id: input.deliveryId,
    data: input.data,
  };
  return Buffer.from(JSON.stringify(envelope), 'utf8');
}

export interface HeaderInput {
  event: string;
  deliveryId: string;
  /** Unix seconds of this attempt; signed together with the body. */
  timestamp: number;
  body: Buffer;
  /** The integration's secret, or the key made from it once (integration-sending.ts). */
  secret: string | KeyObject | null;
}

/** The headers the docs list, in their order; the signature only when a secret is set. */
export function deliveryHeaders({ event, deliveryId, timestamp, body, secret }: HeaderInput): RawHeaders {
  const headers: RawHeaders = [
    [INBOUNDFLOW_HEADERS.contentType, 'application/json'],
    [INBOUNDFLOW_HEADERS.event, event],
    [INBOUNDFLOW_HEADERS.deliveryId, deliveryId],
    [INBOUNDFLOW_HEADERS.timestamp, String(timestamp)],
    [INBOUNDFLOW_HEADERS.userAgent, USER_AGENT],
  ];
  if (secret) headers.push([INBOUNDFLOW_HEADERS.signature, sign(secret, timestamp, body)]);
  return headers;
}

/**
 * The request headers exactly as they go on the wire (the exchange writes them as given): Host and
 * Connection, ours, then Content-Length (a test compares this with what a server receives).
 */
export function wireHeaders(url: URL, headers: RawHeaders, bodyLength: number): RawHeaders {
  return [['host', url.host], ['connection', 'keep-alive'], ...headers, ['content-length', String(bodyLength)]];
}
