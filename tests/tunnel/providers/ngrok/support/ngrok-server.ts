import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import tls from 'node:tls';
import { createCertificateAuthority, issueServerCertificate } from '../../../../../electron/engine/tls/certificate-authority.js';
import { ForwardedForInserter } from '../../../support/forwarded-for-inserter.js';
import { DEFAULT_WINDOW, FIN, FrameType, SYN, dataFrame, decodeFrames, windowIncrement, type Frame } from './muxado-frames.js';

/**
 * A stand-in for the ngrok service on loopback, speaking the agent protocol the official SDK
 * speaks, as ngrok-rust's open source has it: TLS, muxado streams, each stream opened with a
 * big-endian u32 type (0 Auth, 1 Bind, 2 Unbind, 3 Proxy, 0xFFFFFFFF heartbeat), JSON requests
 * and responses (`{"Error": "...\n\nERR_NGROK_105"}` on refusal), and proxy streams that start
 * with a little-endian i64 length and a JSON ProxyHeader, then carry the public connection's bytes.
 *
 * Not like the real one: there is no DNS here, so each endpoint's public URL is its own loopback
 * port (`http://127.0.0.1:<port>`), and the same port again when the same domain (or, after a
 * reconnect, the same bind token) binds again. A public request with no agent behind it is answered
 * with ngrok's ERR_NGROK_3200 "endpoint is offline". The public side adds X-Forwarded-For at the end of
 * each request head, as ngrok's edge reports the sender; it does not re-encode requests as the real edge may.
 */
export interface NgrokServerOptions {
  /** Authtokens accepted; any other is refused with ERR_NGROK_105, ngrok's answer to a malformed one. */
  authtokens?: string[];
  /** Another refusal for a token, as the full ngrok error text (message lines, then `ERR_NGROK_<n>`). */
  authError?: (authtoken: string) => string | null;
  /** Domains reserved for the account; binding another is refused with ERR_NGROK_319. */
  domains?: string[];
}

export interface StandInEndpoint {
  url: string;
  domain: string | null;
  /** True while a session serves it. */
  online(): boolean;
}

export interface NgrokServer {
  /** host:port for the SDK's server_addr. */
  serverAddr: string;
  /** The CA that signed the server's certificate, for the SDK's caCert. */
  caPem: string;
  /** Authtokens of every Auth request, in order (a reconnect authenticates again). */
  auths: string[];
  /** Sessions connected and authenticated now. */
  sessions(): number;
  endpoints(): StandInEndpoint[];
  /** Destroys every agent connection while still listening: a network blip. */
  dropSessions(): void;
  /** Stops listening and drops every agent connection: ngrok unreachable. */
  pause(): Promise<void>;
  /** Listens again on the same port. */
  resume(): Promise<void>;
  stop(): Promise<void>;
}

export const STAND_IN_AUTHTOKEN = 'standin_2hZVZ2cXq8YbW8c9ZqkLh1N0aT3_4xKpQf7yR2mWv9Jd3eUoB';

const StreamKind = { auth: 0, bind: 1, unbind: 2, proxy: 3, srvInfo: 8, heartbeat: 0xffffffff } as const;

interface Stream {
  id: number;
  kind: number | null;
  received: Buffer;
  sendWindow: number;
  queued: Buffer[];
  finQueued: boolean;
  /** First frame this side sends on a stream it opened carries SYN. */
  synPending: boolean;
  /** For proxy streams: the public connection it carries. */
  publicSocket?: net.Socket;
}

interface Endpoint {
  key: string;
  domain: string | null;
  server: net.Server;
  url: string;
  /** The session and tunnel id serving it now. */
  servedBy: { session: AgentSession; tunnelId: string } | null;
}

class AgentSession {
  private readonly streams = new Map<number, Stream>();
  private pending: Buffer = Buffer.alloc(0);
  private nextId = 2;
  authenticated = false;

