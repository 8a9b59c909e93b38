import type { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** One control API route: the single source for the server's validation and the OpenAPI document. */
export interface RouteContract {
  method: HttpMethod;
  path: string;
  summary: string;
  query?: z.ZodObject;
  body?: z.ZodType;
  response: z.ZodType;
  /** The media type of a successful answer when it is not JSON (raw bytes); `response` then describes it. */
  produces?: string;
  status?: number;
}
