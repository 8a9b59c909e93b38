import type { NextResponse } from '../../../../shared/api/responses.js';
import type { ApiClient } from '../common/api-client.js';

/** What an inbox will answer next (its forward-to, scripted response and failure rule are inbox fields). */
export class ResponsesApi {
  constructor(private readonly client: ApiClient) {}

  nextResponse(inboxId: string): Promise<NextResponse> {
    return this.client.call('nextResponse', { params: { id: inboxId } });
  }
}
