import { ApiClient } from '../services/api-client.js';
import { liveSocketProtocols, liveSocketUrl, type ApiConnection } from '../services/api-connection.js';
import { DeliveriesApi } from '../services/deliveries-api.js';
import { InboxesApi } from '../services/inboxes-api.js';
import { LiveSocket } from '../services/live-socket.js';
import { DeliveriesStore } from './deliveries-store.js';
import { DeliveryRecords } from './delivery-records.js';
import { InboxesStore } from './inboxes-store.js';

/** Everything the views read from, wired once per page: API client, stores and the live feed that feeds them. */
export interface Workbench {
  client: ApiClient;
  deliveries: DeliveriesStore;
  records: DeliveryRecords;
  inboxes: InboxesStore;
  live: LiveSocket;
}

export function createWorkbench(connection: ApiConnection): Workbench {
  const client = new ApiClient(connection);
  const deliveriesApi = new DeliveriesApi(client);
  const deliveries = new DeliveriesStore(deliveriesApi);
  const inboxes = new InboxesStore(new InboxesApi(client));
  const live = new LiveSocket({
    url: liveSocketUrl(connection),
    protocols: liveSocketProtocols(connection),
    onMessage(message) {
      switch (message.type) {
        case 'delivery.created':
          if (message.delivery.inbox_id) inboxes.countDelivery(message.delivery.inbox_id, 1);
          deliveries.receive(message);
          break;
        case 'delivery.deleted': {
          // Read before the store drops it; deletions of rows never loaded are corrected on the next inbox load.
          const inboxId = deliveries.summary(message.id)?.inbox_id;
          if (inboxId) inboxes.countDelivery(inboxId, -1);
          deliveries.receive(message);
          break;
        }
        case 'delivery.updated':
          deliveries.receive(message);
          break;
        case 'inbox.created':
        case 'inbox.updated':
        case 'inbox.deleted':
          inboxes.receive(message);
          break;
        case 'hello':
          break;
      }
    },
    onResumed() {
      void deliveries.catchUp();
      void inboxes.load();
    },
  });
  return { client, deliveries, records: new DeliveryRecords(deliveriesApi), inboxes, live };
}

/** Starts the feed before the first page so nothing that arrives in between is missed. */
export function startWorkbench(workbench: Workbench): () => void {
  workbench.live.start();
  void workbench.inboxes.load();
  void workbench.deliveries.reload();
  return () => workbench.live.stop();
}
