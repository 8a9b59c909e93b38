import type { EventTemplates, FireResult, InboundCallResult } from '../../../../shared/api/integrations.js';
import type { InboundFlowEvent } from '../../../../shared/inboundflow/events.js';
import type { ApiClient } from '../common/api-client.js';
import type { z } from 'zod';

export type EventTemplate = z.infer<typeof EventTemplates>['items'][number];
export type InboundCallOutcome = z.infer<typeof InboundCallResult>['outcome'];

/** Firing InboundFlow events through the dispatch engine: templates, one event, the inbound-call scenario. */
export class EventsApi {
  constructor(private readonly client: ApiClient) {}

  async listTemplates(): Promise<EventTemplate[]> {
    return (await this.client.call('listEventTemplates')).items;
  }

  fireEvent(event: InboundFlowEvent, data: Record<string, unknown>, integrationIds: string[]): Promise<FireResult> {
    return this.client.call('fireEvent', { body: { event, data, integration_ids: integrationIds } });
  }

  inboundCall(outcome: InboundCallOutcome, integrationIds?: string[]): Promise<z.infer<typeof InboundCallResult>> {
    return this.client.call('inboundCallScenario', { body: { outcome, ...(integrationIds ? { integration_ids: integrationIds } : {}) } });
  }
}
