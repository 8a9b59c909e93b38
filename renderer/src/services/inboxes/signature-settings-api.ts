import type { SignatureSettings, SignatureSettingsPatch } from '../../../../shared/api/signatures.js';
import type { ApiClient } from '../common/api-client.js';

/** An inbox's signature scheme and secrets (the engine sends secrets back as hints only). */
export class SignatureSettingsApi {
  constructor(private readonly client: ApiClient) {}

  get(inboxId: string): Promise<SignatureSettings> {
    return this.client.call('getInboxSignature', { params: { id: inboxId } });
  }

  update(inboxId: string, patch: SignatureSettingsPatch): Promise<SignatureSettings> {
    return this.client.call('updateInboxSignature', { params: { id: inboxId }, body: patch });
  }
}
