import type { RawHeaders, RecordBody } from '../../../../shared/api/common.js';
import type { DeliveryRecord, DeliverySummary } from '../../../../shared/api/deliveries.js';
import { encodeBody } from '../../../../shared/api/body-codec.js';
import type { DeliveryAnswer } from '../../../../shared/api/responses.js';
import type { TunnelProviderName } from '../../../../shared/api/tunnel-routes.js';
import { SCHEME_NAMES, type SchemeName } from '../../../../shared/signatures/scheme.js';
import { storedSchemeVerdict } from '../../../../shared/signatures/scheme-verdict.js';

/** A delivery as the engine hands it to the store, before it has a row. */
export interface NewDelivery {
  id: string;
  direction: 'in' | 'out';
  inboxId: string | null;
  integrationId: string | null;
  method: string;
  path: string;
  headers: RawHeaders;
  body: Buffer;
  contentType: string | null;
  jsonState: 'valid' | 'invalid' | null;
  remoteAddress: string | null;
  tls: boolean;
  via: DeliverySummary['via'];
  /** Incoming through a tunnel: its provider, and what reported remoteAddress. */
  tunnelProvider?: TunnelProviderName | null;
  remoteAddressSource?: string | null;
  receivedAt: number;
  response: { status: number; headers: RawHeaders; body: Buffer } | null;
  event: string | null;
  deliveryId: string | null;
  signature: DeliveryRecord['signature'];
  schema: DeliveryRecord['schema'];
  replayOf: string | null;
  /** How it was answered (forward, scripted, failure); absent for the built-in answer. */
  answer?: DeliveryAnswer | null;
  /** Queued by a relay while the app was away: the relay's request id, when it took it and when it got here. */
  relayRequestId?: string | null;
  queuedAt?: number | null;
  drainedAt?: number | null;
  /** Set by the insert: the first delivery of this inbox with the same InboundFlow delivery_id, when there was one. */
  duplicateOf?: string | null;
}

const KNOWN_SCHEMES = new Set<string>(SCHEME_NAMES);

/** The columns a list needs; bodies are deliberately absent. */
export const SUMMARY_COLUMNS = `seq, id, direction, inbox_id, integration_id, method, path, event, delivery_id,
  content_type, body_size, json_state, signature_verdict, signature_scheme, schema_valid, response_status, received_at, via, tls,
  remote_address, tunnel_provider, remote_address_source, dispatch_state, error_class, skipped_reason, pinned, queued_at, drained_at, duplicate_of`;

export interface SummaryRow {
  seq: number;
  id: string;
  direction: 'in' | 'out';
  inbox_id: string | null;
  integration_id: string | null;
  method: string;
  path: string;
  event: string | null;
  delivery_id: string | null;
  content_type: string | null;
  body_size: number;
  json_state: 'valid' | 'invalid' | null;
  signature_verdict: DeliverySummary['signature_verdict'];
  signature_scheme: string | null;
  schema_valid: number | null;
  response_status: number | null;
  received_at: number;
  via: DeliverySummary['via'];
  tls: number;
  remote_address: string | null;
  tunnel_provider: TunnelProviderName | null;
  remote_address_source: string | null;
  dispatch_state: DeliverySummary['dispatch_state'];
  error_class: string | null;
  skipped_reason: DeliverySummary['skipped_reason'];
  pinned: number;
  queued_at: number | null;
  drained_at: number | null;
  duplicate_of: string | null;
}

export interface RecordRow extends SummaryRow {
  headers_json: string;
  response_headers_json: string | null;
  signature_json: string | null;
  schema_json: string | null;
  target_url: string | null;
  answer_json: string | null;
  replay_of: string | null;
  relay_request_id: string | null;
  /** Null when left out for being larger than the inline limit (see body_length). */
  body: Buffer | null;
  response_body: Buffer | null;
  body_length: number | null;
  response_body_length: number | null;
}

/** A body inline, or deferred to the body endpoint when it is larger than the caller's inline limit. */
function recordBody(bytes: Buffer | null, length: number | null, inlineLimit: number | undefined, href: string): RecordBody {
  const size = length ?? 0;
  if (inlineLimit !== undefined && size > inlineLimit) return { encoding: 'deferred', size, href };
  return encodeBody(bytes ?? Buffer.alloc(0));
}

