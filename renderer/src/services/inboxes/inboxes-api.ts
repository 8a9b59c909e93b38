import type { Inbox, InboxCreate, InboxPatch } from '../../../../shared/api/inboxes.js';
import type { ClearResult as ClearOutcome } from '../../model/inboxes/inboxes-store.js';
import type { ApiClient } from '../common/api-client.js';

export class InboxesApi {
  constructor(private readonly client: ApiClient) {}

  async listInboxes(): Promise<Inbox[]> {
    return (await this.client.call('listInboxes')).items;
  }

  createInbox(body: InboxCreate): Promise<Inbox> {
    return this.client.call('createInbox', { body });
  }

  updateInbox(id: string, patch: InboxPatch): Promise<Inbox> {
    return this.client.call('updateInbox', { params: { id }, body: patch });
  }

  /** Removes every unpinned delivery of the inbox. */
  clearInbox(id: string): Promise<ClearOutcome> {
    return this.client.call('clearInbox', { params: { id }, body: {} });
  }

  async deleteInbox(id: string): Promise<void> {
    await this.client.call('deleteInbox', { params: { id } });
  }
}
