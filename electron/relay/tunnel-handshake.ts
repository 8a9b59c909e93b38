import { randomBytes } from 'node:crypto';
import type { WebSocket } from 'ws';
import { CLOSE, Hello, TUNNEL_PROTOCOL_VERSION, type RefusalCode, type RelayFrame, type Welcome } from '../../shared/tunnel-protocol.js';
import type { RelaySettings } from './relay-settings.js';
import type { RelayToken } from './relay-tokens.js';
import type { SenderFacts } from './sender-facts.js';
import type { TunnelRegistry } from './tunnel-registry.js';
import { TunnelSession } from './tunnel-session.js';

export interface HandshakeContext {
  settings: RelaySettings;
  registry: TunnelRegistry;
  /** The relay's own address, for public URLs when neither --public-url nor a Host header says better. */
  fallbackOrigin: string;
  isClosing(): boolean;
  onSession(session: TunnelSession): void;
  log: (line: string) => void;
}

/** The public URLs of a tunnel id: path-based always, host-based when the relay has a domain. */
export function publicUrls(id: string, base: string, domain: string | null): { url: string; host_url: string | null } {
  const url = `${base}/t/${id}`;
  if (!domain) return { url, host_url: null };
  const hostBased = new URL(base);
  hostBased.hostname = `${id}.${domain}`;
  return { url, host_url: hostBased.origin };
}

function send(ws: WebSocket, frame: RelayFrame): void {
  ws.send(JSON.stringify(frame));
}

function refuse(ws: WebSocket, code: RefusalCode, message: string): void {
  send(ws, { type: 'refused', code, message });
  ws.close(CLOSE.refused, code);
}

/** After an authenticated upgrade: wait for hello, give the client its id, and start the session. */
export function runHandshake(ws: WebSocket, token: RelayToken, facts: SenderFacts, ctx: HandshakeContext): void {
  const timer = setTimeout(() => ws.terminate(), ctx.settings.helloTimeoutMs);
  ws.on('error', () => ws.terminate());
  ws.once('close', () => clearTimeout(timer));
  ws.once('message', (data: Buffer, isBinary: boolean) => {
    clearTimeout(timer);
    let hello: Hello;
    try {
      if (isBinary) throw new Error('binary');
      hello = Hello.parse(JSON.parse(data.toString('utf8')));
    } catch {
      return refuse(ws, 'bad_hello', 'The first message must be a hello control frame (see shared/tunnel-protocol.ts).');
    }
    if (hello.version !== TUNNEL_PROTOCOL_VERSION) {
      return refuse(
        ws,
        'unsupported_version',
        `This relay speaks tunnel protocol ${TUNNEL_PROTOCOL_VERSION}, not ${hello.version}; update Hookbench or the relay.`,
      );
    }
    if (ctx.isClosing()) return refuse(ws, 'relay_shutting_down', 'The relay is restarting; connect again in a moment.');
    const claim = ctx.registry.claim(token, hello);
    if (!claim.ok) return refuse(ws, claim.code, claim.message);

    const resume = randomBytes(24).toString('base64url');
    const session = new TunnelSession(ws, claim.id, token, resume, hello.window, ctx.settings.window, hello.features ?? [], {
      highWater: ctx.settings.highWater,
      onClosed: (closed) => {
        ctx.registry.unbind(closed);
        ctx.log(`tunnel ${closed.id} offline`);
      },
      onDraining: (draining, off) => {
        ctx.registry.detach(draining, off);
        if (off) ctx.log(`tunnel ${draining.id} switched off in the app`);
      },
      log: ctx.log,
    });
    const base = ctx.settings.publicUrl ?? (facts.host ? `${facts.tls ? 'https' : 'http'}://${facts.host}` : ctx.fallbackOrigin);
    const welcome: Welcome = {
      type: 'welcome',
      version: TUNNEL_PROTOCOL_VERSION,
      tunnel_id: claim.id,
      ...publicUrls(claim.id, base, ctx.settings.domain),
      resume,
      window: ctx.settings.window,
      heartbeat_ms: ctx.settings.heartbeatMs,
    };
    session.send(welcome);
    ctx.registry.bind(session);
    if (claim.replaces) claim.replaces.close(CLOSE.replaced, 'replaced by a newer connection of the same client');
    ctx.onSession(session);
    ctx.log(`tunnel ${claim.id} online (${token.label}, from ${facts.remoteAddress ?? 'unknown'})`);
  });
}
