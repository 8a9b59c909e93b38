import { useId, type ReactNode } from 'react';
import type { TunnelProviderName, TunnelSettingsView, TunnelStatus } from '../../../../shared/api/tunnel-routes.js';
import type { TunnelDraft } from '../../model/tunnel/tunnel-draft.js';
import { CLOUDFLARE_LIMITS, DEFAULT_LOCALTUNNEL_HOST } from '../../model/tunnel/tunnel-providers.js';
import { failedForCloudflared } from '../../model/tunnel/tunnel-status-view.js';
import { CloudflaredDownloadButton } from './CloudflaredDownloadButton.js';

interface FieldsProps {
  provider: TunnelProviderName;
  draft: TunnelDraft;
  onEdit: (patch: Partial<TunnelDraft>) => void;
  settings: TunnelSettingsView | null;
  status: TunnelStatus | null;
}

/** A labelled input; the hint is its description, so the label alone names it. */
function Field({
  label,
  hint,
  children,
}: {
  label: string;
  hint?: ReactNode;
  children: (ids: { id: string; hintId?: string }) => ReactNode;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className="tunnel-field">
      <label className="tunnel-field__label" htmlFor={id}>
        {label}
      </label>
      {children({ id, hintId: hint ? hintId : undefined })}
      {hint && (
        <span className="tunnel-field__hint" id={hintId}>
          {hint}
        </span>
      )}
    </div>
  );
}

const text = { className: 'field', type: 'text', autoComplete: 'off', spellCheck: false } as const;
const secret = { className: 'field', type: 'password', autoComplete: 'off', spellCheck: false } as const;

/** What one provider needs, prefilled from the saved settings; saved secrets are only ever shown masked. */
export function TunnelProviderFields({ provider, draft, onEdit, settings, status }: FieldsProps) {
  switch (provider) {
    case 'cloudflare': {
      const found = settings?.cloudflare.found ?? null;
      // A failed start already shows the install line and the download in the status card.
      const missing = settings !== null && found === null && !failedForCloudflared(status);
      return (
        <div className="tunnel-fields">
          <p className="tunnel-fields__note" data-testid="cloudflare-limits">
            {CLOUDFLARE_LIMITS}
          </p>
          {found && (
            <p className="tunnel-fields__found" data-testid="cloudflared-found">
              Runs <code>{found}</code>
            </p>
          )}
          {missing && (
            <div className="tunnel-fields__missing" data-testid="cloudflared-missing">
              <p>
                <strong>cloudflared is not on this machine</strong> (not on PATH, nor in Hookbench’s data folder). Install it from
                Cloudflare, enter its path below{settings.cloudflare.download_available ? ', or let Hookbench download it' : ''}.
              </p>
              {settings.cloudflare.download_available && <CloudflaredDownloadButton />}
            </div>
          )}
          <Field label="cloudflared path" hint="Optional: leave empty to use the one found on PATH or in the data folder.">
            {({ id, hintId }) => (
              <input
                id={id}
                aria-describedby={hintId}
                {...text}
                name="cloudflared"
                placeholder={found ?? '/usr/local/bin/cloudflared'}
                value={draft.cloudflared}
                onChange={(event) => onEdit({ cloudflared: event.target.value })}
              />
            )}
          </Field>
        </div>
      );
    }
    case 'ngrok': {
      const saved = settings?.ngrok.authtoken ?? null;
      const source = settings?.ngrok.authtoken_source === 'env' ? 'from NGROK_AUTHTOKEN' : 'saved';
      return (
        <div className="tunnel-fields">
          <Field
            label="Authtoken"
            hint={
              saved ? (
                <span data-testid="ngrok-authtoken-saved">
                  Using the token {source}: <code>{saved}</code>. Leave empty to keep it.
                </span>
              ) : (
                'From dashboard.ngrok.com → Your Authtoken. Saved readable by you only.'
              )
            }
          >
            {({ id, hintId }) => (
              <input
                id={id}
                aria-describedby={hintId}
                {...secret}
                name="ngrok-authtoken"
                placeholder={saved ? 'Leave empty to keep the token' : 'Your ngrok authtoken'}
                value={draft.ngrokAuthtoken}
                onChange={(event) => onEdit({ ngrokAuthtoken: event.target.value })}
              />
            )}
          </Field>
          <Field label="Static domain" hint="Optional: your free static domain keeps the URL across restarts.">
            {({ id, hintId }) => (
              <input
                id={id}
                aria-describedby={hintId}
                {...text}
                name="ngrok-domain"
                placeholder="example.ngrok-free.app"
                value={draft.ngrokDomain}
                onChange={(event) => onEdit({ ngrokDomain: event.target.value })}
              />
            )}
          </Field>
        </div>
      );
    }
    case 'localtunnel':
      return (
        <div className="tunnel-fields">
          <Field label="Host" hint="localtunnel.me, or your own localtunnel server.">
            {({ id, hintId }) => (
              <input
                id={id}
                aria-describedby={hintId}
                {...text}
                type="url"
                name="localtunnel-host"
                placeholder={DEFAULT_LOCALTUNNEL_HOST}
                value={draft.localtunnelHost}
                onChange={(event) => onEdit({ localtunnelHost: event.target.value })}
              />
            )}
          </Field>
          <Field label="Subdomain" hint="Optional: asked for on every start; empty for whatever the server gives.">
            {({ id, hintId }) => (
              <input
                id={id}
                aria-describedby={hintId}
                {...text}
                name="localtunnel-subdomain"
                placeholder="my-hooks"
                value={draft.localtunnelSubdomain}
                onChange={(event) => onEdit({ localtunnelSubdomain: event.target.value })}
              />
            )}
          </Field>
        </div>
      );
    case 'relay': {
      const tokenSet = settings?.relay.token_set ?? false;
      return (
        <div className="tunnel-fields">
          <Field label="Relay URL" hint="Where your `hookbench relay` runs; see “Self-hosted relay” in the README.">
            {({ id, hintId }) => (
              <input
                id={id}
                aria-describedby={hintId}
                {...text}
                type="url"
                name="relay"
                placeholder="https://relay.example.com"
                value={draft.relay}
                onChange={(event) => onEdit({ relay: event.target.value })}
              />
            )}
          </Field>
          <Field
            label="Token"
            hint={tokenSet ? <span data-testid="relay-token-saved">A token is saved. Leave empty to keep it.</span> : undefined}
          >
            {({ id, hintId }) => (
              <input
                id={id}
                aria-describedby={hintId}
                {...secret}
                name="relay-token"
                placeholder={tokenSet ? 'Leave empty to keep the token' : 'The relay token'}
                value={draft.relayToken}
                onChange={(event) => onEdit({ relayToken: event.target.value })}
              />
            )}
          </Field>
        </div>
      );
    }
  }
}
