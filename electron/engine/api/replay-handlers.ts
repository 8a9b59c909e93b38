import type { replayRoutes } from '../../../shared/api/replay-routes.js';
import { arrivalFilter } from './export-handlers.js';
import type { Handlers } from './router.js';
import type { Store } from '../store/store.js';
import type { BulkReplays } from '../replay/bulk-replay.js';
import type { Replayer } from '../replay/replayer.js';

export interface ReplayContext {
  store: Pick<Store, 'inboxes'>;
  replayer: Replayer;
  bulk: BulkReplays;
}

/** The replay routes (shared/api/replay-routes.ts). */
export function createReplayHandlers({ store, replayer, bulk }: ReplayContext): Handlers<typeof replayRoutes> {
  return {
    replayDelivery: ({ params, body }) => replayer.replay(params.id, body),
    startBulkReplay: ({ body }) => bulk.start(body, body.filter ? arrivalFilter(store, body.filter) : null),
    getBulkReplay: ({ params }) => bulk.get(params.job),
    cancelBulkReplay: ({ params }) => bulk.cancel(params.job),
  };
}
