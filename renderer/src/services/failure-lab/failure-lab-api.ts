import { EnableResult, FireResult, Integration, IntegrationList, OutgoingResult } from '../../../../shared/api/integrations.js';
import { DeliveryList } from '../../../../shared/api/deliveries.js';
import { Inbox, type InboxPatch } from '../../../../shared/api/inboxes.js';
import type { ApiClient } from '../common/api-client.js';

/** The few dispatch and inbox calls the failure lab makes; every one is a public API route a script could call. */
export class FailureLabApi {
  constructor(private readonly client: ApiClient) {}

  async listIntegrations(): Promise<Integration[]> {
    return (await this.client.request('GET', '/api/integrations', { schema: IntegrationList })).items;
  }

  /** A custom integration made for the lab, already pointing at the inbox. */
  createIntegration(name: string, url: string): Promise<Integration> {
    return this.client.request('POST', '/api/integrations', {
      body: { kind: 'custom', name, url, events: ['call.completed'], secret: { generate: true } },
      schema: Integration,
    });
  }

  getIntegration(id: string): Promise<Integration> {
    return this.client.request('GET', `/api/integrations/${encodeURIComponent(id)}`, { schema: Integration });
  }

  setIntegrationUrl(id: string, url: string): Promise<Integration> {
    return this.client.request('PATCH', `/api/integrations/${encodeURIComponent(id)}`, { body: { url }, schema: Integration });
  }

  async enableIntegration(id: string): Promise<Integration> {
    return (await this.client.request('POST', `/api/integrations/${encodeURIComponent(id)}/enable`, { body: {}, schema: EnableResult }))
      .integration;
  }

  /** Fires one event at this integration only and answers once its delivery has settled. */
  async fireOne(integrationId: string, event: Integration['events'][number]): Promise<OutgoingResult> {
    const fired = await this.client.request('POST', '/api/events', {
      body: { event, integration_ids: [integrationId], wait: true },
      schema: FireResult,
    });
    const delivery = fired.deliveries.find((item) => item.integration_id === integrationId) ?? fired.deliveries[0];
    if (!delivery)
      throw new Error('The engine fired the event but made no delivery for this integration; check that it subscribes to the event.');
    return delivery;
  }

  updateInbox(id: string, patch: InboxPatch): Promise<Inbox> {
    return this.client.request('PATCH', `/api/inboxes/${encodeURIComponent(id)}`, { body: patch, schema: Inbox });
  }

  /** The newest deliveries received in an inbox: where each lab step landed. */
  async recentArrivals(inboxId: string, limit = 50): Promise<DeliveryList['items']> {
    return (
      await this.client.request('GET', '/api/deliveries', {
        query: { inbox: inboxId, direction: 'in', limit: String(limit) },
        schema: DeliveryList,
      })
    ).items;
  }
}
