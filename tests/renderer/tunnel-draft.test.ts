import { describe, expect, it } from 'vitest';
import { connectBodyFor, connectBodyProblem, draftFromSettings, withoutSecrets } from '../../renderer/src/model/tunnel/tunnel-draft.js';
import { pickedProvider, TunnelPanelState } from '../../renderer/src/model/tunnel/tunnel-panel-state.js';
import { PROVEN_ONLINE, tunnelSettings } from './tunnel-fixtures.js';

describe('tunnel draft', () => {
  it('starts from the saved settings, with secrets empty (the engine only gives them back masked)', () => {
    const draft = draftFromSettings(
      tunnelSettings({
        relay: { relay: 'https://relay.example.com', token_set: true, name: null },
        ngrok: { authtoken: '2abc…wxyz', authtoken_source: 'settings', domain: 'calm.ngrok-free.app' },
        localtunnel: { host: 'https://lt.example.com', subdomain: 'my-hooks' },
      }),
    );
    expect(draft).toEqual({
      cloudflared: '',
      ngrokAuthtoken: '',
      ngrokDomain: 'calm.ngrok-free.app',
      localtunnelHost: 'https://lt.example.com',
      localtunnelSubdomain: 'my-hooks',
      relay: 'https://relay.example.com',
      relayToken: '',
    });
    expect(draftFromSettings(null).localtunnelHost).toBe('https://localtunnel.me');
  });

  it('leaves blank secrets and paths out so the saved ones stay, and sends blank domains as "" to clear them', () => {
    const draft = draftFromSettings(null);
    expect(connectBodyFor('cloudflare', draft)).toEqual({ provider: 'cloudflare' });
    expect(connectBodyFor('cloudflare', { ...draft, cloudflared: ' /opt/cloudflared ' })).toEqual({
      provider: 'cloudflare',
      cloudflared: '/opt/cloudflared',
    });
    expect(connectBodyFor('ngrok', draft)).toEqual({ provider: 'ngrok', domain: '' });
    expect(connectBodyFor('ngrok', { ...draft, ngrokAuthtoken: ' tok ', ngrokDomain: 'Calm.ngrok-free.app' })).toEqual({
      provider: 'ngrok',
      authtoken: 'tok',
      domain: 'calm.ngrok-free.app',
    });
    expect(connectBodyFor('localtunnel', { ...draft, localtunnelHost: 'http://127.0.0.1:4000/', localtunnelSubdomain: '' })).toEqual({
      provider: 'localtunnel',
      host: 'http://127.0.0.1:4000',
      subdomain: '',
    });
    expect(connectBodyFor('relay', { ...draft, relay: 'https://relay.example.com/', relayToken: '' })).toEqual({
      provider: 'relay',
      relay: 'https://relay.example.com',
    });
    expect(withoutSecrets({ ...draft, ngrokAuthtoken: 'a', relayToken: 'b' })).toEqual(draft);
  });

  it('finds a body the engine would refuse, in the contract’s words', () => {
    expect(connectBodyProblem({ provider: 'localtunnel', subdomain: 'A!' })).toBe(
      'subdomain must be 4 to 63 lowercase letters, digits or dashes',
    );
    expect(connectBodyProblem({ provider: 'cloudflare' })).toBeNull();
  });
});

describe('tunnel panel', () => {
  it('picks the user’s pick, else the provider running, else the one remembered, else Cloudflare', () => {
    expect(pickedProvider('ngrok', PROVEN_ONLINE, tunnelSettings({ provider: 'relay' }))).toBe('ngrok');
    expect(pickedProvider(null, { ...PROVEN_ONLINE, provider: 'localtunnel' }, tunnelSettings({ provider: 'relay' }))).toBe('localtunnel');
    expect(pickedProvider(null, { ...PROVEN_ONLINE, provider: null }, tunnelSettings({ provider: 'relay' }))).toBe('relay');
    expect(pickedProvider(null, null, null)).toBe('cloudflare');
  });

  it('opens with a provider picked (the empty inbox picks Cloudflare), and keeps the pick across close and toggle', () => {
    const panel = new TunnelPanelState();
    panel.open('cloudflare');
    expect(panel.getSnapshot()).toEqual({ open: true, provider: 'cloudflare' });
    panel.pick('ngrok');
    panel.close();
    panel.toggle();
    expect(panel.getSnapshot()).toEqual({ open: true, provider: 'ngrok' });
    panel.toggle();
    expect(panel.getSnapshot().open).toBe(false);
  });
});
