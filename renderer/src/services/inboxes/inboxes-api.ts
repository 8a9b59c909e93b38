import { Ok } from '../../../../shared/api/common.js';
import { ClearResult, Inbox, InboxList, type InboxCreate, type InboxPatch } from '../../../../shared/api/inboxes.js';
import type { ClearResult as ClearOutcome } from '../../model/inboxes/inboxes-store.js';
import type { ApiClient } from '../common/api-client.js';

export class InboxesApi {
  constructor(private readonly client: ApiClient) {}

  async listInboxes(): Promise<Inbox[]> {
    return (await this.client.request('GET', '/api/inboxes', { schema: InboxList })).items;
  }

  createInbox(body: InboxCreate): Promise<Inbox> {
    return this.client.request('POST', '/api/inboxes', { body, schema: Inbox });
  }

  updateInbox(id: string, patch: InboxPatch): Promise<Inbox> {
    return this.client.request('PATCH', `/api/inboxes/${encodeURIComponent(id)}`, { body: patch, schema: Inbox });
  }

  /** Removes every unpinned delivery of the inbox. */
  clearInbox(id: string): Promise<ClearOutcome> {
    return this.client.request('POST', `/api/inboxes/${encodeURIComponent(id)}/clear`, { body: {}, schema: ClearResult });
  }

  async deleteInbox(id: string): Promise<void> {
    await this.client.request('DELETE', `/api/inboxes/${encodeURIComponent(id)}`, { schema: Ok });
  }
}