  constructor(
    readonly socket: tls.TLSSocket,
    private readonly service: Service,
  ) {
    socket.on('data', (chunk: Buffer) => {
      const { frames, rest } = decodeFrames(Buffer.concat([this.pending, chunk]));
      this.pending = rest;
      for (const frame of frames) this.onFrame(frame);
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.closed());
  }

  /** Opens a proxy stream for one public connection and pipes it both ways. */
  proxy(tunnelId: string, publicSocket: net.Socket): void {
    const stream = this.newStream(this.nextId);
    this.nextId += 2;
    stream.kind = StreamKind.proxy;
    stream.synPending = true;
    stream.publicSocket = publicSocket;
    const header = Buffer.from(
      JSON.stringify({
        Id: tunnelId,
        ClientAddr: `${publicSocket.remoteAddress}:${publicSocket.remotePort}`,
        Proto: 'https',
        EdgeType: '',
        PassthroughTLS: false,
      }),
    );
    const prefix = Buffer.alloc(12);
    prefix.writeUInt32BE(StreamKind.proxy, 0);
    prefix.writeBigInt64LE(BigInt(header.length), 4);
    this.send(stream, Buffer.concat([prefix, header]));
    // ngrok's edge tells the upstream who sent the request in X-Forwarded-For.
    const withSender = publicSocket.pipe(new ForwardedForInserter(publicSocket.remoteAddress ?? '127.0.0.1'));
    withSender.on('data', (chunk: Buffer) => this.send(stream, chunk));
    withSender.on('end', () => this.finish(stream));
    publicSocket.on('error', () => publicSocket.destroy());
    publicSocket.on('close', () => this.finish(stream));
  }

  private newStream(id: number): Stream {
    const stream: Stream = {
      id,
      kind: null,
      received: Buffer.alloc(0),
      sendWindow: DEFAULT_WINDOW,
      queued: [],
      finQueued: false,
      synPending: false,
    };
    this.streams.set(id, stream);
    return stream;
  }

  private onFrame(frame: Frame): void {
    // The agent closing its session sends GOAWAY: the session ends there.
    if (frame.type === FrameType.goaway) return void this.socket.destroy();
    let stream = this.streams.get(frame.streamId);
    if (!stream && frame.flags & SYN) stream = this.newStream(frame.streamId);
    if (!stream) return;
    if (frame.type === FrameType.wndinc) {
      stream.sendWindow += frame.body.readUInt32BE(0);
      this.flush(stream);
      return;
    }
    if (frame.type === FrameType.rst) {
      stream.publicSocket?.destroy();
      this.streams.delete(stream.id);
      return;
    }
    if (frame.type !== FrameType.data) return;
    if (frame.body.length > 0) this.socket.write(windowIncrement(stream.id, frame.body.length));
    this.onData(stream, frame.body);
    if (frame.flags & FIN) stream.publicSocket?.end();
  }

  private onData(stream: Stream, body: Buffer): void {
    if (stream.kind === StreamKind.proxy) {
      stream.publicSocket?.write(body);
      return;
    }
    stream.received = Buffer.concat([stream.received, body]);
    if (stream.kind === null) {
      if (stream.received.length < 4) return;
      stream.kind = stream.received.readUInt32BE(0);
      stream.received = stream.received.subarray(4);
    }
    if (stream.kind === StreamKind.heartbeat) {
      const whole = stream.received.length - (stream.received.length % 4);
      if (whole > 0) this.send(stream, stream.received.subarray(0, whole));
      stream.received = stream.received.subarray(whole);
      return;
    }
    let request: Record<string, unknown>;
    try {
      request = JSON.parse(stream.received.toString('utf8')) as Record<string, unknown>;
    } catch {
      return; // Not all of it yet: the agent writes a request and waits, without closing its side.
    }
    stream.received = Buffer.alloc(0);
    void this.service.answer(this, stream.kind, request).then((answer) => {
      this.send(stream, Buffer.from(JSON.stringify(answer.body)));
      this.finish(stream);
      if (answer.hangUp) setTimeout(() => this.socket.destroy(), 50);
    });
  }

  private send(stream: Stream, bytes: Buffer): void {
    stream.queued.push(bytes);
    this.flush(stream);
  }

  private finish(stream: Stream): void {
    if (stream.finQueued) return;
    stream.finQueued = true;
    this.flush(stream);
  }

  /** Writes what the agent's window allows; the rest waits for its window increment. */
  private flush(stream: Stream): void {
    while (stream.queued.length > 0 && stream.sendWindow > 0) {
      const next = stream.queued[0];
      const part = next.subarray(0, stream.sendWindow);
      stream.queued[0] = next.subarray(part.length);
      if (stream.queued[0].length === 0) stream.queued.shift();
      stream.sendWindow -= part.length;
      this.write(stream, part, 0);
    }
    if (stream.finQueued && stream.queued.length === 0) {
      this.write(stream, Buffer.alloc(0), FIN);
      stream.finQueued = false;
      stream.queued = [];
      stream.sendWindow = -1; // Nothing more is sent on it.
    }
  }

  private write(stream: Stream, body: Buffer, flags: number): void {
    if (stream.synPending) flags |= SYN;
    stream.synPending = false;
    if (!this.socket.destroyed) this.socket.write(dataFrame(stream.id, body, flags));
  }

  private closed(): void {
    for (const stream of this.streams.values()) stream.publicSocket?.destroy();
    this.streams.clear();
    this.service.sessionClosed(this);
  }
}

class Service {
  readonly auths: string[] = [];
  readonly sessions = new Set<AgentSession>();
  readonly endpoints = new Map<string, Endpoint>();
  private readonly accepted: Set<string>;
  private readonly domains: Set<string>;

