import type { coreRoutes } from '../../../shared/api/core-routes.js';
import { HookbenchError } from '../../../shared/errors.js';
import type { EngineEvents } from '../events.js';
import { resolveDeliveryFilter } from '../store/deliveries/delivery-filter.js';
import type { Store } from '../store/store.js';
import { bodyFileName } from '../../../shared/body-file-name.js';
import { toApiInbox, type ReceiverUrls } from './inbox-view.js';
import type { Handlers } from './router.js';
import { StreamedReply } from './streamed-reply.js';

export interface HandlerContext {
  store: Store;
  events: EngineEvents;
  version: string;
  dataDir: string;
  startedAt: number;
  receiverUrls: () => ReceiverUrls;
}

function notFound(what: string, id: string): HookbenchError {
  return new HookbenchError('not_found', `No ${what} with id ${JSON.stringify(id)}.`, 404);
}

/** The foundation's routes (shared/api/core-routes.ts), one function each. */
export function createCoreHandlers(ctx: HandlerContext): Handlers<typeof coreRoutes> {
  const { store, events } = ctx;
  const inboxView = (id: string) => {
    const row = store.inboxes.byId(id);
    if (!row) throw notFound('inbox', id);
    return toApiInbox(row, ctx.receiverUrls(), store.deliveries.count(row.id));
  };
  const findInbox = (idOrSlug: string) => {
    const row = store.inboxes.find(idOrSlug);
    if (!row) throw notFound('inbox', idOrSlug);
    return row;
  };

  const setPinned = async (id: string, pinned: boolean) => {
    if (!(await store.deliveries.setPinned(id, pinned))) throw notFound('delivery', id);
    const delivery = store.deliveries.summary(id)!;
    events.emit({ type: 'delivery.updated', delivery });
    return delivery;
  };

  return {
    health: () => {
      const writes = store.condition.status();
      return {
        ok: writes.state === 'ok',
        version: ctx.version,
        uptime_ms: Date.now() - ctx.startedAt,
        data_dir: ctx.dataDir,
        receiver: { http: ctx.receiverUrls().http, https: ctx.receiverUrls().https },
        deliveries: store.deliveries.count(),
        storage: { ...store.storageBytes(), ...writes },
      };
    },

    listDeliveries: ({ query }) => store.deliveries.list(resolveDeliveryFilter(query, (inbox) => findInbox(inbox).id)),

    getDelivery: ({ params, query }) =>
      store.deliveries.get(params.id, query.inline_limit) ??
      (() => {
        throw notFound('delivery', params.id);
      })(),

    getDeliveryBody: ({ params, query }) => {
      const stored = store.bodies.read(params.id, query.part);
      if (stored.kind === 'not_found') throw notFound('delivery', params.id);
      if (stored.kind === 'no_response') {
        throw new HookbenchError(
          'no_response',
          `Delivery ${JSON.stringify(params.id)} has no recorded response; ask for part=request.`,
          404,
        );
      }
      return StreamedReply.bytes(stored.bytes, query.download === '1' ? bodyFileName(params.id, query.part, stored.contentType) : null);
    },

    deleteDelivery: async ({ params }) => {
      if (!(await store.deliveries.delete(params.id))) throw notFound('delivery', params.id);
      events.emit({ type: 'delivery.deleted', id: params.id });
      return { ok: true };
    },

    pinDelivery: ({ params }) => setPinned(params.id, true),

    unpinDelivery: ({ params }) => setPinned(params.id, false),

    listInboxes: () => ({ items: store.inboxes.all().map((row) => inboxView(row.id)) }),

    createInbox: async ({ body }) => {
      const inbox = inboxView((await store.inboxes.create(body)).id);
      events.emit({ type: 'inbox.created', inbox });
      return inbox;
    },

    getInbox: ({ params }) => inboxView(findInbox(params.id).id),

    updateInbox: async ({ params, body }) => {
      const row = await store.inboxes.update(findInbox(params.id).id, body);
      const inbox = inboxView(row.id);
      events.emit({ type: 'inbox.updated', inbox });
      return inbox;
    },

    clearInbox: async ({ params }) => {
      const row = findInbox(params.id);
      const { removed, keptPinned } = await store.clearInbox(row.id);
      events.emit({ type: 'deliveries.removed', inbox_id: row.id, removed, reason: 'clear' });
      events.emit({ type: 'inbox.updated', inbox: inboxView(row.id) });
      return { ok: true as const, removed, kept_pinned: keptPinned };
    },

    deleteInbox: async ({ params }) => {
      const row = findInbox(params.id);
      await store.inboxes.delete(row.id);
      events.emit({ type: 'inbox.deleted', id: row.id });
      return { ok: true };
    },
  };
}
