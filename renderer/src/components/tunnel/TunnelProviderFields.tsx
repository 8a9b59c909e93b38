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

type DraftKey = { [K in keyof TunnelDraft]: TunnelDraft[K] extends string ? K : never }[keyof TunnelDraft];

/** A labelled input bound to one draft value; the hint is its description, so the label alone names it. */
function DraftField({
  label,
  hint,
  name,
  field,
  type = 'text',
  placeholder,
  draft,
  onEdit,
}: {
  label: string;
  hint?: ReactNode;
  name: string;
  field: DraftKey;
  type?: 'text' | 'url' | 'password';
  placeholder: string;
  draft: TunnelDraft;
  onEdit: (patch: Partial<TunnelDraft>) => void;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="tunnel-field">
      <label className="tunnel-field__label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        aria-describedby={hintId}
        className="field"
        type={type}
        autoComplete="off"
        spellCheck={false}
        name={name}
        placeholder={placeholder}
        value={draft[field]}
        onChange={(event) => onEdit({ [field]: event.target.value })}
      />
      {hint && (
        <span className="tunnel-field__hint" id={hintId}>
          {hint}
        </span>
      )}
    </div>
  );
}

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
          <DraftField
            label="cloudflared path"
            hint="Optional: leave empty to use the one found on PATH or in the data folder."
            name="cloudflared"
            field="cloudflared"
            placeholder={found ?? '/usr/local/bin/cloudflared'}
            draft={draft}
            onEdit={onEdit}
          />
        </div>
      );
    }
    case 'ngrok': {
      const saved = settings?.ngrok.authtoken ?? null;
      const source = settings?.ngrok.authtoken_source === 'env' ? 'from NGROK_AUTHTOKEN' : 'saved';
      return (
        <div className="tunnel-fields">
          <DraftField
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
            name="ngrok-authtoken"
            field="ngrokAuthtoken"
            type="password"
            placeholder={saved ? 'Leave empty to keep the token' : 'Your ngrok authtoken'}
            draft={draft}
            onEdit={onEdit}
          />
          <DraftField
            label="Static domain"
            hint="Optional: your free static domain keeps the URL across restarts."
            name="ngrok-domain"
            field="ngrokDomain"
            placeholder="example.ngrok-free.app"
            draft={draft}
            onEdit={onEdit}
          />
        </div>
      );
    }
    case 'localtunnel':
      return (
        <div className="tunnel-fields">
          <DraftField
            label="Host"
            hint="localtunnel.me, or your own localtunnel server."
            name="localtunnel-host"
            field="localtunnelHost"
            type="url"
            placeholder={DEFAULT_LOCALTUNNEL_HOST}
            draft={draft}
            onEdit={onEdit}
          />
          <DraftField
            label="Subdomain"
            hint="Optional: asked for on every start; empty for whatever the server gives."
            name="localtunnel-subdomain"
            field="localtunnelSubdomain"
            placeholder="my-hooks"
            draft={draft}
            onEdit={onEdit}
          />
        </div>
      );
    case 'relay': {
      const tokenSet = settings?.relay.token_set ?? false;
      return (
        <div className="tunnel-fields">
          <DraftField
            label="Relay URL"
            hint="Where your `hookbench relay` runs; see “Self-hosted relay” in the README."
            name="relay"
            field="relay"
            type="url"
            placeholder="https://relay.example.com"
            draft={draft}
            onEdit={onEdit}
          />
          <DraftField
            label="Token"
            hint={tokenSet ? <span data-testid="relay-token-saved">A token is saved. Leave empty to keep it.</span> : undefined}
            name="relay-token"
            field="relayToken"
            type="password"
            placeholder={tokenSet ? 'Leave empty to keep the token' : 'The relay token'}
            draft={draft}
            onEdit={onEdit}
          />
        </div>
      );
    }
  }
}
