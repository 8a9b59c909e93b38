import {
  MAX_DATA_CHUNK,
  ReceiveWindow,
  SendWindow,
  SIMULATED_CLOSE,
  SIMULATED_RESET,
  type ClientFrame,
  type RequestHead,
} from '../../../shared/tunnel-protocol.js';
import { jsonResponse, type ResponsePlan } from '../inbound/captured-request.js';
import { actOut, type ActStage } from '../inbound/failure-actor.js';
import type { Ingest } from '../receiver/ingest.js';

/** What a stream needs from its connection. */
export interface StreamHost {
  ingest: Ingest;
  maxBody: number;
  /** Our receive window per stream (announced in hello). */
  window: number;
  /** The relay's receive window per stream (from welcome). */
  relayWindow: number;
  send(frame: ClientFrame): void;
  sendData(stream: number, payload: Uint8Array, end: boolean): void;
  /**
   * Asks to receive more than the first window: granted at once while few large bodies are in
   * memory, otherwise `grant` is called later. Caps what a burst of large uploads can buffer here.
   */
  admit(stream: InboundStream): boolean;
  /** The stream is over: frees its admission and its place on the connection. */
  done(stream: InboundStream): void;
  /** A request the relay had queued is acknowledged: stored now, or held already. */
  onQueued(outcome: 'stored' | 'duplicate'): void;
  log(line: string): void;
}

type Phase = 'receiving' | 'ingesting' | 'responding' | 'done';

/**
 * One request that came through the tunnel: collect its body within the window, hand it to the
 * receiver's ingest (same capture, routing and answer as a direct request), send the answer back.
 * Nothing reaches ingest unless the whole body arrived.
 */
export class InboundStream {
  readonly id: number;
  private readonly chunks: Buffer[] = [];
  private size = 0;
  private readonly receiveWindow: ReceiveWindow;
  private readonly sendWindow: SendWindow;
  private readonly receivedAt = Date.now();
  private phase: Phase = 'receiving';
  private admitted = false;
  private ungranted = 0;
  private response: { body: Buffer; offset: number } | null = null;
  /** Told when the stream is done, while a simulated failure is being acted out. */
  private onDone: (() => void) | null = null;
  /** Set when the relay abandoned the stream: ingest may still commit, but nobody waits for the answer. */
  private abandoned = false;

  constructor(
    private readonly head: RequestHead,
    private readonly host: StreamHost,
  ) {
    this.id = head.stream;
    this.receiveWindow = new ReceiveWindow(host.window);
    this.sendWindow = new SendWindow(host.relayWindow);
    if (head.end) void this.ingest();
  }

  get isAdmitted(): boolean {
    return this.admitted;
  }

  get bufferedBytes(): number {
    return this.size;
  }

  onData(payload: Buffer, end: boolean): void {
    if (this.phase !== 'receiving') return;
    if (!this.receiveWindow.receive(payload.byteLength)) {
      this.host.log(`tunnel stream ${this.id}: the relay sent more than the window; dropping the stream`);
      this.reset('window_exceeded');
      return;
    }
    this.size += payload.byteLength;
    if (this.size > this.host.maxBody) {
      // Answer like the direct receiver; the relay stops sending the rest and closes the sender's connection.
      this.chunks.length = 0;
      this.phase = 'ingesting';
      this.respond(
        jsonResponse(413, {
          error: 'body_too_large',
          message: `The request body is larger than this receiver's limit of ${this.host.maxBody} bytes; nothing was stored. Raise it with --max-body.`,
          limit: this.host.maxBody,
        }),
      );
      return;
    }
    if (payload.byteLength > 0) this.chunks.push(payload);
    if (end) {
      void this.ingest();
      return;
    }
    this.ungranted += this.receiveWindow.release(payload.byteLength);
    if (this.ungranted > 0 && (this.admitted || (this.admitted = this.host.admit(this)))) this.grant();
  }

  /** Called by the connection when this stream was admitted after waiting. */
  grant(): void {
    this.admitted = true;
    if (this.ungranted > 0 && this.phase === 'receiving') {
      this.host.send({ type: 'credit', stream: this.id, bytes: this.ungranted });
      this.ungranted = 0;
    }
  }

  onCredit(bytes: number): void {
    this.sendWindow.grant(bytes);
    this.pumpResponse();
  }

