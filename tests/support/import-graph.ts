import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/** Files (paths relative to the root, with forward slashes) and the files each one imports. */
export type ImportGraph = Map<string, Set<string>>;

const SOURCE = /\.(ts|tsx|cts|mts)$/;

// An ES module names the emitted file (`./x.js`); the source beside it is what the graph follows.
const SOURCE_OF: [RegExp, string[]][] = [
  [/\.js$/, ['.ts', '.tsx']],
  [/\.cjs$/, ['.cts']],
  [/\.mjs$/, ['.mts']],
];

function sourceFile(root: string, from: string, specifier: string): string | null {
  const target = resolve(root, dirname(from), specifier);
  const candidates = [target];
  for (const [pattern, extensions] of SOURCE_OF) {
    if (pattern.test(target)) candidates.push(...extensions.map((ext) => target.replace(pattern, ext)));
  }
  const found = candidates.find((file) => SOURCE.test(file) && existsSync(file));
  return found ? relative(root, found).split(sep).join('/') : null;
}

/**
 * Every relative import of every TypeScript file under `dirs`: `import`, `import type`,
 * `export … from`, `import()` and `require()`. Type-only imports count, since a type that two
 * folders both need is a contract that belongs below them. Package imports are left out.
 */
export function importGraph(root: string, dirs: readonly string[]): ImportGraph {
  const graph: ImportGraph = new Map();
  for (const dir of dirs) {
    for (const name of readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })) {
      if (!SOURCE.test(name) || name.endsWith('.d.ts')) continue;
      const file = `${dir}/${name.split(sep).join('/')}`;
      const { importedFiles } = ts.preProcessFile(readFileSync(join(root, file), 'utf8'), true, true);
      const imports = new Set<string>();
      for (const { fileName } of importedFiles) {
        if (!fileName.startsWith('.')) continue;
        const target = sourceFile(root, file, fileName);
        if (target) imports.add(target);
      }
      graph.set(file, imports);
    }
  }
  return graph;
}

/** The graph with each node replaced by `groupOf(node)`; nodes mapped to null are left out, as are edges inside a group. */
export function groupedGraph(graph: ImportGraph, groupOf: (file: string) => string | null): ImportGraph {
  const grouped: ImportGraph = new Map();
  for (const [file, imports] of graph) {
    const from = groupOf(file);
    if (from === null) continue;
    const edges = grouped.get(from) ?? new Set<string>();
    grouped.set(from, edges);
    for (const target of imports) {
      const to = groupOf(target);
      if (to !== null && to !== from) edges.add(to);
    }
  }
  return grouped;
}

/**
 * The import cycles: each group of nodes that reach one another (a strongly connected component
 * of two or more, or a node importing itself), sorted, so a failure names every member.
 */
export function importCycles(graph: ImportGraph): string[][] {
  // Tarjan's algorithm, iterative so that a deep chain of imports cannot overflow the stack.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  let next = 0;
  const targets = (node: string) => [...(graph.get(node) ?? [])].filter((target) => graph.has(target));

  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work: { node: string; edges: string[]; at: number }[] = [];
    const enter = (node: string) => {
      index.set(node, next);
      low.set(node, next);
      next += 1;
      stack.push(node);
      onStack.add(node);
      work.push({ node, edges: targets(node), at: 0 });
    };
    enter(start);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (frame.at < frame.edges.length) {
        const target = frame.edges[frame.at++];
        if (!index.has(target)) enter(target);
        else if (onStack.has(target)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) !== index.get(frame.node)) continue;
      const members: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        members.push(member);
      } while (member !== frame.node);
      if (members.length > 1 || graph.get(frame.node)?.has(frame.node)) cycles.push(members.sort());
    }
  }
  return cycles.sort((a, b) => a[0].localeCompare(b[0]));
}

/** The imports from `from` that land in `to`, for a failure message that says which lines to move. */
export function importsBetween(graph: ImportGraph, groupOf: (file: string) => string | null, from: string, to: string): string[] {
  const lines: string[] = [];
  for (const [file, imports] of graph) {
    if (groupOf(file) !== from) continue;
    for (const target of imports) if (groupOf(target) === to) lines.push(`${file} → ${target}`);
  }
  return lines;
}
