import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { headingAnchors, markdownLinks } from './markdown-links.js';

const root = resolve(import.meta.dirname, '../..');
const pages = [
  'README.md',
  'CONTRIBUTING.md',
  ...readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];
// The only places a link may leave the repository: where a user gets a tunnel tool.
const allowedHosts = new Set(['developers.cloudflare.com', 'dashboard.ngrok.com']);

function read(page: string): string {
  return readFileSync(join(root, page), 'utf8');
}

describe('the docs', () => {
  it('keep the README a front door of at most 250 lines', () => {
    expect(read('README.md').split('\n').length).toBeLessThanOrEqual(250);
  });

  it('has a page for every topic', () => {
    const topics = [
      'receiving-and-storage',
      'inbox-ui',
      'signatures',
      'inboundflow-contract',
      'dispatch-and-failure-lab',
      'replay-forward-and-answers',
      'tunnels-and-relay',
      'cli',
      'api',
      'configuration',
      'desktop-app',
      'benchmarks',
      'architecture',
    ];
    expect(topics.filter((topic) => !existsSync(join(root, 'docs', `${topic}.md`)))).toEqual([]);
  });

  it('link only to files and headings that exist', () => {
    const broken: string[] = [];
    for (const page of pages) {
      for (const { line, target } of markdownLinks(read(page))) {
        if (/^[a-z]+:/i.test(target)) continue;
        const [path, anchor] = target.split('#');
        const file = path === '' ? join(root, page) : resolve(dirname(join(root, page)), path);
        if (!existsSync(file)) broken.push(`${page}:${line} ${target} (no such file)`);
        else if (anchor && file.endsWith('.md') && !headingAnchors(readFileSync(file, 'utf8')).has(anchor)) {
          broken.push(`${page}:${line} ${target} (no heading #${anchor} in ${relative(root, file)})`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it('never link outside the repository except to get a tunnel tool', () => {
    const outside = pages.flatMap((page) =>
      markdownLinks(read(page))
        .filter(({ target }) => /^[a-z]+:/i.test(target) && !(target.startsWith('https://') && allowedHosts.has(new URL(target).hostname)))
        .map(({ line, target }) => `${page}:${line} ${target}`),
    );
    expect(outside).toEqual([]);
  });

  it('describe the InboundFlow contract without sending the reader elsewhere', () => {
    expect(read('docs/inboundflow-contract.md')).not.toMatch(/https?:\/\/[a-z0-9]/i);
  });
});