export function bodyHref(id: string, part: 'request' | 'response'): string {
  return `/api/deliveries/${encodeURIComponent(id)}/body?part=${part}`;
}

export function toSummary(row: SummaryRow): DeliverySummary {
  const summary: DeliverySummary = {
    id: row.id,
    direction: row.direction,
    inbox_id: row.inbox_id,
    integration_id: row.integration_id,
    method: row.method,
    path: row.path,
    event: row.event,
    delivery_id: row.delivery_id,
    content_type: row.content_type,
    size: row.body_size,
    json: row.json_state,
    signature_verdict: row.signature_verdict,
    signature_scheme: KNOWN_SCHEMES.has(row.signature_scheme ?? '') ? (row.signature_scheme as SchemeName) : null,
    schema_valid: row.schema_valid === null ? null : row.schema_valid === 1,
    response_status: row.response_status,
    received_at: new Date(row.received_at).toISOString(),
    via: row.via,
    tls: row.tls === 1,
    remote_address: row.remote_address,
    tunnel_provider: row.tunnel_provider,
    remote_address_source: row.remote_address_source,
    pinned: row.pinned === 1,
    queued_at: row.queued_at === null ? null : new Date(row.queued_at).toISOString(),
    drained_at: row.drained_at === null ? null : new Date(row.drained_at).toISOString(),
  };
  if (row.direction === 'in') summary.duplicate_of = row.duplicate_of;
  if (row.direction === 'out') {
    summary.dispatch_state = row.dispatch_state;
    summary.error_class = row.error_class;
    summary.skipped_reason = row.skipped_reason;
  }
  return summary;
}

/** `inlineLimit` must be the one the row was selected with: the query leaves out the bodies past it. */
export function toRecord(row: RecordRow, inlineLimit?: number): DeliveryRecord {
  return {
    ...toSummary(row),
    headers: JSON.parse(row.headers_json) as RawHeaders,
    body: recordBody(row.body, row.body_length, inlineLimit, bodyHref(row.id, 'request')),
    response:
      row.response_status === null
        ? null
        : {
            status: row.response_status,
            headers: JSON.parse(row.response_headers_json ?? '[]') as RawHeaders,
            body: recordBody(row.response_body, row.response_body_length, inlineLimit, bodyHref(row.id, 'response')),
          },
    // The store writes these columns from the NewDelivery fields of the same types.
    signature: row.signature_json ? storedSchemeVerdict(JSON.parse(row.signature_json)) : null,
    schema: row.schema_json ? (JSON.parse(row.schema_json) as DeliveryRecord['schema']) : null,
    answer: row.answer_json ? (JSON.parse(row.answer_json) as DeliveryAnswer) : null,
    replay_of: row.replay_of,
    relay_request_id: row.relay_request_id,
    url: row.direction === 'out' ? row.target_url : null,
  };
}

/** The list-row view of a delivery that is being committed, without reading it back. */
export function summaryOfNew(d: NewDelivery): DeliverySummary {
  return {
    id: d.id,
    direction: d.direction,
    inbox_id: d.inboxId,
    integration_id: d.integrationId,
    method: d.method,
    path: d.path,
    event: d.event,
    delivery_id: d.deliveryId,
    content_type: d.contentType,
    size: d.body.byteLength,
    json: d.jsonState,
    signature_verdict: d.signature?.verdict ?? null,
    signature_scheme: d.signature?.scheme ?? null,
    schema_valid: d.schema ? d.schema.valid : null,
    response_status: d.response?.status ?? null,
    received_at: new Date(d.receivedAt).toISOString(),
    via: d.via,
    tls: d.tls,
    remote_address: d.remoteAddress,
    tunnel_provider: d.tunnelProvider ?? null,
    remote_address_source: d.remoteAddressSource ?? null,
    pinned: false,
    queued_at: d.queuedAt == null ? null : new Date(d.queuedAt).toISOString(),
    drained_at: d.drainedAt == null ? null : new Date(d.drainedAt).toISOString(),
    ...(d.direction === 'in' ? { duplicate_of: d.duplicateOf ?? null } : {}),
  };
}
