import type { checkRoutes } from '../../../shared/api/check-routes.js';
import type { HandlerChecker } from '../check/handler-checker.js';
import type { Handlers } from './router.js';

/** The handler check's route (shared/api/check-routes.ts). */
export function createCheckHandlers({ checker }: { checker: HandlerChecker }): Handlers<typeof checkRoutes> {
  return { checkHandler: ({ body }) => checker.run(body) };
}
