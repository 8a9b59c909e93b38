import { useMemo, useState } from 'react';
import { childCount, initiallyExpanded, JSON_CHILD_PAGE } from '../../model/delivery/json-tree-expansion.js';
import { duplicateKeys, type JsonNode } from '../../model/delivery/json-syntax-tree.js';
import './JsonTree.css';

/** Characters of a string literal shown before "show all". */
const STRING_CAP = 2_000;

/** Pretty JSON with syntax colours and collapsible objects and arrays; literals are shown exactly as sent. */
export function JsonTree({ root }: { root: JsonNode }) {
  const open = useMemo(() => initiallyExpanded(root), [root]);
  return (
    <div className="json-tree" role="tree" aria-label="JSON body">
      <JsonValue node={root} label={null} comma={false} open={open} duplicate={false} />
    </div>
  );
}

interface JsonValueProps {
  node: JsonNode;
  label: string | null;
  comma: boolean;
  open: Set<JsonNode>;
  duplicate: boolean;
}

function Key({ label, duplicate }: { label: string | null; duplicate: boolean }) {
  if (label === null) return null;
  return (
    <>
      <span className="json-tree__key">{label}</span>
      {duplicate && (
        <span className="json-tree__duplicate" title="This key appears more than once in the object; JSON.parse keeps only the last">
          duplicate
        </span>
      )}
      <span className="json-tree__punct">: </span>
    </>
  );
}

function JsonValue({ node, label, comma, open, duplicate }: JsonValueProps) {
  if (node.kind === 'object' || node.kind === 'array') {
    return <JsonContainer node={node} label={label} comma={comma} open={open} duplicate={duplicate} />;
  }
  return (
    <div className="json-tree__line" role="treeitem">
      <span className="json-tree__toggle-space" />
      <Key label={label} duplicate={duplicate} />
      {node.kind === 'string' ? <JsonString raw={node.raw} /> : <span className={`json-tree__${node.kind}`}>{node.raw}</span>}
      {comma && <span className="json-tree__punct">,</span>}
    </div>
  );
}

function JsonString({ raw }: { raw: string }) {
  const [all, setAll] = useState(false);
  if (all || raw.length <= STRING_CAP) return <span className="json-tree__string">{raw}</span>;
  return (
    <>
      <span className="json-tree__string">{raw.slice(0, STRING_CAP)}</span>
      <button type="button" className="show-more json-tree__inline-more" onClick={() => setAll(true)}>
        … show all {raw.length.toLocaleString()} characters
      </button>
    </>
  );
}

function JsonContainer({
  node,
  label,
  comma,
  open,
  duplicate,
}: JsonValueProps & { node: Extract<JsonNode, { kind: 'object' | 'array' }> }) {
  const [expanded, setExpanded] = useState(() => open.has(node));
  const [shown, setShown] = useState(JSON_CHILD_PAGE);
  const count = childCount(node);
  const [opening, closing] = node.kind === 'object' ? ['{', '}'] : ['[', ']'];
  const duplicates = useMemo(() => (node.kind === 'object' && expanded ? duplicateKeys(node.entries) : null), [node, expanded]);

  if (count === 0) {
    return (
      <div className="json-tree__line" role="treeitem">
        <span className="json-tree__toggle-space" />
        <Key label={label} duplicate={duplicate} />
        <span className="json-tree__punct">
          {opening}
          {closing}
          {comma && ','}
        </span>
      </div>
    );
  }

  const summary = node.kind === 'object' ? `${count} ${count === 1 ? 'key' : 'keys'}` : `${count} ${count === 1 ? 'item' : 'items'}`;
  const visible = Math.min(shown, count);
  return (
    <div role="treeitem" aria-expanded={expanded}>
      <div className="json-tree__line">
        <button
          type="button"
          className="json-tree__toggle"
          aria-label={expanded ? 'Collapse' : 'Expand'}
          onClick={() => setExpanded(!expanded)}
        >
          {expanded ? '▾' : '▸'}
        </button>
        <Key label={label} duplicate={duplicate} />
        <span className="json-tree__punct">{opening}</span>
        {!expanded && (
          <>
            <button type="button" className="json-tree__collapsed" onClick={() => setExpanded(true)}>
              … {summary}
            </button>
            <span className="json-tree__punct">
              {closing}
              {comma && ','}
            </span>
          </>
        )}
      </div>
      {expanded && (
        <>
          <div className="json-tree__children" role="group">
            {node.kind === 'object'
              ? node.entries
                  .slice(0, visible)
                  .map((entry, index) => (
                    <JsonValue
                      key={index}
                      node={entry.value}
                      label={entry.rawKey}
                      comma={index < count - 1}
                      open={open}
                      duplicate={duplicates?.has(entry.rawKey) ?? false}
                    />
                  ))
              : node.items
                  .slice(0, visible)
                  .map((item, index) => (
                    <JsonValue key={index} node={item} label={null} comma={index < count - 1} open={open} duplicate={false} />
                  ))}
            {visible < count && (
              <button type="button" className="show-more" onClick={() => setShown(shown + JSON_CHILD_PAGE)}>
                Show {Math.min(JSON_CHILD_PAGE, count - visible).toLocaleString()} more of {count.toLocaleString()}
              </button>
            )}
          </div>
          <div className="json-tree__line">
            <span className="json-tree__toggle-space" />
            <span className="json-tree__punct">
              {closing}
              {comma && ','}
            </span>
          </div>
        </>
      )}
    </div>
  );
}
