import type { z } from 'zod';
import type { RouteContract } from '../../../shared/api/routes.js';

export interface HandlerInput<R extends RouteContract> {
  params: Record<string, string>;
  query: R['query'] extends z.ZodType ? z.output<R['query']> : Record<string, never>;
  body: R['body'] extends z.ZodType ? z.output<R['body']> : undefined;
}

export type Handler<R extends RouteContract> = (input: HandlerInput<R>) => unknown;

export type Handlers<T extends Record<string, RouteContract>> = { [K in keyof T]: Handler<T[K]> };

interface CompiledRoute {
  contract: RouteContract;
  pattern: RegExp;
  keys: string[];
  handler: Handler<RouteContract>;
}

export type RouteMatch =
  | { kind: 'found'; contract: RouteContract; handler: Handler<RouteContract>; params: Record<string, string> }
  | { kind: 'method_not_allowed'; allowed: string[] }
  | { kind: 'not_found' };

/** Matches a method and path against the route table that also generates the OpenAPI document. */
export function compileRoutes<T extends Record<string, RouteContract>>(table: T, handlers: Handlers<T>) {
  const compiled: CompiledRoute[] = Object.entries(table).map(([name, contract]) => {
    const keys: string[] = [];
    const source = contract.path.replace(/:([a-zA-Z_]+)/g, (_, key: string) => {
      keys.push(key);
      return '([^/]+)';
    });
    return { contract, pattern: new RegExp(`^${source}$`), keys, handler: handlers[name] };
  });

  return (method: string, pathname: string): RouteMatch => {
    const allowed: string[] = [];
    for (const route of compiled) {
      const match = route.pattern.exec(pathname);
      if (!match) continue;
      if (route.contract.method !== method) {
        allowed.push(route.contract.method);
        continue;
      }
      const params: Record<string, string> = {};
      route.keys.forEach((key, i) => (params[key] = decodeURIComponent(match[i + 1])));
      return { kind: 'found', contract: route.contract, handler: route.handler, params };
    }
    return allowed.length ? { kind: 'method_not_allowed', allowed } : { kind: 'not_found' };
  };
}
