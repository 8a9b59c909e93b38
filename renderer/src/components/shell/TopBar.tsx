import { useInboxes, useIntegrations } from '../../model/common/use-stores.js';
import { BrandMark } from './BrandMark.js';
import { LiveIndicator } from './LiveIndicator.js';
import { TunnelStatusPill } from '../tunnel/TunnelStatusPill.js';
import './TopBar.css';

export type WorkbenchView = 'deliveries' | 'inboxes' | 'integrations' | 'lab';

export function TopBar({ view, onViewChange }: { view: WorkbenchView; onViewChange: (view: WorkbenchView) => void }) {
  const { inboxes } = useInboxes();
  const { integrations } = useIntegrations();
  const disabled = integrations.filter((integration) => !integration.enabled).length;
  const tab = (id: WorkbenchView, label: string, count?: number, alert?: string) => (
    <button
      type="button"
      role="tab"
      aria-selected={view === id}
      className={`top-bar__tab ${view === id ? 'top-bar__tab--active' : ''}`}
      onClick={() => onViewChange(id)}
    >
      {label}
      {count !== undefined && (
        <span className={`top-bar__count ${alert ? 'top-bar__count--alert' : ''}`} title={alert}>
          {count}
          {alert && <span className="visually-hidden">, {alert}</span>}
        </span>
      )}
    </button>
  );
  return (
    <header className="top-bar">
      <div className="top-bar__brand">
        <BrandMark />
        <span>Hookbench</span>
      </div>
      <nav className="top-bar__tabs" role="tablist" aria-label="Views">
        {tab('deliveries', 'Deliveries')}
        {tab('inboxes', 'Inboxes', inboxes.length)}
        {tab('integrations', 'Integrations', integrations.length, disabled > 0 ? `${disabled} disabled` : undefined)}
        {tab('lab', 'Failure lab')}
      </nav>
      <div className="top-bar__end">
        <TunnelStatusPill />
        <LiveIndicator />
      </div>
    </header>
  );
}
