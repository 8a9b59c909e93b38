import { DEFAULT_FORWARD_TIMEOUT_MS, type Inbox } from '../../../shared/api/inboxes.js';
import type { InboxRow } from '../store/inboxes/inbox-repository.js';
import { DEFAULT_INBOX_SLUG } from '../store/inboxes/inbox-repository.js';
import { effectiveRetention } from '../store/retention/retention.js';
import { schemeSettingOf } from '../signatures/inbox-signature.js';

export interface ReceiverUrls {
  http: string;
  https: string;
  tunnel: string | null;
}

/** The URL a sender should use for an inbox: the root for the default inbox, /i/<slug>/ for the rest. */
export function inboxPath(slug: string): string {
  return slug === DEFAULT_INBOX_SLUG ? '/' : `/i/${slug}/`;
}

export function toApiInbox(row: InboxRow, receiver: ReceiverUrls, deliveryCount: number, duplicateCount: number): Inbox {
  const path = inboxPath(row.slug);
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    secret: row.secret,
    previous_secret: row.previous_secret,
    created_at: new Date(row.created_at).toISOString(),
    updated_at: new Date(row.updated_at).toISOString(),
    urls: {
      http: receiver.http + path,
      https: receiver.https + path,
      tunnel: receiver.tunnel ? receiver.tunnel.replace(/\/$/, '') + path : null,
    },
    delivery_count: deliveryCount,
    duplicate_count: duplicateCount,
    forward_to: row.forward_to,
    forward_timeout_ms: row.forward_timeout_ms ?? DEFAULT_FORWARD_TIMEOUT_MS,
    // The store writes these columns from bodies already checked against the same schemas.
    response: row.response_json ? (JSON.parse(row.response_json) as Inbox['response']) : null,
    failure: row.failure_json ? (JSON.parse(row.failure_json) as Inbox['failure']) : null,
    retention: effectiveRetention(row.retention_json),
    signature_scheme: schemeSettingOf(row),
  };
}
