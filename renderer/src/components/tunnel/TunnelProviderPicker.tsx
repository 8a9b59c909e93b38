import type { TunnelProviderName, TunnelSettingsView, TunnelStatus } from '../../../../shared/api/tunnel-routes.js';
import type { TunnelDraft } from '../../model/tunnel/tunnel-draft.js';
import { TUNNEL_PROVIDERS } from '../../model/tunnel/tunnel-providers.js';
import { TunnelProviderFields } from './TunnelProviderFields.js';

interface TunnelProviderPickerProps {
  picked: TunnelProviderName;
  /** The provider that holds or is getting the public URL now, if any. */
  inUse: TunnelProviderName | null;
  onPick: (provider: TunnelProviderName) => void;
  draft: TunnelDraft;
  onEdit: (patch: Partial<TunnelDraft>) => void;
  settings: TunnelSettingsView | null;
  status: TunnelStatus | null;
}

/** The four providers as radio cards with what each needs; the picked one opens its fields. */
export function TunnelProviderPicker({ picked, inUse, onPick, draft, onEdit, settings, status }: TunnelProviderPickerProps) {
  return (
    // Radios in a radiogroup, not list items: a list may not take the radiogroup role.
    <div className="tunnel-providers" role="radiogroup" aria-label="Provider">
      {TUNNEL_PROVIDERS.map((info) => {
        const isPicked = info.name === picked;
        return (
          <div
            key={info.name}
            className={`tunnel-provider ${isPicked ? 'tunnel-provider--picked' : ''}`}
            data-testid="tunnel-provider"
            data-provider={info.name}
            data-picked={isPicked}
          >
            <label className="tunnel-provider__choice">
              <input
                type="radio"
                name="tunnel-provider"
                value={info.name}
                checked={isPicked}
                onChange={() => onPick(info.name)}
                aria-label={info.title}
                aria-describedby={`tunnel-needs-${info.name}`}
              />
              <span className="tunnel-provider__title">{info.title}</span>
              {inUse === info.name && <span className="tunnel-provider__in-use">in use</span>}
              <span className="tunnel-provider__needs" id={`tunnel-needs-${info.name}`}>
                Needs: {info.needs}
              </span>
            </label>
            {isPicked && (
              <div className="tunnel-provider__body">
                <p className="tunnel-provider__blurb">{info.blurb}</p>
                <TunnelProviderFields provider={info.name} draft={draft} onEdit={onEdit} settings={settings} status={status} />
              </div>
            )}
          </div>
        );
      })}
    </div>
  );
}
