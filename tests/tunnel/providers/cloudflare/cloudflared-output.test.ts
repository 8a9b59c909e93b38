import { describe, expect, it } from 'vitest';
import { parseGoDuration, parseLogLine } from '../../../../electron/engine/tunnel/providers/cloudflare/cloudflared-log-line.js';
import {
  createCloudflaredOutputParser,
  type CloudflaredEvent,
} from '../../../../electron/engine/tunnel/providers/cloudflare/cloudflared-output.js';

/** Feeds lines in order and collects every event. */
function eventsOf(lines: string[]): CloudflaredEvent[] {
  const parser = createCloudflaredOutputParser();
  return lines.flatMap((line) => parser.push(line));
}

// Shaped like cloudflared's real output (zerolog console format, quick_tunnel.go's box), as users posted it.
const QUICK_TUNNEL_START = [
  '2023-04-18T14:06:46Z INF Thank you for trying Cloudflare Tunnel. Doing so, without a Cloudflare account, is a quick way to experiment and try it out. However, be aware that these account-less Tunnels have no uptime guarantee. If you intend to use Tunnels in production you should use a pre-created named tunnel by following: https://developers.cloudflare.com/cloudflare-one/connections/connect-apps',
  '2023-04-18T14:06:46Z INF Requesting new quick Tunnel on trycloudflare.com...',
  '2023-04-18T14:06:49Z INF +--------------------------------------------------------------------------------------------+',
  '2023-04-18T14:06:49Z INF |  Your quick Tunnel has been created! Visit it at (it may take some time to be reachable):  |',
  '2023-04-18T14:06:49Z INF |  https://buffalo-marco-cardiff-motel.trycloudflare.com                                     |',
  '2023-04-18T14:06:49Z INF +--------------------------------------------------------------------------------------------+',
  '2023-04-18T14:06:49Z INF Cannot determine default configuration path. No file [config.yml config.yaml] in [~/.cloudflared ~/.cloudflare-warp ~/cloudflare-warp /etc/cloudflared /usr/local/etc/cloudflared]',
  '2023-04-18T14:06:49Z INF Version 2023.4.0',
  '2026-09-30T07:31:16Z INF Initial protocol quic',
  '2026-09-30T07:31:18Z INF Registered tunnel connection connIndex=0 connection=bb527b3a-8a27-467b-9fca-84972898be5c event=0 ip=2606:4700:a8::1 location=del04 protocol=quic',
];

describe('cloudflared log lines', () => {
  it('splits a console line into level, message and key=value fields, unquoting quoted values', () => {
    expect(
      parseLogLine(
        '2024-02-08T06:25:54Z WRN Failed to create new quic connection error="failed to dial to edge with quic: timeout: no recent network activity" connIndex=2 event=0 ip=198.41.192.57',
      ),
    ).toEqual({
      level: 'WRN',
      message: 'Failed to create new quic connection',
      fields: {
        error: 'failed to dial to edge with quic: timeout: no recent network activity',
        connIndex: '2',
        event: '0',
        ip: '198.41.192.57',
      },
    });
  });

  it('reads a line printed without timestamp or level (the CLI’s final error) as all message', () => {
    const line = parseLogLine('failed to request quick Tunnel: Post "https://api.trycloudflare.com/tunnel": dial tcp: no such host');
    expect(line.level).toBeNull();
    expect(line.message).toBe('failed to request quick Tunnel: Post "https://api.trycloudflare.com/tunnel": dial tcp: no such host');
  });

  it('reads Go durations as milliseconds', () => {
    expect(parseGoDuration('1s')).toBe(1000);
    expect(parseGoDuration('1m4s')).toBe(64_000);
    expect(parseGoDuration('500ms')).toBe(500);
    expect(parseGoDuration('up')).toBeNull();
  });
});

