import { describe, expect, it } from 'vitest';
import { senderAddressView, tunnelTag, viaTunnelText } from '../../renderer/src/model/tunnel/tunnel-delivery.js';

const direct = { via: 'direct' as const, remote_address: '127.0.0.1', tunnel_provider: null, remote_address_source: null };
const cloudflare = {
  via: 'tunnel' as const,
  remote_address: '203.0.113.7',
  tunnel_provider: 'cloudflare' as const,
  remote_address_source: 'CF-Connecting-IP via cloudflare',
};

describe('deliveries through a tunnel', () => {
  it('tags the row with the provider that carried it, and nothing for a direct request', () => {
    expect(tunnelTag(direct)).toBeNull();
    expect(tunnelTag(cloudflare)).toEqual({ text: 'cloudflare', title: 'Arrived through the tunnel: Cloudflare quick tunnel' });
    expect(tunnelTag({ ...cloudflare, tunnel_provider: 'relay' })?.text).toBe('relay');
    // A delivery stored before providers existed.
    expect(tunnelTag({ ...cloudflare, tunnel_provider: undefined })).toEqual({ text: 'tunnel', title: 'Arrived through the tunnel' });
    expect(viaTunnelText({ ...cloudflare, tunnel_provider: 'localtunnel' })).toBe('Through the tunnel: localtunnel');
  });

  it('labels the sender address as reported by the provider, with the header it came in', () => {
    expect(senderAddressView(direct)).toEqual({ label: 'Remote address', address: '127.0.0.1', reportedBy: null });
    expect(senderAddressView(cloudflare)).toEqual({
      label: 'Sender address',
      address: '203.0.113.7',
      reportedBy: 'as reported by Cloudflare (CF-Connecting-IP)',
    });
    expect(senderAddressView({ ...cloudflare, tunnel_provider: 'ngrok', remote_address_source: 'X-Forwarded-For' }).reportedBy).toBe(
      'as reported by ngrok (X-Forwarded-For)',
    );
    expect(senderAddressView({ ...cloudflare, remote_address: null, remote_address_source: null })).toEqual({
      label: 'Sender address',
      address: '—',
      reportedBy: 'Cloudflare reported none',
    });
  });
});
