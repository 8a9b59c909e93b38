import { initialSchema } from './001-initial.js';
import { dispatchSchema } from './002-dispatch.js';
import { answersSchema } from './003-answers.js';
import { searchRetentionSchema } from './004-search-retention.js';
import { insightSchema } from './005-insight.js';
import { replayIndexSchema } from './006-replay-index.js';
import { tunnelProviderSchema } from './007-tunnel-provider.js';
import { relayQueueSchema } from './008-relay-queue.js';
import { derivedWatermarkSchema } from './009-derived-watermark.js';
import { signatureSchemesSchema } from './010-signature-schemes.js';
import { duplicatesSchema } from './011-duplicates.js';
import type { Migration } from './migration.js';

/** Every migration, in order. Append only: a shipped migration is never edited or removed. */
export const MIGRATIONS: readonly Migration[] = [
  initialSchema,
  dispatchSchema,
  answersSchema,
  searchRetentionSchema,
  insightSchema,
  replayIndexSchema,
  tunnelProviderSchema,
  relayQueueSchema,
  derivedWatermarkSchema,
  signatureSchemesSchema,
  duplicatesSchema,
];
