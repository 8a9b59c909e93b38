import type { DeliverySummary } from '../../../../shared/api/deliveries.js';
import { ApiClient } from '../../services/common/api-client.js';
import { liveSocketProtocols, liveSocketUrl, type ApiConnection } from '../../services/common/api-connection.js';
import { DeliveriesApi } from '../../services/deliveries/deliveries-api.js';
import { EventsApi } from '../../services/integrations/events-api.js';
import { InboxesApi } from '../../services/inboxes/inboxes-api.js';
import { IntegrationsApi } from '../../services/integrations/integrations-api.js';
import { LiveSocket } from '../../services/common/live-socket.js';
import { DeliveriesStore } from '../deliveries/deliveries-store.js';
import { DeliveryBodies } from '../delivery/delivery-bodies.js';
import { DeliveryRecords } from '../delivery/delivery-records.js';
import { DeliverySelectionStore } from '../deliveries/delivery-selection.js';
import { EventComposerStore } from '../integrations/event-composer-store.js';
import { InboxesStore } from '../inboxes/inboxes-store.js';
import { IntegrationsStore } from '../integrations/integrations-store.js';
import { BulkReplayStore } from '../deliveries/bulk-replay-store.js';
import { LiveFeed } from './live-feed.js';
import { ReplaysApi } from '../../services/deliveries/replays-api.js';
import { HandlerCheckApi } from '../../services/handler-check/handler-check-api.js';
import { ExportsApi } from '../../services/deliveries/exports-api.js';
import { FailureLabApi } from '../../services/failure-lab/failure-lab-api.js';
import { ResponsesApi } from '../../services/inboxes/responses-api.js';
import { SignatureSettingsApi } from '../../services/inboxes/signature-settings-api.js';
import { FailureLabStore } from '../failure-lab/failure-lab-store.js';
import { TunnelApi } from '../../services/tunnel/tunnel-api.js';
import { StorageStore } from './storage-store.js';
import { TunnelStore } from '../tunnel/tunnel-store.js';
import { TunnelPanelState } from '../tunnel/tunnel-panel-state.js';
import { urlChangeDismissals } from '../../services/tunnel/url-change-dismissals.js';

/** Everything the views read from, wired once per page: API client, stores and the live feed that feeds them. */
export interface Workbench {
  client: ApiClient;
  deliveries: DeliveriesStore;
  /** Rows picked by hand in the list, for a bulk replay of just those. */
  selection: DeliverySelectionStore;
  records: DeliveryRecords;
  /** Bodies the records defer for being large, fetched as raw bytes on demand. */
  bodies: DeliveryBodies;
  inboxes: InboxesStore;
  integrations: IntegrationsStore;
  composer: EventComposerStore;
  /** Pins or unpins a delivery; the list shows the marker at once. */
  setPinned: (id: string, pinned: boolean) => Promise<DeliverySummary>;
  /** Sends an outgoing delivery again (same body and delivery_id, a new attempt). */
  redeliver: (id: string) => Promise<void>;
  live: LiveSocket;
  /** Every live message, for views that follow one inbox, job or integration. */
  feed: LiveFeed;
  replays: ReplaysApi;
  /** The handler check: real deliveries against an integration or a forward-to target, judged as a scorecard. */
  checks: HandlerCheckApi;
  bulkReplays: BulkReplayStore;
  exports: ExportsApi;
  responses: ResponsesApi;
  /** Each inbox's signature scheme (auto or one) and secrets. */
  signatureSettings: SignatureSettingsApi;
  lab: FailureLabStore;
  /** The public URL through a provider (Cloudflare, ngrok, localtunnel, relay): status, settings, connect, probe. */
  tunnel: TunnelStore;
  /** Whether the tunnel panel is open and with which provider picked; the empty inbox opens it too. */
  tunnelPanel: TunnelPanelState;
  /** Whether the store takes writes (full disk, failed flush). */
  storage: StorageStore;
}

