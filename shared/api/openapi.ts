import { z } from 'zod';
import { ApiError } from './common.js';
import type { RouteContract } from './routes.js';

type JsonObject = Record<string, unknown>;

const ERROR_RESPONSES: Record<string, string> = {
  '400': 'The request does not match the schema; the message names the field.',
  '401': 'Missing or wrong bearer token.',
  '403': 'Foreign Origin or a Host that is not the loopback API address.',
  '404': 'No such resource.',
};

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonObject;
  return rest;
}

function openApiPath(path: string): string {
  return path.replace(/:([a-zA-Z_]+)/g, '{$1}');
}

function operation(name: string, route: RouteContract): JsonObject {
  const parameters: JsonObject[] = [];
  for (const match of route.path.matchAll(/:([a-zA-Z_]+)/g)) {
    parameters.push({ name: match[1], in: 'path', required: true, schema: { type: 'string' } });
  }
  if (route.query) {
    for (const [key, field] of Object.entries(route.query.shape)) {
      const schema = jsonSchema(field as z.ZodType, 'input');
      parameters.push({ name: key, in: 'query', required: false, description: schema.description, schema });
    }
  }
  const errorSchema = jsonSchema(ApiError, 'output');
  const responses: JsonObject = {
    [String(route.status ?? 200)]: {
      description: route.summary,
      content: { [route.produces ?? 'application/json']: { schema: jsonSchema(route.response, 'output') } },
    },
  };
  for (const [status, description] of Object.entries(ERROR_RESPONSES)) {
    responses[status] = { description, content: { 'application/json': { schema: errorSchema } } };
  }
  return {
    operationId: name,
    summary: route.summary,
    parameters,
    ...(route.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } } }
      : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document of the control API, generated from the same zod schemas the server validates with. */
export function buildOpenApiDocument(routeTable: Record<string, RouteContract>, version: string): JsonObject {
  const paths: Record<string, JsonObject> = {};
  for (const [name, route] of Object.entries(routeTable)) {
    const key = openApiPath(route.path);
    paths[key] ??= {};
    paths[key][route.method.toLowerCase()] = operation(name, route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Hookbench control API',
      version,
      description: 'Local API of the Hookbench engine. Bound to 127.0.0.1; every request needs the bearer token.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths,
  };
}
