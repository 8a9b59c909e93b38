import { useSyncExternalStore } from 'react';
import type { LiveStatus } from '../../services/common/live-socket.js';
import type { DeliveryListSnapshot } from '../deliveries/deliveries-store.js';
import type { DeliverySelection } from '../deliveries/delivery-selection.js';
import type { ComposerSnapshot } from '../integrations/event-composer-store.js';
import type { InboxesSnapshot } from '../inboxes/inboxes-store.js';
import type { IntegrationsSnapshot } from '../integrations/integrations-store.js';
import type { TunnelPanelSnapshot } from '../tunnel/tunnel-panel-state.js';
import type { TunnelSnapshot } from '../tunnel/tunnel-store.js';
import { useWorkbench } from './workbench-context.js';

export function useDeliveryList(): DeliveryListSnapshot {
  const { deliveries } = useWorkbench();
  return useSyncExternalStore(deliveries.subscribe, deliveries.getSnapshot);
}

export function useDeliverySelection(): DeliverySelection {
  const { selection } = useWorkbench();
  return useSyncExternalStore(selection.subscribe, selection.getSnapshot);
}

export function useInboxes(): InboxesSnapshot {
  const { inboxes } = useWorkbench();
  return useSyncExternalStore(inboxes.subscribe, inboxes.getSnapshot);
}

export function useLiveStatus(): LiveStatus {
  const { live } = useWorkbench();
  return useSyncExternalStore(live.subscribe, live.getStatus);
}

export function useIntegrations(): IntegrationsSnapshot {
  const { integrations } = useWorkbench();
  return useSyncExternalStore(integrations.subscribe, integrations.getSnapshot);
}

export function useComposer(): ComposerSnapshot {
  const { composer } = useWorkbench();
  return useSyncExternalStore(composer.subscribe, composer.getSnapshot);
}

export function useTunnel(): TunnelSnapshot {
  const { tunnel } = useWorkbench();
  return useSyncExternalStore(tunnel.subscribe, tunnel.getSnapshot);
}

export function useTunnelPanel(): TunnelPanelSnapshot {
  const { tunnelPanel } = useWorkbench();
  return useSyncExternalStore(tunnelPanel.subscribe, tunnelPanel.getSnapshot);
}
