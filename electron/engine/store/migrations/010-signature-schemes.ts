import type { Migration } from './migration.js';

/**
 * Signature schemes: each inbox's setting (null = auto, or one scheme, with a custom HMAC
 * description as JSON) and, per delivery, the scheme its verdict was checked with. Verdicts
 * stored before schemes were all InboundFlow's. No index: like the verdict filter, the scheme
 * filter reads rows the list visits anyway, and ingest pays nothing more.
 */
export const signatureSchemesSchema: Migration = {
  version: 10,
  name: 'signature schemes: inbox setting and the scheme of each verdict',
  sql: `
    ALTER TABLE inboxes ADD COLUMN signature_scheme TEXT;
    ALTER TABLE inboxes ADD COLUMN signature_custom_json TEXT;
    ALTER TABLE deliveries ADD COLUMN signature_scheme TEXT;
    UPDATE deliveries SET signature_scheme = 'inboundflow' WHERE signature_verdict IS NOT NULL;
  `,
};
