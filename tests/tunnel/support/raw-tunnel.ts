import WebSocket from 'ws';
import { TUNNEL_PATH, TUNNEL_SUBPROTOCOL, type RelayFrame } from '../../../shared/tunnel-protocol.js';

export type RawAttempt = { kind: 'http'; status: number; body: unknown } | { kind: 'frame'; frame: RelayFrame; ws: WebSocket };

/** A bare protocol client: upgrades with the given token and hello, and reports what the relay did. */
export function rawTunnel(
  relayUrl: string,
  token: string | null,
  hello: Record<string, unknown> = { type: 'hello', version: 1, window: 65536 },
  protocol = TUNNEL_SUBPROTOCOL,
  ca?: string,
): Promise<RawAttempt> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(relayUrl.replace(/^http/, 'ws') + TUNNEL_PATH, [protocol], {
      headers: token === null ? {} : { Authorization: `Bearer ${token}` },
      ca,
    });
    ws.on('unexpected-response', (_req, res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ kind: 'http', status: res.statusCode ?? 0, body: JSON.parse(text || 'null') }));
    });
    ws.on('error', reject);
    ws.on('open', () => ws.send(JSON.stringify(hello)));
    ws.once('message', (data: Buffer) => resolve({ kind: 'frame', frame: JSON.parse(data.toString()), ws }));
  });
}
