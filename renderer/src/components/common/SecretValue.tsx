import { useState } from 'react';
import type { Integration } from '../../../../shared/api/integrations.js';
import { formatExactTime } from '../../model/common/relative-time.js';
import { useAction } from '../../model/common/action-runner.js';
import { useWorkbench } from '../../model/common/workbench-context.js';
import { CopyButton } from './CopyButton.js';
import './SecretValue.css';

/** Hides all but the last four characters, keeping the whsec_ prefix readable. */
function masked(secret: string): string {
  const prefix = secret.startsWith('whsec_') ? 'whsec_' : '';
  return `${prefix}${'•'.repeat(12)}${secret.slice(-4)}`;
}

/** The integration's signing secret: hidden until asked, a copy button, and rotation (the old one lives on 24 hours). */
export function SecretValue({ integration, canRotate = true }: { integration: Integration; canRotate?: boolean }) {
  const { integrations } = useWorkbench();
  const [shown, setShown] = useState(false);
  const { busy, error, run } = useAction();

  if (!integration.secret) {
    return (
      <span className="secret-value secret-value--none" data-testid="secret-value">
        None — deliveries are unsigned (no X-InboundFlow-Signature)
      </span>
    );
  }

  const rotate = () =>
    void run(async () => {
      await integrations.rotateSecret(integration.id);
      setShown(true);
    });

  return (
    <div className="secret-value" data-testid="secret-value">
      <div className="secret-value__row">
        <code className="secret-value__text" data-testid="secret-text">
          {shown ? integration.secret : masked(integration.secret)}
        </code>
        <button type="button" className="button button--small button--ghost" onClick={() => setShown(!shown)} aria-pressed={shown}>
          {shown ? 'Hide' : 'Show'}
        </button>
        <CopyButton text={integration.secret} small title="Copy the signing secret" testId="copy-secret" />
        {canRotate && (
          <button
            type="button"
            className="button button--small"
            disabled={busy}
            onClick={rotate}
            title="Replace it with a new random secret"
          >
            Rotate
          </button>
        )}
      </div>
      {integration.previous_secret && (
        <p className="secret-value__previous muted">
          The previous secret stays valid on your side
          {integration.previous_secret_expires_at
            ? ` until ${formatExactTime(integration.previous_secret_expires_at, { milliseconds: false })}`
            : ''}
          ; deliveries are signed with the new one only.
        </p>
      )}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
