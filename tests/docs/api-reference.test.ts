import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openApiMarkdown, type OpenApiDocument } from '../../shared/api/openapi-markdown.js';
import { buildOpenApiDocument } from '../../shared/api/openapi.js';
import type { RouteContract } from '../../shared/api/route-contract.js';
import { routes } from '../../shared/api/routes.js';
import { LIVE_PATH, SESSION_PATH } from '../../shared/api/session-paths.js';

const root = resolve(import.meta.dirname, '../..');
const referencePage = join(root, 'docs/api-reference.md');

/** What `npm run docs:api` writes for a route table (scripts/docs-api.js does the same from dist/). */
async function referenceFor(table: Record<string, RouteContract>): Promise<string> {
  const markdown = openApiMarkdown(buildOpenApiDocument(table, '') as unknown as OpenApiDocument);
  const options = await prettier.resolveConfig(referencePage);
  return prettier.format(markdown, { ...options, filepath: referencePage });
}

/** Every Markdown page but the generated one. */
function handWrittenPages(): string[] {
  return ['README.md', 'CONTRIBUTING.md', ...readdirSync(join(root, 'docs')).map((name) => `docs/${name}`)].filter(
    (page) => page.endsWith('.md') && page !== 'docs/api-reference.md',
  );
}

/** A documented route as a pattern: `:id`, `{id}` and `<id>` stand for any one segment; a trailing `…` for any rest. */
function routePattern(path: string): RegExp {
  const parts = path.split(/(:[a-z_]+|\{[a-z_]+\}|<[^>]+>|…)/i).map((part) => {
    if (part === '…') return '.*';
    if (/^(:|\{|<)/.test(part)) return '[^/]+';
    return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  });
  return new RegExp(`^${parts.join('')}$`);
}

describe('the API reference', () => {
  it('is the page generated from the route table (run `npm run docs:api` after changing a route)', async () => {
    expect(readFileSync(referencePage, 'utf8')).toBe(await referenceFor(routes));
  });

  it('changes when a route is added, so a page not regenerated fails the check above', async () => {
    const added = {
      ...routes,
      archiveInbox: {
        method: 'POST',
        path: '/api/inboxes/:id/archive',
        summary: 'Archive an inbox',
        body: z.object({ reason: z.string().describe('Why, for the log.') }),
        response: z.object({ archived_at: z.string() }),
      },
    } satisfies Record<string, RouteContract>;
    const page = await referenceFor(added);
    expect(page).toContain('### `POST /api/inboxes/{id}/archive`');
    expect(page).toContain('- `reason`: string — Why, for the log.');
    expect(page).toContain('- `archived_at`: string');
    expect(page).not.toBe(await referenceFor(routes));
  });

  it('names, in every hand-written page, only routes the server has', () => {
    const served = [
      ...Object.values(routes).map((route) => `${route.method} ${route.path}`),
      `POST ${SESSION_PATH}`,
      `WS ${LIVE_PATH}`,
      'GET /api/openapi.json',
    ];
    const unknown = handWrittenPages().flatMap((page) =>
      [...readFileSync(join(root, page), 'utf8').matchAll(/\b(GET|POST|PATCH|PUT|DELETE|WS) (\/api\/[^\s`?|)\\]*)/g)]
        .map(([, method, path]) => `${method} ${path.replace(/[.,;:]+$/, '')}`)
        .filter((mention) => !served.some((route) => routePattern(mention).test(route)))
        .map((mention) => `${page}: ${mention}`),
    );
    expect(unknown).toEqual([]);
  });

  it('writes every route in a hand-written page with its /api prefix, so the check above sees it', () => {
    const groups = new Set(Object.values(routes).map((route) => route.path.split('/')[2]));
    const unprefixed = handWrittenPages().flatMap((page) =>
      [...readFileSync(join(root, page), 'utf8').matchAll(/\b(GET|POST|PATCH|PUT|DELETE) \/([a-z-]+)/g)]
        .filter(([, , first]) => groups.has(first))
        .map(([mention]) => `${page}: ${mention}`),
    );
    expect(unprefixed).toEqual([]);
  });
});
