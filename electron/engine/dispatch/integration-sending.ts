import { createSecretKey, type KeyObject } from 'node:crypto';
import type { IntegrationRow } from '../store/integrations/integration-repository.js';
import { checkIntegrationUrl } from './url-rules.js';

/** What sending to one integration needs, worked out once per version of its row rather than per delivery. */
export interface IntegrationSending {
  /** The URL as stored, parsed: where a delivery says it goes, even when it is refused. */
  target: URL;
  /** The URL once InboundFlow's rule passed it; null when it refuses it (the delivery is skipped as url_refused). */
  checked: URL | null;
  /** The signing secret as a key, made once: an HMAC per delivery then starts from it. */
  signingKey: KeyObject | null;
}

// Keyed by the row object: the repository replaces a row on every change, so a changed URL or secret is worked out again.
const prepared = new WeakMap<IntegrationRow, IntegrationSending>();

export function integrationSending(row: IntegrationRow, allowHttpLocalhost: boolean): IntegrationSending {
  let sending = prepared.get(row);
  if (sending) return sending;
  let checked: URL | null;
  try {
    checked = checkIntegrationUrl(row.url, allowHttpLocalhost);
  } catch {
    checked = null;
  }
  sending = {
    target: new URL(row.url),
    checked,
    signingKey: row.secret ? createSecretKey(Buffer.from(row.secret, 'utf8')) : null,
  };
  prepared.set(row, sending);
  return sending;
}
