import { z } from 'zod';
import { IsoTime } from './common.js';
import { DeliverySummary } from './deliveries.js';
import { StorageStatus } from './health.js';
import { Inbox } from './inboxes.js';
import { ReplayProgress } from './replays.js';
import { TunnelProviderName, TunnelStatus } from './tunnel-routes.js';
import { Integration } from './integrations.js';

/** Every message the `/api/live` WebSocket pushes; the renderer validates against this too. */
export const LiveMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), version: z.string() }),
  z.object({ type: z.literal('delivery.created'), delivery: DeliverySummary }),
  z.object({ type: z.literal('delivery.updated'), delivery: DeliverySummary }),
  z.object({ type: z.literal('delivery.deleted'), id: z.string() }),
  z.object({ type: z.literal('inbox.created'), inbox: Inbox }),
  z.object({ type: z.literal('inbox.updated'), inbox: Inbox }),
  z.object({ type: z.literal('inbox.deleted'), id: z.string() }),
  z
    .object({
      type: z.literal('deliveries.removed'),
      inbox_id: z.string(),
      removed: z.number().int().nonnegative(),
      reason: z.enum(['retention', 'clear']),
    })
    .meta({ description: 'Many deliveries of one inbox went at once (retention prune or clear); pinned ones stay. Reload the list.' }),
  z.object({ type: z.literal('integration.created'), integration: Integration }),
  z.object({ type: z.literal('integration.updated'), integration: Integration }),
  z.object({ type: z.literal('integration.deleted'), id: z.string() }),
  z.object({ type: z.literal('tunnel.status'), ...TunnelStatus.shape }),
  z
    .object({ type: z.literal('tunnel.url_changed'), provider: TunnelProviderName, from: z.string(), to: z.string(), at: IsoTime })
    .meta({ description: 'The public URL differs from the one this provider had last time: update the webhook at the sender.' }),
  z
    .object({ type: z.literal('storage.status'), ...StorageStatus.shape })
    .meta({ description: 'The store started or stopped refusing writes (full disk, failed flush); GET /api/health says the same.' }),
  ReplayProgress,
]);
export type LiveMessage = z.infer<typeof LiveMessage>;
