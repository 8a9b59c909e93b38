import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  MAX_DATA_CHUNK,
  ReceiveWindow,
  SendWindow,
  SIMULATED_CLOSE,
  SIMULATED_RESET,
  type ResponseHead,
} from '../../shared/tunnel-protocol.js';
import { resetSocket } from '../net/reset-socket.js';
import { looksLikeProbe } from '../engine/tunnel/probe-protocol.js';
import type { BufferMeter } from './buffer-meter.js';
import { sendRelayError } from './relay-responses.js';
import type { SenderFacts } from './sender-facts.js';
import type { SessionStream, StreamCarrier } from './session-stream.js';

export interface ForwardContext {
  maxBody: number;
  meter: BufferMeter;
  /** Called once, when the sender's response is over (answered, failed or abandoned). */
  onFinished(request: ForwardedRequest): void;
}

const EMPTY = new Uint8Array(0);
const EMPTY_BUFFER = Buffer.alloc(0);
// Hop-by-hop headers describe one connection; the relay's connection to the sender has its own.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'proxy-connection',
  'te',
  'trailer',
  'http2-settings',
]);

function declaredLength(req: IncomingMessage): number | null {
  const text = req.headers['content-length'];
  if (text === undefined) return null;
  const value = Number(text);
  return Number.isSafeInteger(value) && value >= 0 ? value : null;
}

/**
 * One public request on its way through a tunnel: held while the app is away, then streamed as
 * a request head and body frames within the stream's credit, and answered with exactly what the
 * app sends back. The relay itself only ever answers with errors, never with a 2xx, except the
 * 202 of --queue, once the request is on its disk.
 */
export class ForwardedRequest implements SessionStream {
  stream = 0;
  private session: StreamCarrier | null = null;
  private holdTimer: NodeJS.Timeout | null = null;
  private sendWindow = new SendWindow(0);
  private receiveWindow = new ReceiveWindow(1024);
  private readonly queue: Buffer[] = [];
  private queued = 0;
  private received = 0;
  private forwarded = 0;
  private bodyDone = false;
  private endSent = false;
  private responded = false;
  /** The app's response head, held until its first body bytes so both leave in one write. */
  private responseHead: { status: number; headers: string[] } | null = null;
  private bodyAbandoned = false;
  /** The app ended the stream itself (a simulated reset or close). */
  private appDone = false;
  /** What this request has added to the relay's buffer meter and not yet removed. */
  private metered = 0;
  finished = false;
  /** Counted against its tunnel's in-flight limit (set by the registry when it takes the request). */
  admitted = false;
  readonly contentLength: number | null;
  private readonly bodyless: boolean;
  /** When the relay received it, ms since the epoch (a queued request keeps this as its queued_at). */
  readonly arrivedAt = Date.now();

  constructor(
    private readonly req: IncomingMessage,
    private readonly res: ServerResponse,
    readonly tunnelId: string,
    private readonly target: string,
    private readonly facts: SenderFacts,
    private readonly ctx: ForwardContext,
  ) {
    this.contentLength = declaredLength(req);
    this.bodyless = req.headers['transfer-encoding'] === undefined && (this.contentLength === null || this.contentLength === 0);
    res.on('close', () => this.cleanup());
    req.on('error', () => undefined);
    // A sender that gives up (a timeout, an abort) closes its side; Node keeps the half-open socket
    // waiting for our answer, so the stream would stay open in the app until it answers, or forever
    // on a simulated hang. Closing counts as leaving, as on the direct receiver.
    const socket = req.socket;
    const senderLeft = () => {
      if (!res.writableFinished) socket.destroy();
    };
    socket.once('end', senderLeft);
    res.once('close', () => socket.off('end', senderLeft));
  }

  /** True while bytes are queued and the stream has no credit to send them. */
  get awaitingCredit(): boolean {
    return this.queued > 0 && this.sendWindow.available <= 0;
  }

  hold(ms: number, onExpired: () => void): void {
    this.holdTimer = setTimeout(onExpired, ms);
  }

  dispatch(session: StreamCarrier): void {
    if (this.finished) return;
    if (this.holdTimer) clearTimeout(this.holdTimer);
    this.holdTimer = null;
    this.session = session;
    this.sendWindow = new SendWindow(session.clientWindow);
    this.receiveWindow = new ReceiveWindow(session.relayWindow);
    this.stream = session.open(this);
    const flat = this.req.rawHeaders;
    const headers: Array<[string, string]> = [];
    for (let i = 0; i + 1 < flat.length; i += 2) headers.push([flat[i], flat[i + 1]]);
    session.send({
      type: 'request',
      stream: this.stream,
      method: this.req.method ?? 'GET',
      target: this.target,
      headers,
      remote_address: this.facts.remoteAddress,
      tls: this.facts.tls,
      end: this.bodyless,
    });
    if (this.bodyless) {
      this.endSent = this.bodyDone = true;
      this.req.resume();
      return;
    }
    this.req.on('data', this.onData);
    this.req.on('end', this.onEnd);
  }

