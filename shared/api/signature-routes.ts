import type { RouteContract } from './route-contract.js';
import { SignatureSettings, SignatureSettingsPatch } from './signatures.js';

/** An inbox's signature setting: the scheme (or auto), a custom HMAC description, and its secrets. */
export const signatureRoutes = {
  getInboxSignature: {
    method: 'GET',
    path: '/api/inboxes/:id/signature',
    summary: "The inbox's signature scheme (auto or one) and its secrets, shown as hints only",
    response: SignatureSettings,
  },
  updateInboxSignature: {
    method: 'PATCH',
    path: '/api/inboxes/:id/signature',
    summary: 'Choose the signature scheme, describe a custom HMAC, set a new secret (rotation) or end a rotation',
    body: SignatureSettingsPatch,
    response: SignatureSettings,
  },
} as const satisfies Record<string, RouteContract>;
