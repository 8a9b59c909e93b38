import { BrandMark } from './BrandMark.js';

/** Shown when there is no session: explains how to get one and shows nothing else. */
export function UnauthorizedScreen() {
  return (
    <main className="app-notice" data-testid="unauthorized">
      <div className="app-notice__card">
        <BrandMark size={32} />
        <h1>Open the URL printed by `hookbench serve`</h1>
        <p>
          This page needs the one-time link from the terminal running Hookbench. It carries a token that signs this browser in; without it
          the inbox stays locked.
        </p>
        <pre>hookbench serve{'\n'}→ UI: http://127.0.0.1:4600/#token=…</pre>
        <p>Open that link in this browser. If the engine restarted with a new token, open the new link.</p>
      </div>
    </main>
  );
}