export function createWorkbench(connection: ApiConnection): Workbench {
  const client = new ApiClient(connection);
  const deliveriesApi = new DeliveriesApi(client);
  const deliveries = new DeliveriesStore(deliveriesApi);
  const inboxes = new InboxesStore(new InboxesApi(client));
  const integrations = new IntegrationsStore(new IntegrationsApi(client), deliveriesApi);
  const composer = new EventComposerStore(new EventsApi(client));
  const feed = new LiveFeed();
  const replays = new ReplaysApi(client);
  // Inboxes carry their tunnel URL (urls.tunnel): read them again whenever the public URL changes.
  const tunnel = new TunnelStore(new TunnelApi(client), () => void inboxes.load(), urlChangeDismissals());
  const bulkReplays = new BulkReplayStore(replays, feed);
  const storage = new StorageStore(() => client.call('health'));
  const live = new LiveSocket({
    url: liveSocketUrl(connection),
    protocols: liveSocketProtocols(connection),
    onMessage(message) {
      feed.publish(message);
      switch (message.type) {
        case 'delivery.created':
          if (message.delivery.inbox_id) inboxes.countDelivery(message.delivery.inbox_id, 1, Boolean(message.delivery.duplicate_of));
          deliveries.receive(message);
          integrations.receiveDelivery(message.delivery);
          composer.receiveDelivery(message.delivery);
          break;
        case 'delivery.deleted': {
          // Read before the store drops it; deletions of rows never loaded are corrected on the next inbox load.
          const gone = deliveries.summary(message.id);
          if (gone?.inbox_id) inboxes.countDelivery(gone.inbox_id, -1, Boolean(gone.duplicate_of));
          deliveries.receive(message);
          break;
        }
        case 'delivery.updated':
          deliveries.receive(message);
          integrations.receiveDelivery(message.delivery);
          composer.receiveDelivery(message.delivery);
          break;
        case 'inbox.created':
        case 'inbox.updated':
        case 'inbox.deleted':
          inboxes.receive(message);
          break;
        case 'integration.created':
        case 'integration.updated':
        case 'integration.deleted':
          integrations.receive(message);
          break;
        case 'tunnel.status':
          tunnel.receive(message);
          break;
        case 'tunnel.url_changed':
          tunnel.receiveUrlChange({ from: message.from, to: message.to, at: message.at });
          break;
        case 'storage.status':
          storage.receive(message);
          break;
        case 'deliveries.removed':
          // Many rows went at once (retention or clear): counts from the engine; a cleared list starts over.
          void inboxes.load();
          if (message.reason === 'clear') void deliveries.reload();
          break;
        case 'hello':
          break;
      }
    },
    onResumed() {
      void deliveries.catchUp();
      void inboxes.load();
      void integrations.load();
      void tunnel.load();
      void storage.load();
      feed.resumed();
    },
  });
  return {
    client,
    deliveries,
    selection: new DeliverySelectionStore(deliveries),
    records: new DeliveryRecords(deliveriesApi),
    bodies: new DeliveryBodies(deliveriesApi),
    inboxes,
    integrations,
    composer,
    setPinned: async (id, pinned) => {
      const summary = await deliveriesApi.setPinned(id, pinned);
      const shown = deliveries.summary(id);
      // Keep the search highlight of the row; only the pin changed.
      if (shown) deliveries.receive({ type: 'delivery.updated', delivery: { ...summary, match: shown.match } });
      return summary;
    },
    redeliver: async (id) => void (await deliveriesApi.redeliver(id)),
    live,
    feed,
    replays,
    checks: new HandlerCheckApi(client),
    bulkReplays,
    exports: new ExportsApi(client),
    responses: new ResponsesApi(client),
    signatureSettings: new SignatureSettingsApi(client),
    lab: new FailureLabStore(new FailureLabApi(client), feed),
    tunnel,
    tunnelPanel: new TunnelPanelState(),
    storage,
  };
}

/** Starts the feed before the first page so nothing that arrives in between is missed. */
export function startWorkbench(workbench: Workbench): () => void {
  workbench.live.start();
  void workbench.inboxes.load();
  void workbench.integrations.load();
  void workbench.deliveries.reload();
  void workbench.tunnel.load();
  void workbench.storage.load();
  return () => workbench.live.stop();
}