  constructor(private readonly options: NgrokServerOptions) {
    this.accepted = new Set(options.authtokens ?? [STAND_IN_AUTHTOKEN]);
    this.domains = new Set(options.domains ?? []);
  }

  async answer(session: AgentSession, kind: number, request: Record<string, unknown>): Promise<{ body: unknown; hangUp?: boolean }> {
    switch (kind) {
      case StreamKind.auth:
        return this.auth(session, request);
      case StreamKind.bind:
        return session.authenticated ? { body: await this.bind(session, request) } : { body: { Error: 'not authenticated' }, hangUp: true };
      case StreamKind.unbind:
        this.unbind(session, typeof request.Id === 'string' ? request.Id : '');
        return { body: {} };
      case StreamKind.srvInfo:
        return { body: { Region: 'local' } };
      default:
        return { body: { Error: `unknown request type ${kind}` } };
    }
  }

  private auth(session: AgentSession, request: Record<string, unknown>): { body: unknown; hangUp?: boolean } {
    const extra = (request.Extra ?? {}) as Record<string, unknown>;
    const authtoken = typeof extra.AuthToken === 'string' ? extra.AuthToken : '';
    this.auths.push(authtoken);
    const refusal =
      this.options.authError?.(authtoken) ??
      (this.accepted.has(authtoken)
        ? null
        : 'The authtoken you specified does not look like a proper ngrok tunnel authtoken.\n' +
          `Your authtoken: ${authtoken}\n` +
          'Instructions to install your authtoken are on your ngrok dashboard:\n' +
          'https://dashboard.ngrok.com/get-started/your-authtoken\n\nERR_NGROK_105\n');
    if (refusal !== null) return { body: { Error: refusal }, hangUp: true };
    session.authenticated = true;
    this.sessions.add(session);
    const id = randomBytes(8).toString('hex');
    return {
      body: {
        Version: '2',
        ClientId: id,
        Extra: {
          Version: 'stand-in',
          Region: 'local',
          Cookie: `cookie-${id}`,
          AccountName: 'stand-in',
          SessionDuration: 0,
          PlanName: 'Free',
          Banner: null,
        },
      },
    };
  }

