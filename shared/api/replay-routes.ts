import { ReplayJob, BulkReplayRequest, ReplayRequest, ReplayResult } from './replays.js';
import type { RouteContract } from './route-contract.js';

/** Replaying stored deliveries, one at a time or in bulk. */
export const replayRoutes = {
  replayDelivery: {
    method: 'POST',
    path: '/api/deliveries/:id/replay',
    summary: 'Send a delivery again (exact or re-signed, optionally edited); the replay is stored as an outgoing delivery',
    body: ReplayRequest,
    response: ReplayResult,
  },
  startBulkReplay: {
    method: 'POST',
    path: '/api/replays',
    summary: 'Replay many deliveries in arrival order; progress on the live feed (replay.progress)',
    body: BulkReplayRequest,
    response: ReplayJob,
    status: 202,
  },
  getBulkReplay: { method: 'GET', path: '/api/replays/:job', summary: 'Progress of a bulk replay', response: ReplayJob },
  cancelBulkReplay: {
    method: 'POST',
    path: '/api/replays/:job/cancel',
    summary: 'Stop a bulk replay after the replay in flight',
    response: ReplayJob,
  },
} as const satisfies Record<string, RouteContract>;
