import { describe, expect, it } from 'vitest';
import { initiallyExpanded, JSON_CHILD_PAGE } from '../../renderer/src/model/delivery/json-tree-expansion.js';
import { parseJsonTree, type JsonNode } from '../../renderer/src/model/delivery/json-syntax-tree.js';

const parse = (value: unknown): JsonNode => {
  const result = parseJsonTree(JSON.stringify(value));
  if (!result.ok) throw new Error(result.message);
  return result.root;
};

/** Lines the tree shows: one per leaf or closed container, two (open and close) plus children per open one. */
function visibleLines(node: JsonNode, open: Set<JsonNode>): number {
  if (!open.has(node)) return 1;
  const children = node.kind === 'object' ? node.entries.map((e) => e.value) : node.kind === 'array' ? node.items : [];
  return 2 + children.slice(0, JSON_CHILD_PAGE).reduce((sum, child) => sum + visibleLines(child, open), 0);
}

describe('initiallyExpanded', () => {
  it('opens a small payload completely', () => {
    const root = parse({ event: 'x', data: { caller: { name: 'Dave' }, tags: [1, 2] } });
    expect(initiallyExpanded(root).size).toBe(4);
  });

  it('opens only the top levels of a huge payload, within the line budget', () => {
    const root = parse({ items: Array.from({ length: 5000 }, (_, i) => ({ id: i, nested: { deep: [i] } })) });
    const open = initiallyExpanded(root, 1500);
    expect(open.has(root)).toBe(true);
    expect(visibleLines(root, open)).toBeLessThanOrEqual(1500);
    // 1 root + 1 items + 200 items + 200 nested + 200 deep containers would be open without a budget.
    expect(open.size).toBeLessThan(602);
  });
});
