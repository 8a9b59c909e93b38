import { describe, expect, it } from 'vitest';
import { tunnelUrlFrom } from '../../electron/shell/tunnel-status.js';

describe('tunnel URL from live messages', () => {
  it('reads the public URL of a connected tunnel', () => {
    expect(tunnelUrlFrom({ type: 'tunnel.status', status: 'connected', url: 'https://relay.example/t/abc' } as { type: string })).toBe(
      'https://relay.example/t/abc',
    );
  });

  it('reports null when the tunnel has no URL (disconnected)', () => {
    expect(tunnelUrlFrom({ type: 'tunnel.status', status: 'disconnected', url: null } as { type: string })).toBeNull();
  });

  it('ignores messages about anything else', () => {
    expect(tunnelUrlFrom({ type: 'delivery.created' })).toBeUndefined();
  });
});
