import type { DeliveryList } from '../../../../shared/api/deliveries.js';
import type { Inbox, InboxPatch } from '../../../../shared/api/inboxes.js';
import type { Integration, OutgoingResult } from '../../../../shared/api/integrations.js';
import type { ApiClient } from '../common/api-client.js';

/** The few dispatch and inbox calls the failure lab makes; every one is a public API route a script could call. */
export class FailureLabApi {
  constructor(private readonly client: ApiClient) {}

  async listIntegrations(): Promise<Integration[]> {
    return (await this.client.call('listIntegrations')).items;
  }

  /** A custom integration made for the lab, already pointing at the inbox. */
  createIntegration(name: string, url: string): Promise<Integration> {
    return this.client.call('createIntegration', {
      body: { kind: 'custom', name, url, events: ['call.completed'], secret: { generate: true } },
    });
  }

  getIntegration(id: string): Promise<Integration> {
    return this.client.call('getIntegration', { params: { id } });
  }

  setIntegrationUrl(id: string, url: string): Promise<Integration> {
    return this.client.call('updateIntegration', { params: { id }, body: { url } });
  }

  async enableIntegration(id: string): Promise<Integration> {
    return (await this.client.call('enableIntegration', { params: { id }, body: {} })).integration;
  }

  /** Fires one event at this integration only and answers once its delivery has settled. */
  async fireOne(integrationId: string, event: Integration['events'][number]): Promise<OutgoingResult> {
    const fired = await this.client.call('fireEvent', { body: { event, integration_ids: [integrationId], wait: true } });
    const delivery = fired.deliveries.find((item) => item.integration_id === integrationId) ?? fired.deliveries[0];
    if (!delivery)
      throw new Error('The engine fired the event but made no delivery for this integration; check that it subscribes to the event.');
    return delivery;
  }

  updateInbox(id: string, patch: InboxPatch): Promise<Inbox> {
    return this.client.call('updateInbox', { params: { id }, body: patch });
  }

  /** The newest deliveries received in an inbox: where each lab step landed. */
  async recentArrivals(inboxId: string, limit = 50): Promise<DeliveryList['items']> {
    return (await this.client.call('listDeliveries', { query: { inbox: inboxId, direction: 'in', limit: String(limit) } })).items;
  }
}
