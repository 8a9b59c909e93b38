import { useEffect, useState } from 'react';
import type { Kind } from '../../model/integrations/integration-kinds.js';
import { useIntegrations } from '../../model/common/use-stores.js';
import { useWorkbench } from '../../model/common/workbench-context.js';
import { ConnectCards } from './ConnectCards.js';
import { EventComposer } from './EventComposer.js';
import { IntegrationCard } from './IntegrationCard.js';
import { IntegrationForm } from './IntegrationForm.js';
import './IntegrationsView.css';

/**
 * InboundFlow's Settings → Integrations, driven by Hookbench's own sender: connect Zapier, Make,
 * n8n or a custom URL, watch each one's failure streak, and fire events at them.
 */
export function IntegrationsView({ onShowDeliveries }: { onShowDeliveries: (integrationId: string, deliveryId?: string) => void }) {
  const store = useWorkbench().integrations;
  const { integrations, lastDelivery, loaded, error } = useIntegrations();
  // A fresh form per Connect press, even on the same card.
  const [connecting, setConnecting] = useState<{ kind: Kind; key: number } | null>(null);
  useEffect(() => void store.load(), [store]);

  return (
    <div className="integrations-view" data-testid="integrations-view">
      <div className="integrations-view__inner">
        <header className="integrations-view__header">
          <h1>Integrations</h1>
          <p className="muted">
            Hookbench sends webhooks exactly as InboundFlow does: same envelope, headers and signature, a 10-second timeout, and
            auto-disable after 10 failures in a row. Connect an endpoint as you would under InboundFlow → Settings → Integrations.
          </p>
        </header>
        <div className="integrations-view__columns">
          <div className="integrations-view__main">
            <ConnectCards
              integrations={integrations}
              active={connecting?.kind ?? null}
              onConnect={(kind) => setConnecting((current) => ({ kind, key: (current?.key ?? 0) + 1 }))}
            />
            {connecting && (
              <IntegrationForm
                key={connecting.key}
                start={{ kind: connecting.kind }}
                onClose={() => setConnecting(null)}
                onShowDelivery={onShowDeliveries}
              />
            )}
            <section className="integrations-view__list" aria-label="Connected integrations">
              <h2 className="detail-section-title">Connected · {integrations.length}</h2>
              {error && (
                <p className="error-text" role="alert">
                  {error}
                </p>
              )}
              {loaded && integrations.length === 0 && !error && (
                <p className="integrations-view__empty muted">
                  Nothing connected yet. Press <strong>Connect</strong> on a card above and paste the endpoint’s URL.
                </p>
              )}
              {integrations.map((integration) => (
                <IntegrationCard
                  key={integration.id}
                  integration={integration}
                  lastDelivery={lastDelivery[integration.id]}
                  onShowDeliveries={onShowDeliveries}
                />
              ))}
            </section>
          </div>
          <aside className="integrations-view__side">
            <EventComposer onShowDeliveries={onShowDeliveries} />
          </aside>
        </div>
      </div>
    </div>
  );
}
