import { useEffect, useRef } from 'react';
import { useDeliveryList, useDeliverySelection } from '../../model/common/use-stores.js';
import { useWorkbench } from '../../model/common/workbench-context.js';
import './SelectionBar.css';

const CLEARED_WHY = { filters: 'the filters changed', reload: 'the list was reloaded' } as const;

/** Above the list: pick every loaded row, the count of picked rows, and a way to drop them. */
export function SelectionBar() {
  const { selection } = useWorkbench();
  const { ids, cleared } = useDeliverySelection();
  const { count } = useDeliveryList();
  const all = useRef<HTMLInputElement>(null);
  const picked = ids.size;
  // Selection only ever holds loaded rows, so as many picked as loaded means all of them.
  const allPicked = count > 0 && picked >= count;

  useEffect(() => {
    if (all.current) all.current.indeterminate = picked > 0 && !allPicked;
  }, [picked, allPicked]);

  return (
    <div className="selection-bar" data-testid="selection-bar" data-count={picked}>
      <label className="selection-bar__all">
        <input
          ref={all}
          type="checkbox"
          checked={allPicked}
          disabled={count === 0}
          onChange={() => (allPicked ? selection.clear() : selection.selectAllLoaded())}
          aria-label={`Select all ${count.toLocaleString()} loaded deliveries`}
          data-testid="select-all-loaded"
        />
        {picked === 0 && <span>Select all {count.toLocaleString()} loaded</span>}
      </label>
      <span className="selection-bar__status" role="status" data-testid="selection-count">
        {picked > 0 ? (
          <strong>{picked.toLocaleString()} selected</strong>
        ) : cleared ? (
          <span className="selection-bar__cleared">Selection cleared: {CLEARED_WHY[cleared]}.</span>
        ) : null}
      </span>
      {picked > 0 && (
        <button
          type="button"
          className="button button--small button--ghost"
          onClick={() => selection.clear()}
          data-testid="selection-clear"
        >
          Clear
        </button>
      )}
      <span className="selection-bar__hint muted">
        {picked > 0 ? 'Changing the filters clears the selection' : 'Shift-click picks a range'}
      </span>
    </div>
  );
}
