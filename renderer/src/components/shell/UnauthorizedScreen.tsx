import { readLaunchInfo } from '../../services/common/launch-info.js';
import { BrandMark } from './BrandMark.js';

/** Shown when there is no session: explains how to get one and shows nothing else. */
export function UnauthorizedScreen() {
  const { command, linkForm } = readLaunchInfo();
  return (
    <main className="app-notice" data-testid="unauthorized">
      <div className="app-notice__card">
        <BrandMark size={32} />
        <h1>
          Open the link printed by <code>{command}</code>
        </h1>
        <p>
          This page needs the one-time link from the terminal running Hookbench. It carries a token that signs this browser in; without it
          the inbox stays locked.
        </p>
        <pre data-testid="unauthorized-example">
          {command}
          {'\n'}
          {`  Inbox UI   ${linkForm}`}
        </pre>
        <p>Open that link in this browser. If the engine restarted with a new token, open the new link.</p>
      </div>
    </main>
  );
}
