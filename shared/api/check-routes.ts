import { CheckRequest, Scorecard } from '../handler-check/scorecard.js';
import type { RouteContract } from './route-contract.js';

/** The handler check: real deliveries against a handler, judged by InboundFlow's contract. */
export const checkRoutes = {
  checkHandler: {
    method: 'POST',
    path: '/api/checks',
    summary:
      'Check a handler (a URL, an integration or an inbox forward-to target) against InboundFlow’s contract; answers after the last delivery (at most 90 s)',
    body: CheckRequest,
    response: Scorecard,
  },
} as const satisfies Record<string, RouteContract>;
