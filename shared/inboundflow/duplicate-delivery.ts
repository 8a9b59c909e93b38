import { headerValues, INBOUNDFLOW_HEADERS, type HeaderPairs } from './headers.js';

/** What the inbox knows of a received delivery, to tell how a second one with its delivery_id came about. */
export interface ReceivedCopy {
  headers: HeaderPairs;
  /** The body in any one stable text form (UTF-8 text, or base64); null when not at hand (a large body left out). */
  body: string | null;
}

export type DuplicateKind = 'exact_repeat' | 'redelivery' | 'different_body';

export interface DuplicateExplanation {
  kind: DuplicateKind;
  sentence: string;
}

const first = (headers: HeaderPairs, name: string) => headerValues(headers, name)[0] ?? null;

/**
 * Why a delivery_id arrived again: the very same request (timestamp and signature unchanged: an
 * exact replay, or a retry by something in between), a redelivery (same body, new timestamp and
 * signature, as InboundFlow sends it again), or another body under the same id (an edited replay,
 * or a sender bug). A handler must answer 2xx to each and do the work once.
 */
export function explainDuplicate(original: ReceivedCopy, duplicate: ReceivedCopy): DuplicateExplanation {
  if (original.body !== null && duplicate.body !== null && original.body !== duplicate.body) {
    return {
      kind: 'different_body',
      sentence:
        'Same delivery_id, different body: an edited replay, or a sender that reuses ids. Deduplicating on delivery_id would drop this one.',
    };
  }
  const sameStamp = first(original.headers, INBOUNDFLOW_HEADERS.timestamp) === first(duplicate.headers, INBOUNDFLOW_HEADERS.timestamp);
  const sameSignature = first(original.headers, INBOUNDFLOW_HEADERS.signature) === first(duplicate.headers, INBOUNDFLOW_HEADERS.signature);
  if (sameStamp && sameSignature) {
    return {
      kind: 'exact_repeat',
      sentence: 'The same request again, byte for byte (timestamp and signature unchanged): an exact replay, or a retry by a proxy.',
    };
  }
  return {
    kind: 'redelivery',
    sentence:
      'The same body sent again with a new timestamp and signature: a redelivery, as InboundFlow makes them. Answer 2xx and skip the work.',
  };
}
