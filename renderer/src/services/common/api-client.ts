import type { z } from 'zod';
import { ApiError } from '../../../../shared/api/common.js';
import { routes, type RouteName } from '../../../../shared/api/routes.js';
import type { ApiConnection } from './api-connection.js';

type Routes = typeof routes;

/** The `:name` parts of a route path, e.g. "id" | "job". */
type PathParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;
type ParamNames<N extends RouteName> = PathParamNames<Routes[N]['path']>;
/** A route's query as URL parameters: its schema's keys, string values (the engine parses them). */
type QueryOf<N extends RouteName> = Routes[N] extends { query: z.ZodObject }
  ? Partial<Record<keyof z.input<Routes[N]['query']>, string>>
  : never;
type BodyOf<N extends RouteName> = Routes[N] extends { body: z.ZodType } ? z.input<Routes[N]['body']> : never;

/** What a route answers, as its response schema parses it. */
export type RouteResponse<N extends RouteName> = z.output<Routes[N]['response']>;

/** The path parameters, query and body of one route call, each typed by the route table and required only where the route has them. */
export type CallOptions<N extends RouteName> = ([ParamNames<N>] extends [never]
  ? { params?: undefined }
  : { params: Record<ParamNames<N>, string> }) &
  ([QueryOf<N>] extends [never] ? { query?: undefined } : { query?: QueryOf<N> }) &
  // Routes without a body schema take none, or `{}` where the engine wants a JSON object.
  ([BodyOf<N>] extends [never] ? { body?: Record<string, never> } : { body: BodyOf<N> });

type CallArgs<N extends RouteName> = object extends CallOptions<N> ? [options?: CallOptions<N>] : [options: CallOptions<N>];

/** A route's path with its parameters filled in, each encoded. */
export function routePath(name: RouteName, params: Record<string, string> = {}): string {
  return routes[name].path.replace(/:([A-Za-z_]+)/g, (_, param: string) => {
    const value = params[param];
    if (value === undefined) throw new Error(`${name} needs the path parameter ${param}.`);
    return encodeURIComponent(value);
  });
}

/** An API failure with the engine's machine code and the sentence to show the user. */
export class ApiRequestError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    /** The engine's `details`, e.g. every `{path, message}` of an invalid event's data. */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

export type QueryParams = Record<string, string | undefined>;

export interface RequestOptions<T> {
  query?: QueryParams;
  body?: unknown;
  schema?: z.ZodType<T>;
  /** Overrides the connection's credentials for this one request (the session exchange). */
  bearerToken?: string;
}

/** The one place that talks HTTP to the control API: base URL, credentials, error shape, schema check. */
export class ApiClient {
  private unauthorizedListeners = new Set<() => void>();

  constructor(
    readonly connection: ApiConnection,
    private readonly fetchImpl: typeof fetch = (...args) => fetch(...args),
  ) {}

  /** Called whenever the engine answers 401: the session is gone and the UI must stop showing data. */
  onUnauthorized(listener: () => void): () => void {
    this.unauthorizedListeners.add(listener);
    return () => this.unauthorizedListeners.delete(listener);
  }

  /** Calls a route of the shared table by name: method, path, parameters and the answer's schema all come from it. */
  call<N extends RouteName>(name: N, ...[options]: CallArgs<N>): Promise<RouteResponse<N>> {
    const route = routes[name];
    const { params, query, body } = (options ?? {}) as { params?: Record<string, string>; query?: QueryParams; body?: unknown };
    return this.request(route.method, routePath(name, params), { query, body, schema: route.response as z.ZodType<RouteResponse<N>> });
  }

  /** A route that answers raw bytes (a body, an export file), read whole. */
  callBlob<N extends RouteName>(name: N, ...[options]: CallArgs<N>): Promise<Blob> {
    const { params, query } = (options ?? {}) as { params?: Record<string, string>; query?: QueryParams };
    return this.requestBlob(routes[name].method, routePath(name, params), { query });
  }

  /** A route that answers text that is not JSON (a curl script). */
  callText<N extends RouteName>(name: N, ...[options]: CallArgs<N>): Promise<string> {
    const { params, query } = (options ?? {}) as { params?: Record<string, string>; query?: QueryParams };
    return this.requestText(routes[name].method, routePath(name, params), { query });
  }

  /** The absolute URL of a GET route, for a link the browser follows itself (an export streamed to disk). */
  routeUrl<N extends RouteName>(name: N, ...[options]: CallArgs<N>): URL {
    const { params, query } = (options ?? {}) as { params?: Record<string, string>; query?: QueryParams };
    return this.url(routePath(name, params), query);
  }

  async request<T>(method: string, path: string, options: RequestOptions<T> = {}): Promise<T> {
    const response = await this.send(method, path, options);
    const payload: unknown = await response.json().catch(() => undefined);
    if (!response.ok) throw this.failure(response, payload);
    if (!options.schema) return payload as T;
    const checked = options.schema.safeParse(payload);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      throw new ApiRequestError(
        'unexpected_response',
        `The engine's answer to ${method} ${new URL(path, this.connection.apiBase).pathname} does not match the API contract (${issue?.path.join('.') || 'root'}: ${issue?.message}).`,
        response.status,
      );
    }
    return checked.data;
  }

  /** For answers that are not JSON (a curl script, an export file): the raw text, or the engine's error. */
  async requestText(method: string, path: string, options: Pick<RequestOptions<never>, 'query'> = {}): Promise<string> {
    const response = await this.send(method, path, options);
    if (!response.ok) throw this.failure(response, await response.json().catch(() => undefined));
    return response.text();
  }

  /** A file the engine serves (an export), read whole; for when the page cannot simply link to it. */
  async requestBlob(method: string, path: string, options: Pick<RequestOptions<never>, 'query'> = {}): Promise<Blob> {
    const response = await this.send(method, path, options);
    if (!response.ok) throw this.failure(response, await response.json().catch(() => undefined));
    return response.blob();
  }

  /** The absolute URL of an API path with its query, as `request` would build it. */
  url(path: string, query: QueryParams = {}): URL {
    const url = new URL(path, this.connection.apiBase);
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') url.searchParams.set(key, value);
    }
    return url;
  }

  private async send(method: string, path: string, options: Omit<RequestOptions<unknown>, 'schema'>): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    const token = options.bearerToken ?? this.connection.bearerToken;
    if (token) headers.Authorization = `Bearer ${token}`;
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await this.fetchImpl(this.url(path, options.query), {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch {
      throw new ApiRequestError(
        'unreachable',
        `Cannot reach the Hookbench engine at ${this.connection.apiBase}. Is \`hookbench serve\` still running?`,
        0,
      );
    }
    if (response.status === 401) {
      for (const listener of this.unauthorizedListeners) listener();
    }
    return response;
  }

  private failure(response: Response, payload: unknown): ApiRequestError {
    const parsed = ApiError.safeParse(payload);
    return parsed.success
      ? new ApiRequestError(parsed.data.error, parsed.data.message, response.status, parsed.data.details)
      : new ApiRequestError('http_error', `The engine answered ${response.status} ${response.statusText}.`.trim(), response.status);
  }
}
