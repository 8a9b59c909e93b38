import type { Integration } from '../../../../shared/api/integrations.js';
import { INTEGRATION_KINDS, type Kind } from '../../model/integrations/integration-kinds.js';
import { KindIcon } from '../common/KindIcon.js';
import './ConnectCards.css';

/** InboundFlow's Settings → Integrations cards: one per service, each with Connect. */
export function ConnectCards({
  integrations,
  active,
  onConnect,
}: {
  integrations: Integration[];
  active: Kind | null;
  onConnect: (kind: Kind) => void;
}) {
  return (
    <>
      <h2 className="visually-hidden">Connect a service</h2>
      <ul className="connect-cards" aria-label="Services">
        {INTEGRATION_KINDS.map((info) => {
          const connected = integrations.filter((integration) => integration.kind === info.kind).length;
          return (
            <li
              key={info.kind}
              className={`connect-card ${active === info.kind ? 'connect-card--active' : ''}`}
              data-testid="connect-card"
              data-kind={info.kind}
            >
              <KindIcon kind={info.kind} size={36} />
              <div className="connect-card__text">
                <h3>{info.title}</h3>
                <p>{info.tagline}</p>
              </div>
              <div className="connect-card__foot">
                <span className="connect-card__count">{connected > 0 ? `${connected} connected` : ''}</span>
                <button
                  type="button"
                  className={`button button--small ${active === info.kind ? '' : 'button--primary'}`}
                  onClick={() => onConnect(info.kind)}
                  aria-label={`Connect ${info.title}`}
                  aria-pressed={active === info.kind}
                >
                  Connect
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </>
  );
}