describe('cloudflared output parser', () => {
  it('yields the trycloudflare.com URL from the quick-tunnel box, then the registered connection', () => {
    expect(eventsOf(QUICK_TUNNEL_START)).toEqual([
      { kind: 'url', url: 'https://buffalo-marco-cardiff-motel.trycloudflare.com' },
      { kind: 'registered', connIndex: 0, location: 'del04' },
    ]);
  });

  it('ignores the URLs of the disclaimer and of other lines outside the box', () => {
    expect(eventsOf(QUICK_TUNNEL_START.slice(0, 2))).toEqual([]);
    expect(eventsOf(['2024-01-01T00:00:00Z INF Starting metrics server on 127.0.0.1:20241/metrics'])).toEqual([]);
  });

  it('accepts any http(s) URL inside the box (the stand-in’s loopback address)', () => {
    expect(
      eventsOf([
        '2026-01-01T00:00:00Z INF +----------------------------------------------------------------------------------------+',
        '2026-01-01T00:00:00Z INF |  Your quick Tunnel has been created! Visit it at (it may take some time to be reachable):  |',
        '2026-01-01T00:00:00Z INF |  http://127.0.0.1:40123                                                                    |',
        '2026-01-01T00:00:00Z INF +----------------------------------------------------------------------------------------+',
      ]),
    ).toEqual([{ kind: 'url', url: 'http://127.0.0.1:40123' }]);
  });

  it('does not take a loopback URL from a box that is not the quick-tunnel box', () => {
    expect(
      eventsOf([
        '2026-01-01T00:00:00Z INF +------------------------+',
        '2026-01-01T00:00:00Z INF |  http://127.0.0.1:40123  |',
        '2026-01-01T00:00:00Z INF +------------------------+',
      ]),
    ).toEqual([]);
  });

  it('reads the older "Connection <uuid> registered" line as a registration', () => {
    expect(
      eventsOf(['2022-04-26T13:57:23Z INF Connection 5c313303-b31f-4cbe-96d7-3c111c8ac630 registered connIndex=1 location=DEN']),
    ).toEqual([{ kind: 'registered', connIndex: 1, location: 'DEN' }]);
  });

  it('yields retry and disconnection from a lost connection, in cloudflared’s order', () => {
    expect(
      eventsOf([
        '2026-06-28T04:51:28Z ERR Serve tunnel error error="accept stream listener encountered a failure while serving" connIndex=0 event=0 ip=198.41.192.27',
        '2026-06-28T04:51:28Z INF Retrying connection in up to 1s connIndex=0 event=0 ip=198.41.192.27',
        '2026-06-28T04:51:28Z ERR Connection terminated connIndex=0',
        '2022-07-25T12:47:08Z WRN Connection terminated error="failed to dial to edge with quic: timeout: no recent network activity" connIndex=3',
      ]),
    ).toEqual([
      { kind: 'retrying', delayMs: 1000 },
      { kind: 'disconnected', connIndex: 0, error: null },
      { kind: 'disconnected', connIndex: 3, error: 'failed to dial to edge with quic: timeout: no recent network activity' },
    ]);
  });

  it('reads "Unregistered tunnel connection" and the graceful shutdown line', () => {
    expect(
      eventsOf([
        '2026-01-01T00:00:00Z INF Initiating graceful shutdown due to signal terminated ...',
        '2026-01-01T00:00:00Z INF Unregistered tunnel connection connIndex=0 event=0 ip=198.41.200.13',
      ]),
    ).toEqual([
      { kind: 'shutting_down', reason: 'signal terminated' },
      { kind: 'disconnected', connIndex: 0, error: null },
    ]);
  });

  it('reads a refused quick tunnel request, and a 429 as rate limiting', () => {
    expect(
      eventsOf([
        'failed to request quick Tunnel: Post "https://api.trycloudflare.com/tunnel": dial tcp: lookup api.trycloudflare.com on 127.0.0.11:53: no such host',
      ]),
    ).toEqual([
      {
        kind: 'quick_tunnel_refused',
        message:
          'failed to request quick Tunnel: Post "https://api.trycloudflare.com/tunnel": dial tcp: lookup api.trycloudflare.com on 127.0.0.11:53: no such host',
        rateLimited: false,
      },
    ]);
    const [limited] = eventsOf([
      `2026-05-29T09:25:34Z ERR Error unmarshaling QuickTunnel response: error code: 1015 error="invalid character 'e' looking for beginning of value" status_code="429 Too Many Requests"`,
    ]);
    expect(limited).toMatchObject({ kind: 'quick_tunnel_refused', rateLimited: true });
  });

  it('yields nothing for the lines it does not care about', () => {
    expect(
      eventsOf([
        '2024-02-08T06:25:47Z INF ICMP proxy will use 10.35.20.212 as source for IPv4',
        '2024-02-08T06:25:47Z INF Generated Connector ID: 6f5bd919-1c79-4e2a-96db-65962c321200',
        '2024-02-08T06:25:47Z DBG Registering tunnel connection connIndex=0 ip=198.41.192.167 protocol=quic',
        '',
      ]),
    ).toEqual([]);
  });
});