  /** The relay gave up on this request (sender gone, relay limit) or the connection died. */
  abandon(): void {
    this.abandoned = true;
    if (this.phase === 'receiving' || this.phase === 'responding') this.finish();
  }

  private async ingest(): Promise<void> {
    this.phase = 'ingesting';
    const body = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.size);
    this.chunks.length = 0;
    const queued = this.head.queued;
    let plan: ResponsePlan;
    try {
      plan = await this.host.ingest({
        method: this.head.method,
        target: this.head.target,
        headers: this.head.headers,
        body,
        remoteAddress: this.head.remote_address,
        tls: this.head.tls,
        via: 'tunnel',
        // A queued request was received when the relay took it (signature timestamps are judged against that).
        receivedAt: queued?.queued_at ?? this.receivedAt,
        ...(queued
          ? { relayQueue: { id: queued.id, queuedAt: queued.queued_at, drainedAt: this.receivedAt, answered: queued.answered } }
          : {}),
      });
    } catch (error) {
      this.host.log(`tunnel stream ${this.id}: ingest failed: ${(error as Error).stack ?? String(error)}`);
      plan = jsonResponse(500, { error: 'internal_error', message: 'Hookbench hit an unexpected error; the request was not stored.' });
    }
    if (queued) return this.acknowledgeQueued(plan);
    this.respond(plan);
  }

  /**
   * A queued request gets no response (its sender was answered by the relay): an acknowledgement
   * once it is committed (or known, or refused for good), or a reset when it could not be stored,
   * so the relay keeps it and tries again.
   */
  private acknowledgeQueued(plan: ResponsePlan): void {
    this.phase = 'responding';
    if (plan.status >= 500) return this.reset('not_stored');
    this.host.send({ type: 'queued_ack', stream: this.id, status: Math.max(200, Math.min(499, plan.status)) });
    if (plan.queued) this.host.onQueued(plan.queued);
    this.finish();
  }

  private respond(plan: ResponsePlan): void {
    if (this.abandoned) return this.finish();
    this.phase = 'responding';
    if (plan.act) return void actOut(this.stage(), plan, plan.act);
    const end = plan.body.byteLength === 0;
    this.host.send({ type: 'response', stream: this.id, status: plan.status, headers: plan.headers, end });
    if (end) return this.finish();
    this.response = { body: plan.body, offset: 0 };
    this.pumpResponse();
  }

  /**
   * Failure simulation through the tunnel (inbound/failure-actor.ts): the relay does to the
   * sender's connection what the direct receiver would, so a sender sees the same reset, hang or
   * trickle whichever way it came in. A sender giving up reaches us as a reset (abandon).
   */
  private stage(): ActStage {
    return {
      gone: () => this.phase === 'done',
      onGone: (listener) => {
        this.onDone = listener;
      },
      reset: () => this.reset(SIMULATED_RESET),
      hold: () => undefined,
      closeUnanswered: () => this.reset(SIMULATED_CLOSE),
      writeHead: (plan) =>
        this.host.send({ type: 'response', stream: this.id, status: plan.status, headers: plan.headers, end: plan.body.byteLength === 0 }),
      // A slow sender may leave less credit than a slice: send what fits, the rest on a later tick.
      writeBody: (chunk, last) => {
        const size = Math.min(chunk.byteLength, this.sendWindow.available);
        if (size <= 0) return 0;
        this.sendWindow.take(size);
        this.host.sendData(this.id, chunk.subarray(0, size), last && size === chunk.byteLength);
        return size;
      },
      end: () => this.finish(),
    };
  }

  private pumpResponse(): void {
    const response = this.response;
    if (!response || this.phase !== 'responding') return;
    while (response.offset < response.body.byteLength) {
      const room = Math.min(this.sendWindow.available, MAX_DATA_CHUNK);
      if (room <= 0) return;
      const piece = response.body.subarray(response.offset, response.offset + room);
      response.offset += piece.byteLength;
      this.sendWindow.take(piece.byteLength);
      this.host.sendData(this.id, piece, response.offset === response.body.byteLength);
    }
    this.finish();
  }

  private reset(code: string): void {
    this.host.send({ type: 'reset', stream: this.id, code });
    this.finish();
  }

  private finish(): void {
    if (this.phase === 'done') return;
    this.phase = 'done';
    this.onDone?.();
    this.chunks.length = 0;
    this.response = null;
    this.host.done(this);
  }
}
