import { ApiError } from './common.js';
import { coreRoutes } from './core-routes.js';
import type { RouteContract } from './route-contract.js';

export type { HttpMethod, RouteContract } from './route-contract.js';

/** Every control API route. Each subsystem declares its routes in its own file and is spread in here. */
export const routes = {
  ...coreRoutes,
} as const satisfies Record<string, RouteContract>;

export type RouteName = keyof typeof routes;

export { ApiError };