  private readonly onData = (chunk: Buffer) => {
    this.received += chunk.byteLength;
    if (this.received > this.ctx.maxBody) return this.tooLarge();
    this.meter(chunk.byteLength);
    this.queue.push(chunk);
    this.queued += chunk.byteLength;
    this.pump();
  };

  private readonly onEnd = () => {
    this.bodyDone = true;
    this.pump();
  };

  /** Sends queued body bytes within the stream's credit and the socket's room; pauses the sender otherwise. */
  pump(): void {
    const session = this.session;
    if (!session || this.finished || this.bodyAbandoned || this.endSent) return;
    while (this.queued > 0) {
      if (!session.writable) {
        session.waitWritable(this);
        break;
      }
      const room = Math.min(this.sendWindow.available, MAX_DATA_CHUNK);
      if (room <= 0) break;
      const chunk = this.queue[0];
      let piece = chunk;
      if (chunk.byteLength > room) {
        piece = chunk.subarray(0, room);
        this.queue[0] = chunk.subarray(room);
      } else {
        this.queue.shift();
      }
      this.queued -= piece.byteLength;
      this.forwarded += piece.byteLength;
      this.sendWindow.take(piece.byteLength);
      const end = (this.queued === 0 && this.bodyDone) || this.forwarded === this.contentLength;
      const size = piece.byteLength;
      session.sendData(this.stream, piece, end, () => this.unmeter(size));
      if (end) this.endSent = true;
    }
    if (this.queued === 0 && this.bodyDone && !this.endSent) {
      session.sendData(this.stream, EMPTY, true);
      this.endSent = true;
    }
    if (this.queued > 0) this.req.pause();
    else if (!this.bodyDone) this.req.resume();
  }

  onCredit(bytes: number): void {
    this.sendWindow.grant(bytes);
    this.pump();
  }

  /** An app's liveness probe through its own URL: never queued, since nobody waits for it later. */
  get isProbe(): boolean {
    // Webhooks are POSTs: only a GET is looked at any further.
    return this.req.method === 'GET' && looksLikeProbe({ method: 'GET', target: this.target, headers: this.queuedHead().headers });
  }

  /** What a queue keeps of this request besides its body. */
  queuedHead(): { method: string; target: string; headers: Array<[string, string]>; remoteAddress: string | null; tls: boolean } {
    const flat = this.req.rawHeaders;
    const headers: Array<[string, string]> = [];
    for (let i = 0; i + 1 < flat.length; i += 2) headers.push([flat[i], flat[i + 1]]);
    return { method: this.req.method ?? 'GET', target: this.target, headers, remoteAddress: this.facts.remoteAddress, tls: this.facts.tls };
  }

