import type { Integration, IntegrationCreate, IntegrationPatch } from '../../../../shared/api/integrations.js';
import { INBOUNDFLOW_EVENTS, type InboundFlowEvent } from '../../../../shared/inboundflow/events.js';
import { kindInfo, type Kind } from './integration-kinds.js';

/** keep: leave the stored secret alone (editing only); generate: a new random whsec_…; paste: the text given; none: unsigned. */
export type SecretMode = 'keep' | 'generate' | 'paste' | 'none';

/** What the Connect / Edit form holds while the user types. */
export interface IntegrationDraft {
  kind: Kind;
  name: string;
  url: string;
  events: InboundFlowEvent[];
  secretMode: SecretMode;
  pastedSecret: string;
}

export type DraftField = 'name' | 'url' | 'events' | 'secret';

export function newDraft(kind: Kind): IntegrationDraft {
  return { kind, name: kindInfo(kind).title, url: '', events: [...INBOUNDFLOW_EVENTS], secretMode: 'generate', pastedSecret: '' };
}

export function draftOf(integration: Integration): IntegrationDraft {
  return {
    kind: integration.kind,
    name: integration.name,
    url: integration.url,
    events: INBOUNDFLOW_EVENTS.filter((event) => integration.events.includes(event)),
    secretMode: 'keep',
    pastedSecret: '',
  };
}

/** Ticks or unticks an event, keeping the docs' order. */
export function toggleEvent(events: readonly InboundFlowEvent[], event: InboundFlowEvent): InboundFlowEvent[] {
  const next = new Set(events);
  if (next.has(event)) next.delete(event);
  else next.add(event);
  return INBOUNDFLOW_EVENTS.filter((name) => next.has(name));
}

/**
 * What must be filled in before the engine is asked. The URL's scheme is left to the engine, whose
 * message (https only, or the localhost exception) is shown as it says it.
 */
export function draftProblems(draft: IntegrationDraft): Partial<Record<DraftField, string>> {
  const problems: Partial<Record<DraftField, string>> = {};
  if (!draft.name.trim()) problems.name = 'Give it a name.';
  if (!draft.url.trim()) problems.url = 'Paste the webhook URL.';
  if (draft.events.length === 0) problems.events = 'Choose at least one event.';
  if (draft.secretMode === 'paste' && draft.pastedSecret === '') problems.secret = 'Paste the secret, or choose Generate or None.';
  return problems;
}

function secretInput(draft: IntegrationDraft): IntegrationCreate['secret'] | undefined {
  switch (draft.secretMode) {
    case 'generate':
      return { generate: true };
    case 'paste':
      return draft.pastedSecret;
    case 'none':
      return null;
    case 'keep':
      return undefined;
  }
}

export function createBody(draft: IntegrationDraft): IntegrationCreate {
  const secret = secretInput(draft);
  return {
    kind: draft.kind,
    name: draft.name.trim(),
    url: draft.url.trim(),
    events: draft.events,
    ...(secret === undefined ? {} : { secret }),
  };
}

/** Only what changed, so an edit never rotates the secret or resets anything by accident. */
export function patchBody(draft: IntegrationDraft, original: Integration): IntegrationPatch {
  const patch: IntegrationPatch = {};
  if (draft.kind !== original.kind) patch.kind = draft.kind;
  if (draft.name.trim() !== original.name) patch.name = draft.name.trim();
  if (draft.url.trim() !== original.url) patch.url = draft.url.trim();
  const sameEvents = draft.events.length === original.events.length && draft.events.every((event) => original.events.includes(event));
  if (!sameEvents) patch.events = draft.events;
  const secret = secretInput(draft);
  if (secret !== undefined && !(secret === null && original.secret === null) && secret !== original.secret) patch.secret = secret;
  return patch;
}

/** Whitespace at either end of a pasted secret is almost always a paste accident. */
export function pastedSecretWarning(secret: string): string | null {
  if (secret !== '' && secret.trim() !== secret)
    return 'The secret starts or ends with whitespace; it is signed with exactly what is saved.';
  if (secret.startsWith('sha256=')) return 'This looks like a signature ("sha256=…"), not a secret.';
  return null;
}
