import './DetailPlaceholder.css';

/** What the right pane shows before a delivery is opened: how to open one. */
export function DetailPlaceholder() {
  return (
    <div className="detail-placeholder">
      <svg width="40" height="40" viewBox="0 0 40 40" aria-hidden="true">
        <rect x="5" y="7" width="30" height="26" rx="4" fill="none" stroke="currentColor" strokeWidth="2" />
        <path d="M5 14h30M11 20h12M11 25h18" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      </svg>
      <p>Open a delivery to see its headers, body and the response it got.</p>
      <dl>
        <div>
          <dt>
            <kbd>j</kbd> <kbd>k</kbd>
          </dt>
          <dd>move through the list</dd>
        </div>
        <div>
          <dt>
            <kbd>Enter</kbd>
          </dt>
          <dd>open</dd>
        </div>
        <div>
          <dt>
            <kbd>/</kbd>
          </dt>
          <dd>search</dd>
        </div>
        <div>
          <dt>
            <kbd>x</kbd>
          </dt>
          <dd>select for replay (Shift: a range)</dd>
        </div>
        <div>
          <dt>
            <kbd>Esc</kbd>
          </dt>
          <dd>close</dd>
        </div>
      </dl>
    </div>
  );
}
