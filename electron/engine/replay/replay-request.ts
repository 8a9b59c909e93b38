import type { RawHeaders } from '../../../shared/api/common.js';
import type { ReplayEdits } from '../../../shared/api/replays.js';
import { INBOUNDFLOW_HEADERS } from '../../../shared/inboundflow/headers.js';
import { sign } from '../../../shared/inboundflow/signature.js';
import { outgoingHeaders } from '../forward/forward-request.js';

export interface ReplaySource {
  method: string;
  headers: RawHeaders;
  body: Buffer;
}

export interface ReplayPlanInput {
  url: URL;
  mode: 'exact' | 'resign';
  /** The secret to re-sign with; required for resign. */
  secret: string | null;
  edits?: ReplayEdits;
  /** Unix seconds for the new X-InboundFlow-Timestamp. */
  timestamp: number;
}

export interface ReplayPlan {
  method: string;
  /** As they go on the wire: Host and Content-Length set for the target and the body. */
  headers: RawHeaders;
  body: Buffer;
  edited: boolean;
}

/** Replaces a header's value where it stands (first occurrence, its case kept) and drops its repeats; appends it if absent. */
export function setHeader(headers: RawHeaders, name: string, value: string): RawHeaders {
  const lower = name.toLowerCase();
  const out: RawHeaders = [];
  let seen = false;
  for (const pair of headers) {
    if (pair[0].toLowerCase() !== lower) out.push(pair);
    else if (!seen) {
      out.push([pair[0], value]);
      seen = true;
    }
  }
  if (!seen) out.push([name, value]);
  return out;
}

function editedBody(edit: NonNullable<ReplayEdits['body']>): Buffer {
  if (typeof edit === 'string') return Buffer.from(edit, 'utf8');
  return Buffer.from(edit.data, edit.encoding === 'base64' ? 'base64' : 'utf8');
}

/**
 * The request a replay sends. exact: the stored method, headers and bytes. resign: the same, with
 * a new timestamp and a signature over the body that is sent, so an edited body still verifies.
 * The body (and so the envelope's delivery_id) is only ever changed by an explicit edit.
 */
export function replayPlan(source: ReplaySource, input: ReplayPlanInput): ReplayPlan {
  let headers = input.edits?.headers ?? source.headers;
  const body = input.edits?.body === undefined ? source.body : editedBody(input.edits.body);
  if (input.mode === 'resign') {
    if (!input.secret) throw new Error('replayPlan: resign needs a secret');
    headers = setHeader(headers, INBOUNDFLOW_HEADERS.timestamp, String(input.timestamp));
    headers = setHeader(headers, INBOUNDFLOW_HEADERS.signature, sign(input.secret, input.timestamp, body));
  }
  return {
    method: source.method,
    headers: outgoingHeaders(headers, input.url, source.method, body.byteLength),
    body,
    edited: input.edits?.headers !== undefined || input.edits?.body !== undefined,
  };
}
