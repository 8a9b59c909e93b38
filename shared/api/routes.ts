import { ApiError } from './common.js';
import { checkRoutes } from './check-routes.js';
import { coreRoutes } from './core-routes.js';
import { exportRoutes } from './export-routes.js';
import { insightRoutes } from './insight-routes.js';
import { integrationRoutes } from './integration-routes.js';
import { replayRoutes } from './replay-routes.js';
import { responseRoutes } from './response-routes.js';
import { signatureRoutes } from './signature-routes.js';
import type { RouteContract } from './route-contract.js';
import { tunnelRoutes } from './tunnel-routes.js';

export type { HttpMethod, RouteContract } from './route-contract.js';

/** Every control API route. Each subsystem declares its routes in its own file and is spread in here. */
export const routes = {
  ...coreRoutes,
  ...tunnelRoutes,
  ...integrationRoutes,
  ...replayRoutes,
  ...responseRoutes,
  ...exportRoutes,
  ...insightRoutes,
  ...checkRoutes,
  ...signatureRoutes,
} as const satisfies Record<string, RouteContract>;

export type RouteName = keyof typeof routes;

export { ApiError };
