import type { z } from 'zod';
import type { CheckRequest, Scorecard } from '../../../../shared/handler-check/scorecard.js';
import type { ApiClient } from '../common/api-client.js';

/** The handler check: answers with the scorecard once its last delivery has settled. */
export class HandlerCheckApi {
  constructor(private readonly client: ApiClient) {}

  run(body: z.input<typeof CheckRequest>): Promise<Scorecard> {
    return this.client.call('checkHandler', { body });
  }
}
