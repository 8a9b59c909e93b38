import type { Listener, Session } from '@ngrok/ngrok';
import type { NgrokSdk } from './ngrok-sdk.js';

export interface NgrokTunnelOptions {
  authtoken: string;
  domain: string | null;
  /** Where the public side's requests go: the tunnel ingress. */
  forwardTo: string;
  /** host:port of the ngrok service; null for the SDK's default. */
  serverAddr: string | null;
  /** PEM of the CA that signs the server's certificate; null for ngrok's own. */
  serverCa: string | null;
  /** Seconds between the session's heartbeats; null for the SDK's default (10 s). */
  heartbeatSeconds: number | null;
  clientVersion: string;
}

/** What the session tells while it lives; handlers of one tunnel only ever hear about that tunnel. */
export interface NgrokTunnelEvents {
  /** The connection dropped and the SDK is about to reconnect; returning false cancels its reconnecting. */
  onDisconnect(error: string): boolean;
  /** A heartbeat answer came back, with its round trip in ms (0 when none came in time). */
  onHeartbeat(latencyMs: number): void;
}

export interface NgrokTunnel {
  /** The public URL once the session is up and the endpoint bound; rejects with the SDK's error. */
  readonly url: Promise<string>;
  /** Closes the endpoint and the session, now or as soon as they exist; waits at most `boundMs`. */
  close(boundMs: number): Promise<void>;
}

/** One attempt: a session with the authtoken, then an HTTP endpoint forwarding to the ingress. */
export function openNgrokTunnel(sdk: NgrokSdk, options: NgrokTunnelOptions, events: NgrokTunnelEvents): NgrokTunnel {
  let session: Session | null = null;
  let listener: Listener | null = null;
  let closing = false;

  const closeOpened = async () => {
    // Each close is an RPC to ngrok; on a dead connection it fails at once, which is fine here.
    await listener?.close().catch(() => undefined);
    await session?.close().catch(() => undefined);
  };

  const url = (async () => {
    const builder = new sdk.SessionBuilder()
      .authtoken(options.authtoken)
      .clientInfo('hookbench', options.clientVersion)
      .handleDisconnection((_addr, error) => !closing && events.onDisconnect(error))
      .handleHeartbeat((latency) => {
        // A heartbeat after close() means the SDK's reconnect finished anyway: close that session too.
        if (closing) void closeOpened();
        else events.onHeartbeat(latency ?? 0);
      });
    if (options.serverAddr !== null) builder.serverAddr(options.serverAddr);
    if (options.serverCa !== null) builder.caCert(Buffer.from(options.serverCa));
    if (options.heartbeatSeconds !== null) builder.heartbeatInterval(options.heartbeatSeconds);
    session = await builder.connect();
    if (closing) throw new Error('closed while connecting');
    const endpoint = session.httpEndpoint();
    if (options.domain !== null) endpoint.domain(options.domain);
    listener = await endpoint.listenAndForward(options.forwardTo);
    if (closing) throw new Error('closed while binding');
    const publicUrl = listener.url();
    if (!publicUrl) throw new Error('ngrok bound the endpoint but gave no URL');
    return publicUrl.replace(/\/+$/, '');
  })();
  // Whatever arrives after close() is closed too: the SDK's connect cannot be cancelled once started.
  url.catch(() => undefined).finally(() => closing && closeOpened());

  return {
    url,
    async close(boundMs) {
      closing = true;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([closeOpened(), new Promise((resolve) => (timer = setTimeout(resolve, boundMs)))]);
      clearTimeout(timer);
    },
  };
}
