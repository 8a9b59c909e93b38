import type { responseRoutes } from '../../../shared/api/response-routes.js';
import { HookbenchError } from '../../../shared/errors.js';
import type { Handlers } from './router.js';
import type { Store } from '../store/store.js';
import type { Responder } from '../responses/responder.js';

/** The scripted-response routes (shared/api/response-routes.ts); the rules themselves are set with PATCH /api/inboxes/:id. */
export function createResponseHandlers({ store, responder }: { store: Store; responder: Responder }): Handlers<typeof responseRoutes> {
  return {
    nextResponse: ({ params }) => {
      const inbox = store.inboxes.find(params.id);
      if (!inbox) throw new HookbenchError('not_found', `No inbox with id ${JSON.stringify(params.id)}.`, 404);
      return responder.preview(inbox);
    },
  };
}
