import {
  MAX_DATA_CHUNK,
  ReceiveWindow,
  SendWindow,
  SIMULATED_CLOSE,
  SIMULATED_RESET,
  type QueuedInfo,
  type ResponseHead,
} from '../../../shared/tunnel-protocol.js';
import type { SessionStream, StreamCarrier } from '../session-stream.js';
import type { QueuedRequest } from './queue-record.js';

export interface QueuedStreamEvents {
  /** Its whole body is on the socket: the next queued request may follow (arrival order holds in the app). */
  onSent(): void;
  /** The app has it (stored, already held, or refused for good with a 4xx): it may leave the queue. */
  onAcknowledged(status: number): void;
  /** The app did not take it (its store failed, the connection died): it stays queued. `unsent`: its body was not all sent. */
  onNotTaken(reason: string, unsent: boolean): void;
}

/**
 * One queued request drained to the app: its head (with the relay id, the time it was queued and
 * what the sender was told) and its body within the stream's credit. Nobody waits for an answer:
 * the app acknowledges it after its commit. An app without the `queued` feature gets it as a plain
 * request; its response head (sent only after its commit) counts as the acknowledgement.
 */
export class QueuedStream implements SessionStream {
  private stream = 0;
  private readonly sendWindow: SendWindow;
  private readonly receiveWindow: ReceiveWindow;
  private offset = 0;
  private sent = false;
  private finished = false;
  /** An older app's response body is coming: nobody reads it, so it is taken in and credited back. */
  private receivingResponse = false;

  constructor(
    private readonly session: StreamCarrier,
    private readonly request: QueuedRequest,
    private readonly answered: QueuedInfo['answered'],
    /** The app named the `queued` feature in its hello. */
    private readonly understandsQueue: boolean,
    private readonly events: QueuedStreamEvents,
  ) {
    this.sendWindow = new SendWindow(session.clientWindow);
    this.receiveWindow = new ReceiveWindow(session.relayWindow);
  }

  get awaitingCredit(): boolean {
    return !this.sent && this.sendWindow.available <= 0;
  }

  start(): void {
    const { request } = this;
    this.stream = this.session.open(this);
    const end = request.body.byteLength === 0;
    this.session.send({
      type: 'request',
      stream: this.stream,
      method: request.method,
      target: request.target,
      headers: request.headers,
      remote_address: request.remoteAddress,
      tls: request.tls,
      end,
      ...(this.understandsQueue ? { queued: { id: request.id, queued_at: request.queuedAt, answered: this.answered } } : {}),
    });
    if (end) this.markSent();
    else this.pump();
  }

  pump(): void {
    if (this.sent || this.finished) return;
    const body = this.request.body;
    while (this.offset < body.byteLength) {
      if (!this.session.writable) return this.session.waitWritable(this);
      const room = Math.min(this.sendWindow.available, MAX_DATA_CHUNK);
      if (room <= 0) return;
      const piece = body.subarray(this.offset, this.offset + room);
      this.offset += piece.byteLength;
      this.sendWindow.take(piece.byteLength);
      this.session.sendData(this.stream, piece, this.offset === body.byteLength);
    }
    this.markSent();
  }

  onCredit(bytes: number): void {
    this.sendWindow.grant(bytes);
    this.pump();
  }

  onQueuedAck(status: number): void {
    this.finish();
    this.events.onAcknowledged(status);
  }

  onResponseHead(head: ResponseHead): void {
    if (this.finished) return;
    if (this.receivingResponse) return this.session.protocolError(`stream ${this.stream}: a second response head`);
    // An app that does not know queued requests answers after its commit, as it does for any request
    // (so any answer counts: such an app cannot tell a redelivery, and it is delivered at least once).
    this.events.onAcknowledged(head.status);
    if (head.end) this.finish();
    else this.receivingResponse = true;
  }

  onResponseData(payload: Buffer, end: boolean): void {
    if (!this.receivingResponse) return this.session.protocolError(`stream ${this.stream}: response body before its head`);
    if (!this.receiveWindow.receive(payload.byteLength)) return this.session.protocolError('more response bytes than granted');
    const grant = this.receiveWindow.release(payload.byteLength);
    if (end) return this.finish();
    if (grant > 0) this.session.send({ type: 'credit', stream: this.stream, bytes: grant });
  }

  onReset(code: string, message?: string): void {
    if (this.finished) return;
    this.finish();
    // An older app acts out an inbox's simulated reset or hang after storing the request.
    if (!this.understandsQueue && (code === SIMULATED_RESET || code === SIMULATED_CLOSE)) return this.events.onAcknowledged(0);
    this.events.onNotTaken(`${code}${message ? `: ${message}` : ''}`, this.takeUnsent());
  }

  onSessionLost(): void {
    if (this.finished) return;
    this.finished = true;
    this.events.onNotTaken('the connection to the app was lost', this.takeUnsent());
  }

  /** Whether the body was still being sent; from now on it never will be. */
  private takeUnsent(): boolean {
    const unsent = !this.sent;
    this.sent = true;
    return unsent;
  }

  private markSent(): void {
    if (this.sent) return;
    this.sent = true;
    this.events.onSent();
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.session.finishStream(this.stream);
  }
}