  /**
   * Reads the whole body into memory (to queue it); null when the sender left or the body was
   * larger than the relay's limit (answered 413 here).
   */
  readWhole(): Promise<Buffer | null> {
    return new Promise((resolve) => {
      if (this.finished) return resolve(null);
      const chunks: Buffer[] = [];
      let size = 0;
      const done = (body: Buffer | null) => {
        this.req.off('data', onData);
        this.req.off('end', onEnd);
        this.res.off('close', onClose);
        resolve(body);
      };
      const onData = (chunk: Buffer) => {
        size += chunk.byteLength;
        if (size > this.ctx.maxBody) {
          this.tooLarge();
          return done(null);
        }
        this.meter(chunk.byteLength);
        chunks.push(chunk);
      };
      const onEnd = () => {
        this.bodyDone = true;
        done(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
      };
      const onClose = () => done(null);
      this.req.on('data', onData);
      this.req.on('end', onEnd);
      this.res.once('close', onClose);
      this.req.resume();
    });
  }

  /** The relay's own answer for a request it queued: `{"queued":true,"id":…}`, once it is on disk. */
  answerQueued(status: number, body: string): void {
    if (this.finished || this.res.headersSent) return;
    const bytes = Buffer.from(body);
    this.res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': bytes.byteLength, 'Cache-Control': 'no-store' });
    this.res.end(bytes);
  }

  onResponseHead(head: ResponseHead): void {
    if (this.finished) return; // the sender hung up meanwhile
    if (this.responded) return this.protocolError('a second response head');
    this.responded = true;
    // The app answered before reading the whole body (e.g. too large for it): stop sending it.
    const closeAfter = !this.endSent;
    if (closeAfter) this.abandonBody();
    const flat: string[] = [];
    for (const [name, value] of head.headers) if (!HOP_BY_HOP.has(name.toLowerCase())) flat.push(name, value);
    if (closeAfter) flat.push('Connection', 'close');
    // Written with the first body bytes, so a small answer leaves in one write.
    this.responseHead = { status: head.status, headers: flat };
    if (head.end) this.writeResponse(EMPTY_BUFFER, true);
  }

  onResponseData(payload: Buffer, end: boolean): void {
    if (this.finished) return;
    if (!this.responded) return this.protocolError('response body before its head');
    if (!this.receiveWindow.receive(payload.byteLength)) return this.protocolError('more response bytes than granted');
    this.writeResponse(payload, end);
  }

  private writeResponse(payload: Buffer, end: boolean): void {
    if (this.responseHead) {
      const { status, headers } = this.responseHead;
      this.responseHead = null;
      try {
        this.res.writeHead(status, headers);
      } catch (error) {
        this.session?.send({
          type: 'reset',
          stream: this.stream,
          code: 'bad_response',
          message: 'the relay could not send this response head',
        });
        this.fail(502, 'bad_response', `The app's response could not be relayed (${(error as Error).message}); it may have been stored.`);
        return;
      }
    }
    const size = payload.byteLength;
    if (size > 0) this.meter(size);
    // Credit goes back only once the sender's socket took the bytes: a slow sender slows the app.
    const written =
      size > 0
        ? () => {
            this.unmeter(size);
            const grant = this.receiveWindow.release(size);
            if (grant > 0 && !this.finished) this.session?.send({ type: 'credit', stream: this.stream, bytes: grant });
          }
        : undefined;
    if (!end) this.res.write(payload, written);
    // As a latin1 string (byte-exact) Node sends head and last chunk in one write.
    else if (size > 0) this.res.end(payload.toString('latin1'), 'latin1', written);
    else this.res.end();
  }

  onReset(code: string, message?: string): void {
    // The app's failure simulation (an inbox set to reset or to hang with a limit): no 502, the
    // sender's connection is reset or closed unanswered, exactly as a direct request would see it.
    if (code === SIMULATED_RESET || code === SIMULATED_CLOSE) return this.dropSender(code === SIMULATED_RESET);
    this.fail(
      502,
      'tunnel_stream_reset',
      `The app abandoned this request (${code}${message ? `: ${message}` : ''}); it may or may not have been stored.`,
    );
  }

  /** The tunnel connection died while this request was on it. */
  onSessionLost(): void {
    this.session = null;
    this.fail(
      502,
      'tunnel_lost',
      'The connection to the app was lost before it answered; the request may or may not have been stored. Retry it.',
    );
  }

  fail(status: number, code: string, message: string, retryAfterSeconds?: number): void {
    if (this.finished) return;
    if (this.holdTimer) clearTimeout(this.holdTimer);
    const close = !this.bodyDone && !this.bodyless;
    this.abandonBody();
    sendRelayError(this.res, status, code, message, { close, retryAfterSeconds });
  }

  private dropSender(reset: boolean): void {
    if (this.finished) return;
    // The app is done with this stream already: no sender_gone reset goes back when the socket closes.
    this.appDone = true;
    this.abandonBody();
    const socket = this.res.socket;
    if (!socket) return;
    if (reset) resetSocket(socket);
    else socket.destroy();
  }

  private tooLarge(): void {
    this.session?.send({ type: 'reset', stream: this.stream, code: 'body_too_large' });
    this.fail(
      413,
      'body_too_large',
      `The request body is larger than this relay's limit of ${this.ctx.maxBody} bytes; nothing was delivered.`,
    );
  }

  private protocolError(what: string): void {
    this.session?.protocolError(`stream ${this.stream}: ${what}`);
  }

  private abandonBody(): void {
    if (this.bodyAbandoned) return;
    this.bodyAbandoned = true;
    this.req.off('data', this.onData);
    this.req.off('end', this.onEnd);
    this.unmeter(this.queued);
    this.queue.length = 0;
    this.queued = 0;
  }

  private meter(bytes: number): void {
    this.metered += bytes;
    this.ctx.meter.add(bytes);
  }

  private unmeter(bytes: number): void {
    if (this.finished) return;
    this.metered -= bytes;
    this.ctx.meter.remove(bytes);
  }

  private cleanup(): void {
    if (this.finished) return;
    if (this.holdTimer) clearTimeout(this.holdTimer);
    // A sender that hung up before the answer: tell the app to stop working on it.
    if (this.session && !this.res.writableFinished && !this.appDone)
      this.session.send({ type: 'reset', stream: this.stream, code: 'sender_gone' });
    this.abandonBody();
    this.ctx.meter.remove(this.metered);
    this.metered = 0;
    this.finished = true;
    this.session?.finishStream(this.stream);
    this.session = null;
    this.ctx.onFinished(this);
  }
}
