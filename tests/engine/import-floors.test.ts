import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { groupedGraph, importCycles, importGraph, importsBetween, type ImportGraph } from '../support/import-graph.js';
import { tempDir } from '../support/temp-dir.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** electron/engine/<folder>/… → `<folder>/`; a file at the engine's top (engine.ts, config.ts…) stands for itself. */
function engineFolder(file: string): string | null {
  const match = /^electron\/engine\/([^/]+)(\/)?/.exec(file);
  if (!match) return null;
  return match[2] ? `${match[1]}/` : match[1].replace(/\.ts$/, '');
}

/**
 * The engine's floors, top down. A folder imports its own floor and the floors below, never one
 * above; together with no cycles, that is what lets each floor be read without the ones on top.
 */
const FLOORS: Record<string, string[]> = {
  'what starts and serves the engine': ['engine', 'api/'],
  features: ['tunnel/', 'receiver/', 'responses/', 'forward/', 'replay/', 'dispatch/', 'export/', 'check/'],
  'contracts, the wire and the store': [
    'inbound/',
    'outbound/',
    'signatures/',
    'store/',
    'tls/',
    'config',
    'events',
    'ids',
    'listen',
    'app-root',
    'data-dir',
    'port-check',
    'parent-pipe',
    'runtime-file',
  ],
};
const FLOOR_NAMES = Object.keys(FLOORS);
const floorOf = new Map(Object.entries(FLOORS).flatMap(([name, folders]) => folders.map((folder) => [folder, FLOOR_NAMES.indexOf(name)])));

function describeCycles(graph: ImportGraph, cycles: string[][], groupOf: (file: string) => string | null): string {
  return cycles
    .map((members) => {
      const edges = members.flatMap((from) => members.flatMap((to) => (from === to ? [] : importsBetween(graph, groupOf, from, to))));
      return `${members.join(' ↔ ')}\n  ${edges.join('\n  ')}`;
    })
    .join('\n');
}

describe('imports go one way', () => {
  const graph = importGraph(ROOT, ['electron', 'shared', 'renderer']);

  it('reads every source file of the app, the engine, the relay and the UI', () => {
    expect(graph.size).toBeGreaterThan(300);
    expect(graph.get('electron/engine/engine.ts')).toContain('electron/engine/api/api-server.ts');
  });

  it('has no two files that import each other, directly or around a loop', () => {
    const cycles = importCycles(graph);
    expect(
      cycles,
      describeCycles(graph, cycles, (file) => file),
    ).toEqual([]);
  });

  it('has no two engine folders that import each other, directly or around a loop', () => {
    const folders = groupedGraph(graph, engineFolder);
    const cycles = importCycles(folders);
    expect(cycles, describeCycles(graph, cycles, engineFolder)).toEqual([]);
  });

  it('reads as floors: api and the engine on top, features in the middle, contracts and the store at the bottom', () => {
    const folders = groupedGraph(graph, engineFolder);
    const unplaced = [...folders.keys()].filter((folder) => !floorOf.has(folder));
    expect(unplaced, 'new engine folders: give each a floor in FLOORS').toEqual([]);
    const upward: string[] = [];
    for (const [from, targets] of folders) {
      for (const to of targets) {
        if (floorOf.get(to)! < floorOf.get(from)!) upward.push(...importsBetween(graph, engineFolder, from, to));
      }
    }
    expect(upward, 'imports from a lower floor up into a higher one').toEqual([]);
  });
});

describe('the import graph script', () => {
  const fixture = tempDir('hookbench-import-graph-');
  afterAll(() => fixture.remove());
  const write = (file: string, text: string) => {
    mkdirSync(dirname(join(fixture.path, file)), { recursive: true });
    writeFileSync(join(fixture.path, file), text);
  };

  it('follows type-only imports, re-exports, dynamic imports and require, and leaves packages out', () => {
    write('src/a.ts', "import type { B } from './b.js';\nexport type A = B;\n");
    write('src/b.ts', "export { c } from './sub/c.js';\nexport type B = number;\n");
    write('src/sub/c.ts', "import 'zod';\nexport const c = () => import('../d.js');\n");
    write('src/d.ts', "const e = require('./e.cjs');\nexport default e;\n");
    write('src/e.cts', 'module.exports = 1;\n');
    const graph = importGraph(fixture.path, ['src']);
    expect(Object.fromEntries([...graph].map(([file, imports]) => [file, [...imports]]))).toEqual({
      'src/a.ts': ['src/b.ts'],
      'src/b.ts': ['src/sub/c.ts'],
      'src/sub/c.ts': ['src/d.ts'],
      'src/d.ts': ['src/e.cts'],
      'src/e.cts': [],
    });
  });

  it('finds a pair, a longer loop and a file importing itself, and nothing in a chain', () => {
    const graph: ImportGraph = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['a', 'c'])],
      ['c', new Set(['d'])],
      ['d', new Set(['e'])],
      ['e', new Set(['c'])],
      ['f', new Set(['f'])],
      ['g', new Set(['a', 'h'])],
      ['h', new Set<string>()],
    ]);
    expect(importCycles(graph)).toEqual([['a', 'b'], ['c', 'd', 'e'], ['f']]);
    expect(
      importCycles(
        new Map([
          ['a', new Set(['b'])],
          ['b', new Set(['c'])],
          ['c', new Set<string>()],
        ]),
      ),
    ).toEqual([]);
  });

  it('groups files into folders, dropping the imports inside a folder', () => {
    const graph: ImportGraph = new Map([
      ['x/one.ts', new Set(['x/two.ts', 'y/three.ts'])],
      ['x/two.ts', new Set<string>()],
      ['y/three.ts', new Set(['x/two.ts'])],
    ]);
    const folders = groupedGraph(graph, (file) => file.split('/')[0]);
    expect(folders).toEqual(
      new Map([
        ['x', new Set(['y'])],
        ['y', new Set(['x'])],
      ]),
    );
    expect(importCycles(folders)).toEqual([['x', 'y']]);
    expect(importsBetween(graph, (file) => file.split('/')[0], 'y', 'x')).toEqual(['y/three.ts → x/two.ts']);
  });
});
