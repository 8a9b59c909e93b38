import type { JsonNode } from './json-syntax-tree.js';

/** Children shown per object or array before "show more". */
export const JSON_CHILD_PAGE = 200;

export function childCount(node: JsonNode): number {
  if (node.kind === 'object') return node.entries.length;
  if (node.kind === 'array') return node.items.length;
  return 0;
}

function children(node: JsonNode): JsonNode[] {
  if (node.kind === 'object') return node.entries.map((entry) => entry.value);
  if (node.kind === 'array') return node.items;
  return [];
}

/**
 * Which containers start open: breadth first, while the number of visible lines stays under the
 * budget, so a small payload opens fully and a huge one opens only its top levels.
 */
export function initiallyExpanded(root: JsonNode, budget = 1500, maxDepth = 8): Set<JsonNode> {
  const expanded = new Set<JsonNode>();
  let lines = 1;
  let level: JsonNode[] = [root];
  for (let depth = 0; depth < maxDepth && level.length > 0; depth += 1) {
    const next: JsonNode[] = [];
    for (const node of level) {
      const count = Math.min(childCount(node), JSON_CHILD_PAGE);
      if (count === 0) continue;
      // An open container adds its shown children and a closing line.
      if (lines + count + 1 > budget) return expanded;
      lines += count + 1;
      expanded.add(node);
      next.push(...children(node).slice(0, JSON_CHILD_PAGE));
    }
    level = next;
  }
  return expanded;
}
