import type { signatureRoutes } from '../../../shared/api/signature-routes.js';
import { HookbenchError } from '../../../shared/errors.js';
import { customConfigOf, schemeSettingOf, signatureSettingsOf } from '../signatures/inbox-signature.js';
import type { HandlerContext } from './core-handlers.js';
import { toApiInbox } from './inbox-view.js';
import type { Handlers } from './router.js';

/** An inbox's signature setting (shared/api/signature-routes.ts): secrets go in, only hints come out. */
export function createSignatureHandlers(ctx: HandlerContext): Handlers<typeof signatureRoutes> {
  const { store, events } = ctx;
  const findInbox = (idOrSlug: string) => {
    const row = store.inboxes.find(idOrSlug);
    if (!row) throw new HookbenchError('not_found', `No inbox with id ${JSON.stringify(idOrSlug)}.`, 404);
    return row;
  };
  return {
    getInboxSignature: ({ params }) => signatureSettingsOf(findInbox(params.id)),

    updateInboxSignature: async ({ params, body }) => {
      const current = findInbox(params.id);
      const scheme = body.scheme ?? schemeSettingOf(current);
      const custom = body.custom === undefined ? customConfigOf(current) : body.custom;
      if (scheme === 'custom' && !custom) {
        throw new HookbenchError(
          'custom_scheme_missing',
          'Describe the custom scheme (header, prefix, algorithm, encoding and signed-string template) to check signatures with it.',
          400,
        );
      }
      // Awaited: the store's writes may be queued (a promise) or immediate.
      const row = await store.inboxes.update(current.id, {
        ...(body.secret !== undefined ? { secret: body.secret } : {}),
        ...(body.previous_secret === null ? { previous_secret: null } : {}),
        signature: { scheme, custom },
      });
      events.emit({
        type: 'inbox.updated',
        inbox: toApiInbox(row, ctx.receiverUrls(), store.deliveries.count(row.id), store.deliveries.duplicates(row.id)),
      });
      return signatureSettingsOf(row);
    },
  };
}
