import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Rolldown } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** Vite's own warning threshold: a chunk over 500 kB after minification. */
const CHUNK_LIMIT = 500 * 1024;

/** The renderer built as `npm run build` builds it, into a scratch folder so dist/ stays as it is. */
describe('renderer bundle', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'hookbench-bundle-'));
  let chunks: Rolldown.OutputChunk[] = [];

  beforeAll(async () => {
    // Vitest runs with NODE_ENV=test, which would give React's development build; `npm run build` has production.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    const result = await build({ mode: 'production', logLevel: 'silent', build: { outDir, emptyOutDir: true, sourcemap: false } }).finally(
      () => (process.env.NODE_ENV = nodeEnv),
    );
    const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
    chunks = outputs.flatMap((output) => output.output).filter((item): item is Rolldown.OutputChunk => item.type === 'chunk');
  }, 180_000);
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('has no chunk over 500 kB, so Vite has nothing to warn about', () => {
    const sizes = chunks.map((chunk) => [chunk.fileName, Buffer.byteLength(chunk.code)] as const);
    expect(sizes.filter(([, size]) => size > CHUNK_LIMIT)).toEqual([]);
  });

  it('loads CodeMirror, the charts and the panels other than the inbox on demand, not with the app', () => {
    const entry = chunks.find((chunk) => chunk.isEntry)!;
    const eager = new Set([entry.fileName, ...entry.imports]);
    const modulesOf = (fileNames: Iterable<string>) =>
      [...fileNames].flatMap((name) => Object.keys(chunks.find((chunk) => chunk.fileName === name)?.modules ?? {}));
    const loadedAtStart = modulesOf(eager).join('\n');
    for (const lazy of [
      '@codemirror/view',
      'chart.js',
      'components/inboxes/InboxesPanel.tsx',
      'components/integrations/IntegrationsView.tsx',
      'components/failure-lab/FailureLabPage.tsx',
      'components/insight/InsightPanel.tsx',
      'components/tunnel/TunnelPanel.tsx',
      'components/delivery/ReplayDialog.tsx',
      'components/deliveries/BulkReplayDialog.tsx',
    ])
      expect(loadedAtStart, lazy).not.toContain(lazy);
    expect(loadedAtStart).toContain('components/deliveries/DeliveriesView.tsx');
  });
});
