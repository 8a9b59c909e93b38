import type { RawHeaders } from '../../../shared/api/common.js';
import type { ReplayEdits } from '../../../shared/api/replays.js';
import type { SignatureScheme } from '../../../shared/signatures/scheme.js';
import { BUILT_IN_SCHEMES } from '../../../shared/signatures/registry.js';
import { outgoingHeaders } from '../forward/forward-request.js';
import { resign } from './resign.js';

export { setHeader } from './resign.js';

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
  /** Unix seconds for the new signature's timestamp. */
  timestamp: number;
  /** The scheme to re-sign with: the delivery's (default InboundFlow). */
  scheme?: SignatureScheme;
}

export interface ReplayPlan {
  /** Where it goes: the target, or for Twilio the target with the new body's bodySHA256. */
  url: URL;
  method: string;
  /** As they go on the wire: Host and Content-Length set for the target and the body. */
  headers: RawHeaders;
  body: Buffer;
  edited: boolean;
}

function editedBody(edit: NonNullable<ReplayEdits['body']>): Buffer {
  if (typeof edit === 'string') return Buffer.from(edit, 'utf8');
  return Buffer.from(edit.data, edit.encoding === 'base64' ? 'base64' : 'utf8');
}

/**
 * The request a replay sends. exact: the stored method, headers and bytes. resign: the same, with
 * a new timestamp and a signature over the body that is sent, in the delivery's scheme, so an
 * edited body still verifies.
 * The body (and so the envelope's delivery_id) is only ever changed by an explicit edit.
 */
export function replayPlan(source: ReplaySource, input: ReplayPlanInput): ReplayPlan {
  let headers = input.edits?.headers ?? source.headers;
  let url = input.url;
  const body = input.edits?.body === undefined ? source.body : editedBody(input.edits.body);
  if (input.mode === 'resign') {
    if (!input.secret) throw new Error('replayPlan: resign needs a secret');
    const scheme = input.scheme ?? BUILT_IN_SCHEMES.inboundflow;
    ({ headers, url } = resign(scheme, { headers, body, secret: input.secret, timestamp: input.timestamp, url }));
  }
  return {
    url,
    method: source.method,
    headers: outgoingHeaders(headers, url, source.method, body.byteLength),
    body,
    edited: input.edits?.headers !== undefined || input.edits?.body !== undefined,
  };
}
