import { z } from 'zod';
import { DeliverySummary } from './deliveries.js';
import { Inbox } from './inboxes.js';

/** Every message the `/api/live` WebSocket pushes; the renderer validates against this too. */
export const LiveMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), version: z.string() }),
  z.object({ type: z.literal('delivery.created'), delivery: DeliverySummary }),
  z.object({ type: z.literal('delivery.updated'), delivery: DeliverySummary }),
  z.object({ type: z.literal('delivery.deleted'), id: z.string() }),
  z.object({ type: z.literal('inbox.created'), inbox: Inbox }),
  z.object({ type: z.literal('inbox.updated'), inbox: Inbox }),
  z.object({ type: z.literal('inbox.deleted'), id: z.string() }),
]);
export type LiveMessage = z.infer<typeof LiveMessage>;
