#!/usr/bin/env node
// Writes docs/api-reference.md from the route table, through the OpenAPI document the engine serves.
// `npm run docs:api` compiles first; tests/docs/api-reference.test.ts fails when the committed page differs.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import prettier from 'prettier';
import { openApiMarkdown } from '../dist/shared/api/openapi-markdown.js';
import { buildOpenApiDocument } from '../dist/shared/api/openapi.js';
import { routes } from '../dist/shared/api/routes.js';

const page = join(fileURLToPath(import.meta.url), '../../docs/api-reference.md');
const markdown = openApiMarkdown(buildOpenApiDocument(routes, ''));
const options = await prettier.resolveConfig(page);
writeFileSync(page, await prettier.format(markdown, { ...options, filepath: page }));
console.log(`wrote ${page}`);
