import { Ok } from '../../../../shared/api/common.js';
import {
  EnableResult,
  Integration,
  IntegrationList,
  OutgoingResult,
  RequeueResult,
  type IntegrationCreate,
  type IntegrationPatch,
} from '../../../../shared/api/integrations.js';
import type { InboundFlowEvent } from '../../../../shared/inboundflow/events.js';
import type { ApiClient } from '../common/api-client.js';
import type { z } from 'zod';

const path = (id: string, action = '') => `/api/integrations/${encodeURIComponent(id)}${action}`;

/** The integrations routes: the endpoints the dispatch engine sends to, their tests, re-enable and secrets. */
export class IntegrationsApi {
  constructor(private readonly client: ApiClient) {}

  async listIntegrations(): Promise<Integration[]> {
    return (await this.client.request('GET', '/api/integrations', { schema: IntegrationList })).items;
  }

  createIntegration(body: IntegrationCreate): Promise<Integration> {
    return this.client.request('POST', '/api/integrations', { body, schema: Integration });
  }

  updateIntegration(id: string, patch: IntegrationPatch): Promise<Integration> {
    return this.client.request('PATCH', path(id), { body: patch, schema: Integration });
  }

  async deleteIntegration(id: string): Promise<void> {
    await this.client.request('DELETE', path(id), { schema: Ok });
  }

  /** Sends a test delivery and answers after the attempt settled. */
  testIntegration(id: string, event?: InboundFlowEvent): Promise<OutgoingResult> {
    return this.client.request('POST', path(id, '/test'), { body: { ...(event ? { event } : {}), wait: true }, schema: OutgoingResult });
  }

  enableIntegration(id: string, sendSkipped: boolean): Promise<z.infer<typeof EnableResult>> {
    return this.client.request('POST', path(id, '/enable'), { body: { send_skipped: sendSkipped }, schema: EnableResult });
  }

  async sendSkipped(id: string): Promise<string[]> {
    return (await this.client.request('POST', path(id, '/send-skipped'), { schema: RequeueResult })).requeued;
  }

  rotateSecret(id: string): Promise<Integration> {
    return this.client.request('POST', path(id, '/rotate-secret'), { body: {}, schema: Integration });
  }
}
