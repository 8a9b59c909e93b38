type JsonSchema = {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  items?: JsonSchema | false;
  prefixItems?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
};

interface Parameter {
  name: string;
  in: 'path' | 'query';
  description?: string;
  schema: JsonSchema;
}

interface Operation {
  operationId: string;
  summary: string;
  parameters: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { description: string; content: Record<string, { schema: JsonSchema }> }>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
}

/** Nesting shown in the field lists; deeper objects are named, not spelled out (the OpenAPI document has them whole). */
const MAX_DEPTH = 3;
const ERROR_STATUSES = new Set(['400', '401', '403', '404']);

/** The unbounded ends zod writes for a plain integer, which say nothing to a reader. */
const SAFE_LIMIT = Number.MAX_SAFE_INTEGER;

function text(value: string): string {
  // A description is prose: keep markup characters literal (an intraword _ is literal already).
  return value.replace(/([\\*<]|\b_|_\b)/g, '\\$1').replace(/\s*\n\s*/g, ' ');
}

function code(value: string): string {
  return value.includes('`') ? `\`\` ${value} \`\`` : `\`${value}\``;
}

function variants(schema: JsonSchema): JsonSchema[] | null {
  return schema.anyOf ?? schema.oneOf ?? null;
}

function range(schema: JsonSchema): string {
  const low = schema.minimum ?? schema.minLength;
  const high = schema.maximum ?? schema.maxLength;
  const unit = schema.minLength !== undefined || schema.maxLength !== undefined ? ' chars' : '';
  const hasLow = low !== undefined && low !== -SAFE_LIMIT && !(low === 0 && unit === '' && high === SAFE_LIMIT);
  const hasHigh = high !== undefined && high !== SAFE_LIMIT;
  if (unit && low === 1 && !hasHigh) return ', non-empty';
  if (hasLow && hasHigh) return ` ${low}–${high}${unit}`;
  if (hasLow) return ` ≥ ${low}${unit}`;
  if (hasHigh) return ` ≤ ${high}${unit}`;
  return '';
}

/** A one-line type: `"a"` | `"b"`, integer 1–500, string | null, object[]. */
function typeLabel(schema: JsonSchema): string {
  if (schema.const !== undefined) return code(JSON.stringify(schema.const));
  if (schema.enum) return schema.enum.map((value) => code(JSON.stringify(value))).join(' | ');
  const members = variants(schema);
  if (members) return [...new Set(members.map(typeLabel))].join(' | ');
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length === 0) return 'any';
  return types
    .map((type) => {
      if (type === 'array') {
        if (schema.prefixItems) return `[${schema.prefixItems.map(typeLabel).join(', ')}]`;
        return schema.items ? `${typeLabel(schema.items)}[]` : 'array';
      }
      if (type === 'integer' || type === 'number' || type === 'string') return `${type}${types.length === 1 ? range(schema) : ''}`;
      return type;
    })
    .join(' | ');
}

/** The object (or objects, for a union) whose fields a reader needs listed under this one. */
function nestedObjects(schema: JsonSchema): JsonSchema[] {
  if (schema.properties) return [schema];
  if (schema.items && !schema.prefixItems) return nestedObjects(schema.items);
  const members = variants(schema);
  return members ? members.flatMap(nestedObjects) : [];
}

function fieldLines(schema: JsonSchema, depth: number): string[] {
  const indent = '  '.repeat(depth);
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).flatMap(([name, field]) => {
    const notes = [
      required.has(name) ? '' : 'optional',
      field.default !== undefined ? `default ${code(JSON.stringify(field.default))}` : '',
    ].filter(Boolean);
    const line = `${indent}- ${code(name)}: ${typeLabel(field)}${notes.length ? ` (${notes.join(', ')})` : ''}${field.description ? ` — ${text(field.description)}` : ''}`;
    return [line, ...nestedLines(field, depth + 1)];
  });
}

function nestedLines(schema: JsonSchema, depth: number): string[] {
  if (depth >= MAX_DEPTH) return [];
  const objects = nestedObjects(schema);
  if (objects.length === 1) return fieldLines(objects[0], depth);
  // A union of objects: each shape under its own item, named by the field that tells them apart (a const in one of them).
  const tag = objects.flatMap((object) => Object.entries(object.properties ?? {})).find(([, field]) => field.const !== undefined)?.[0];
  return objects.flatMap((object, index) => {
    const tagField = tag && object.properties?.[tag];
    const name = tagField ? `${code(tag)}: ${typeLabel(tagField)}` : `shape ${index + 1}`;
    return [`${'  '.repeat(depth)}- when ${name}:`, ...fieldLines(object, depth + 1)];
  });
}

/** A schema as a list of its fields, or one line for a value that is not an object. */
function schemaBlock(schema: JsonSchema): string[] {
  if (nestedObjects(schema).length > 0 && !schema.items) return nestedLines(schema, 0);
  const lines = [`- ${typeLabel(schema)}${schema.description ? ` — ${text(schema.description)}` : ''}`];
  return [...lines, ...nestedLines(schema, 1)];
}

function parameterLine(parameter: Parameter): string {
  const description = parameter.description ?? parameter.schema.description;
  return `- ${code(parameter.name)}: ${typeLabel(parameter.schema)}${description ? ` — ${text(description)}` : ''}`;
}

function operationSection(method: string, path: string, operation: Operation): string[] {
  const lines = [
    `### ${code(`${method.toUpperCase()} ${path}`)}`,
    '',
    `${text(operation.summary)}. Operation \`${operation.operationId}\`.`,
  ];
  const query = operation.parameters.filter((parameter) => parameter.in === 'query');
  if (query.length > 0) lines.push('', 'Query:', '', ...query.map(parameterLine));
  const body = operation.requestBody?.content['application/json'];
  if (body) lines.push('', 'Body (JSON):', '', ...schemaBlock(body.schema));
  for (const [status, response] of Object.entries(operation.responses)) {
    if (ERROR_STATUSES.has(status)) continue;
    const [mediaType, content] = Object.entries(response.content)[0];
    lines.push('', `Answer \`${status}\`, \`${mediaType}\`:`, '', ...schemaBlock(content.schema));
  }
  return lines;
}

/** The first path segment after /api names a route's group: deliveries, inboxes, tunnel… */
function groupOf(path: string): string {
  return path.split('/')[2] ?? '';
}

/**
 * The API reference page, generated from the OpenAPI document (itself built from the route table),
 * so the page cannot say anything the server does not validate.
 */
export function openApiMarkdown(document: OpenApiDocument): string {
  const groups = new Map<string, string[]>();
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const group = groupOf(path);
      groups.set(group, [...(groups.get(group) ?? []), ...operationSection(method, path, operation), '']);
    }
  }
  const lines = [
    '# API reference',
    '',
    '<!-- Generated by `npm run docs:api` from the route table (shared/api/*-routes.ts) through its OpenAPI document; do not edit by hand. -->',
    '',
    'Every route of the control API, with the fields the server validates and answers. How to call it (the token, the guard, errors,',
    'big bodies, the live feed) is in [The control API](api.md). Every route can also answer `400` (the request does not match the',
    'schema; the message names the field), `401` (missing or wrong token), `403` (foreign Origin or Host) and `404` (no such',
    'resource), each as `{"error": "<code>", "message": "<what to do>"}`. The same description as OpenAPI 3.1: `GET /api/openapi.json`.',
    '',
    ...[...groups.keys()].map((group) => `- [${group}](#${group})`),
    '',
  ];
  for (const [group, section] of groups) lines.push(`## ${group}`, '', ...section);
  return `${lines.join('\n').trimEnd()}\n`;
}
