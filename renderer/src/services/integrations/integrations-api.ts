import type {
  EnableResult,
  Integration,
  IntegrationCreate,
  IntegrationPatch,
  OutgoingResult,
} from '../../../../shared/api/integrations.js';
import type { InboundFlowEvent } from '../../../../shared/inboundflow/events.js';
import type { ApiClient } from '../common/api-client.js';
import type { z } from 'zod';

/** The integrations routes: the endpoints the dispatch engine sends to, their tests, re-enable and secrets. */
export class IntegrationsApi {
  constructor(private readonly client: ApiClient) {}

  async listIntegrations(): Promise<Integration[]> {
    return (await this.client.call('listIntegrations')).items;
  }

  createIntegration(body: IntegrationCreate): Promise<Integration> {
    return this.client.call('createIntegration', { body });
  }

  updateIntegration(id: string, patch: IntegrationPatch): Promise<Integration> {
    return this.client.call('updateIntegration', { params: { id }, body: patch });
  }

  async deleteIntegration(id: string): Promise<void> {
    await this.client.call('deleteIntegration', { params: { id } });
  }

  /** Sends a test delivery and answers after the attempt settled. */
  testIntegration(id: string, event?: InboundFlowEvent): Promise<OutgoingResult> {
    return this.client.call('testIntegration', { params: { id }, body: { ...(event ? { event } : {}), wait: true } });
  }

  enableIntegration(id: string, sendSkipped: boolean): Promise<z.infer<typeof EnableResult>> {
    return this.client.call('enableIntegration', { params: { id }, body: { send_skipped: sendSkipped } });
  }

  async sendSkipped(id: string): Promise<string[]> {
    return (await this.client.call('sendSkippedDeliveries', { params: { id } })).requeued;
  }

  rotateSecret(id: string): Promise<Integration> {
    return this.client.call('rotateIntegrationSecret', { params: { id }, body: {} });
  }
}
