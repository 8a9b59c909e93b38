import type { CheckRequest, Scorecard } from '../../../shared/handler-check/scorecard.js';
import { HookbenchError } from '../../../shared/errors.js';
import type { Dispatcher } from '../dispatch/dispatcher.js';
import type { IntegrationService } from '../dispatch/integration-service.js';
import type { Store } from '../store/store.js';
import { runHandlerCheck } from './handler-check.js';
import { createProbeSender } from './probe-sender.js';

export interface HandlerCheckerOptions {
  dispatcher: Dispatcher;
  integrations: IntegrationService;
  inboxes: Store['inboxes'];
  /** Hookbench's local CA, so a handler behind its own HTTPS receiver can be checked. */
  caPems: readonly string[];
}

interface Target {
  url: URL;
  secret: string | null;
  integrationId: string | null;
  streak: number;
}

function handlerUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new HookbenchError(
      'url_invalid',
      `${JSON.stringify(text)} is not an absolute URL; give the handler's full URL (https://…).`,
      400,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new HookbenchError('url_invalid', `The handler URL must be https:// (or http:// for a local handler), got ${url.protocol}`, 400);
  }
  if (url.username || url.password) {
    throw new HookbenchError(
      'url_has_credentials',
      'The handler URL must not contain a user name or password; InboundFlow sends none.',
      400,
    );
  }
  return url;
}

/**
 * The handler check as the API runs it: a URL, an integration (its URL, secret and current
 * failure streak) or an inbox's forward-to target (with the inbox secret). Each delivery is
 * stored as an ordinary outgoing delivery.
 */
export function createHandlerChecker({ dispatcher, integrations, inboxes, caPems }: HandlerCheckerOptions) {
  function targetOf(request: CheckRequest): Target {
    const secret = request.secret ?? null;
    if (request.integration_id !== undefined) {
      const row = integrations.find(request.integration_id);
      return {
        url: handlerUrl(row.url),
        secret: secret ?? row.secret,
        integrationId: row.id,
        streak: row.enabled === 1 ? row.consecutive_failures : 0,
      };
    }
    if (request.inbox !== undefined) {
      const inbox = inboxes.find(request.inbox);
      if (!inbox) throw new HookbenchError('not_found', `No inbox with id or slug ${JSON.stringify(request.inbox)}.`, 404);
      if (!inbox.forward_to) {
        throw new HookbenchError('no_forward_to', `Inbox ${inbox.slug} forwards nowhere; set its forward-to URL first.`, 400);
      }
      return { url: handlerUrl(inbox.forward_to), secret: secret ?? inbox.secret, integrationId: null, streak: 0 };
    }
    return { url: handlerUrl(request.url!), secret, integrationId: null, streak: 0 };
  }

  return {
    async run(request: CheckRequest): Promise<Scorecard> {
      const target = targetOf(request);
      const sender = createProbeSender({ caPems, record: (probe, send) => dispatcher.recordAttempt(probe, send) });
      try {
        return await runHandlerCheck({ ...target, organizationId: dispatcher.organizationId }, sender.send);
      } finally {
        await sender.close();
      }
    },
  };
}

export type HandlerChecker = ReturnType<typeof createHandlerChecker>;