  private async bind(session: AgentSession, request: Record<string, unknown>): Promise<unknown> {
    const opts = (request.Opts ?? {}) as Record<string, unknown>;
    const extra = (request.Extra ?? {}) as Record<string, unknown>;
    // The SDK sends a domain as Opts.Domain (older agents used Hostname).
    const named = [opts.Domain, opts.Hostname].find((value) => typeof value === 'string' && value !== '');
    const domain = typeof named === 'string' ? named : null;
    if (domain !== null && !this.domains.has(domain)) {
      return {
        Error:
          'You must reserve a custom hostname for your account before it can be bound.\n' +
          `Failed to bind the domain "${domain}" for the account "stand-in" in region "local".\n` +
          '(Hint: Did you reserve the domain in this region?)\n\n' +
          'Reserve this name on your dashboard: https://dashboard.ngrok.com/cloud-edge/domains/new\n\nERR_NGROK_319\n',
      };
    }
    const token = typeof extra.Token === 'string' && extra.Token !== '' ? extra.Token : null;
    const key = domain ?? token ?? `random-${randomBytes(6).toString('hex')}`;
    const endpoint = this.endpoints.get(key);
    if (endpoint?.servedBy && endpoint.servedBy.session !== session && this.sessions.has(endpoint.servedBy.session)) {
      return {
        Error: `The endpoint '${endpoint.url}' is already online. Either\n- stop your existing endpoint first, or\n- start both endpoints with \`--pooling-enabled\` to load balance between them.\n\nERR_NGROK_334\n`,
      };
    }
    const tunnelId = typeof request.Id === 'string' && request.Id !== '' ? request.Id : `tun_${randomBytes(8).toString('hex')}`;
    const bound = endpoint ?? (await this.openEndpoint(key, domain));
    bound.servedBy = { session, tunnelId };
    return { Id: tunnelId, URL: bound.url, Proto: request.Proto ?? 'https', Opts: opts, BindOpts: opts, Extra: { Token: key } };
  }

  private async openEndpoint(key: string, domain: string | null): Promise<Endpoint> {
    const server = net.createServer({ allowHalfOpen: true }, (socket) => {
      const served = endpoint.servedBy;
      if (!served || !this.sessions.has(served.session)) {
        const body = `The endpoint ${endpoint.url} is offline.\n\nERR_NGROK_3200\n`;
        socket.on('error', () => socket.destroy());
        socket.end(
          `HTTP/1.1 404 Not Found\r\nNgrok-Error-Code: ERR_NGROK_3200\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
        );
        return;
      }
      served.session.proxy(served.tunnelId, socket);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const endpoint: Endpoint = {
      key,
      domain,
      server,
      url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
      servedBy: null,
    };
    this.endpoints.set(key, endpoint);
    return endpoint;
  }

  private unbind(session: AgentSession, tunnelId: string): void {
    for (const endpoint of this.endpoints.values()) {
      if (endpoint.servedBy?.session === session && endpoint.servedBy.tunnelId === tunnelId) endpoint.servedBy = null;
    }
  }

  sessionClosed(session: AgentSession): void {
    this.sessions.delete(session);
    for (const endpoint of this.endpoints.values()) if (endpoint.servedBy?.session === session) endpoint.servedBy = null;
  }
}

export async function startNgrokServer(options: NgrokServerOptions = {}): Promise<NgrokServer> {
  const now = new Date();
  const ca = await createCertificateAuthority(now, 'ngrok-stand-in');
  const cert = await issueServerCertificate(ca, {
    notBefore: new Date(now.getTime() - 60_000),
    notAfter: new Date(now.getTime() + 86_400_000),
  });
  const service = new Service(options);
  const agents = new Set<tls.TLSSocket>();
  const server = tls.createServer({ cert: cert.certPem, key: cert.keyPem }, (socket) => {
    agents.add(socket);
    socket.on('close', () => agents.delete(socket));
    new AgentSession(socket, service);
  });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  const dropSessions = () => {
    for (const socket of agents) socket.destroy();
  };
  const close = () => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
  return {
    serverAddr: `127.0.0.1:${port}`,
    caPem: ca.certPem,
    auths: service.auths,
    sessions: () => service.sessions.size,
    endpoints: () =>
      [...service.endpoints.values()].map((endpoint) => ({
        url: endpoint.url,
        domain: endpoint.domain,
        online: () => endpoint.servedBy !== null && service.sessions.has(endpoint.servedBy.session),
      })),
    dropSessions,
    async pause() {
      const closing = close();
      dropSessions();
      await closing;
    },
    resume: () => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve)),
    async stop() {
      const closing = close();
      dropSessions();
      for (const endpoint of service.endpoints.values()) endpoint.server.close();
      await closing;
    },
  };
}
