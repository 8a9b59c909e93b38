import { describe, expect, it } from 'vitest';
import {
  createBody,
  draftOf,
  draftProblems,
  newDraft,
  pastedSecretWarning,
  patchBody,
  toggleEvent,
} from '../../renderer/src/model/integrations/integration-draft.js';
import { integration } from './support/integration-fixtures.js';

describe('integration draft', () => {
  it('starts a Connect form with every event, a generated secret and the service as the name', () => {
    const draft = newDraft('zapier');
    expect(draft).toMatchObject({ kind: 'zapier', name: 'Zapier', url: '', secretMode: 'generate' });
    expect(draft.events).toEqual(['call.completed', 'call.transferred', 'appointment.booked', 'lead.created']);
  });

  it('asks for what is missing but leaves the URL scheme to the engine', () => {
    expect(draftProblems({ ...newDraft('custom'), name: ' ', events: [] })).toEqual({
      name: 'Give it a name.',
      url: 'Paste the webhook URL.',
      events: 'Choose at least one event.',
    });
    expect(draftProblems({ ...newDraft('custom'), url: 'http://example.com' })).toEqual({});
    expect(draftProblems({ ...newDraft('custom'), url: 'https://x', secretMode: 'paste' }).secret).toMatch(/Paste the secret/);
  });

  it('turns the secret choice into the API’s secret input', () => {
    const base = { ...newDraft('n8n'), url: ' https://n8n.example.com/webhook/a ', name: ' Alerts ' };
    expect(createBody(base)).toEqual({
      kind: 'n8n',
      name: 'Alerts',
      url: 'https://n8n.example.com/webhook/a',
      events: base.events,
      secret: { generate: true },
    });
    expect(createBody({ ...base, secretMode: 'paste', pastedSecret: 'whsec_x' }).secret).toBe('whsec_x');
    expect(createBody({ ...base, secretMode: 'none' }).secret).toBeNull();
  });

  it('patches only what changed, and never touches the secret when it is kept', () => {
    const original = integration();
    const draft = draftOf(original);
    expect(draft.secretMode).toBe('keep');
    expect(patchBody(draft, original)).toEqual({});
    expect(patchBody({ ...draft, url: 'https://crm.example.com/v3', events: ['lead.created'] }, original)).toEqual({
      url: 'https://crm.example.com/v3',
      events: ['lead.created'],
    });
    expect(patchBody({ ...draft, secretMode: 'generate' }, original)).toEqual({ secret: { generate: true } });
    expect(patchBody({ ...draft, secretMode: 'paste', pastedSecret: original.secret! }, original)).toEqual({});
    expect(patchBody({ ...draft, secretMode: 'none' }, integration({ secret: null }))).toEqual({});
  });

  it('keeps events in the docs’ order when ticked out of order', () => {
    expect(toggleEvent(['lead.created'], 'call.completed')).toEqual(['call.completed', 'lead.created']);
    expect(toggleEvent(['call.completed', 'lead.created'], 'call.completed')).toEqual(['lead.created']);
  });

  it('warns about the two usual paste accidents', () => {
    expect(pastedSecretWarning(' whsec_x\n')).toMatch(/whitespace/);
    expect(pastedSecretWarning('sha256=abc')).toMatch(/signature/);
    expect(pastedSecretWarning('whsec_x')).toBeNull();
  });
});
