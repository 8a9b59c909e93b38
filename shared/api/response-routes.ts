import { NextResponse } from './responses.js';
import type { RouteContract } from './route-contract.js';

/** Scripted responses and failure simulation (set through PATCH /api/inboxes/:id). */
export const responseRoutes = {
  nextResponse: {
    method: 'GET',
    path: '/api/inboxes/:id/next-response',
    summary: 'What the next request to this inbox will get: forwarded, scripted, built-in, or a simulated failure',
    response: NextResponse,
  },
} as const satisfies Record<string, RouteContract>;
