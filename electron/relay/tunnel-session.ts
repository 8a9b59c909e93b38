import type { WebSocket } from 'ws';
import { CLOSE, ClientFrame, decodeDataFrame, encodeDataFrame, type RelayFrame } from '../../shared/tunnel-protocol.js';
import { batchedSend, type FrameSend } from '../engine/tunnel/batched-send.js';
import type { RelayToken } from './relay-tokens.js';
import type { SessionStream, StreamCarrier } from './session-stream.js';

export interface SessionOptions {
  /** Bytes queued on the socket above which senders are paused until it drains. */
  highWater: number;
  onClosed(session: TunnelSession): void;
  /** The app sent goaway: no new streams for it; `off` when the user switched the tunnel off. */
  onDraining(session: TunnelSession, off: boolean): void;
  log(line: string): void;
}

const MAX_STREAM_ID = 0xffffffff;

/**
 * One connected app: its WebSocket, the streams open on it, and the heartbeat that notices
 * when it is gone. Streams are the forwarded requests; this class only routes frames to them.
 */
export class TunnelSession implements StreamCarrier {
  private readonly streams = new Map<number, SessionStream>();
  private readonly waiting = new Set<SessionStream>();
  private nextStream = 1;
  private unflushed = 0;
  private alive = true;
  private readonly sendFrame: FrameSend;
  pongs = 0;
  closed = false;
  draining = false;

  constructor(
    private readonly ws: WebSocket,
    readonly id: string,
    readonly token: RelayToken,
    readonly resume: string,
    /** The app's receive window for request bodies (from its hello). */
    readonly clientWindow: number,
    /** The relay's receive window for response bodies (sent in welcome). */
    readonly relayWindow: number,
    /** What the app said it understands beyond protocol 1 (hello.features). */
    readonly features: readonly string[],
    private readonly options: SessionOptions,
  ) {
    this.sendFrame = batchedSend(ws);
    ws.on('message', (data: Buffer, isBinary: boolean) => this.onMessage(data, isBinary));
    ws.on('pong', () => {
      this.alive = true;
      this.pongs += 1;
    });
    ws.on('close', () => this.onClosed());
    ws.on('error', () => ws.terminate());
  }

  get streamCount(): number {
    return this.streams.size;
  }

  *openStreams(): Iterable<SessionStream> {
    yield* this.streams.values();
  }

  /** Below the high-water mark, senders may keep feeding this socket. */
  get writable(): boolean {
    return this.unflushed < this.options.highWater;
  }

  open(request: SessionStream): number {
    while (this.streams.has(this.nextStream)) this.nextStream = this.nextStream >= MAX_STREAM_ID ? 1 : this.nextStream + 1;
    const id = this.nextStream;
    this.nextStream = id >= MAX_STREAM_ID ? 1 : id + 1;
    this.streams.set(id, request);
    return id;
  }

  finishStream(id: number): void {
    const request = this.streams.get(id);
    this.streams.delete(id);
    if (request) this.waiting.delete(request);
  }

  waitWritable(request: SessionStream): void {
    this.waiting.add(request);
  }

  send(frame: RelayFrame): void {
    const text = JSON.stringify(frame);
    this.write(text, text.length);
  }

  sendData(stream: number, payload: Uint8Array, end: boolean, onFlushed?: () => void): void {
    const frame = encodeDataFrame(stream, payload, end);
    this.write(frame, frame.byteLength, onFlushed);
  }

  private write(data: string | Uint8Array, size: number, onFlushed?: () => void): void {
    if (this.closed) {
      onFlushed?.();
      return;
    }
    this.unflushed += size;
    this.sendFrame(data, () => {
      this.unflushed -= size;
      onFlushed?.();
      if (this.waiting.size > 0 && this.unflushed < this.options.highWater / 2) this.wake();
    });
  }

  private wake(): void {
    const ready = [...this.waiting];
    this.waiting.clear();
    for (const request of ready) request.pump();
  }

  /** Called every heartbeat interval: a peer that did not answer the last ping is dropped. */
  heartbeat(): void {
    if (this.closed) return;
    if (!this.alive) {
      this.options.log(`tunnel ${this.id}: no heartbeat answer, dropping the connection`);
      this.ws.terminate();
      return;
    }
    this.alive = false;
    this.ws.ping();
  }

  protocolError(what: string): void {
    this.options.log(`tunnel ${this.id}: protocol error (${what}), closing`);
    this.close(CLOSE.protocolError, 'protocol error');
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.ws.close(code, reason);
    // A peer that does not finish the closing handshake is cut off.
    setTimeout(() => this.ws.terminate(), 2_000).unref();
  }

  terminate(): void {
    this.ws.terminate();
  }

  private onMessage(data: Buffer, isBinary: boolean): void {
    this.alive = true;
    if (isBinary) {
      const frame = decodeDataFrame(data);
      if (!frame) return this.protocolError('malformed data frame');
      this.streams.get(frame.stream)?.onResponseData(frame.payload as Buffer, frame.end);
      return;
    }
    let parsed: ReturnType<typeof ClientFrame.safeParse>;
    try {
      parsed = ClientFrame.safeParse(JSON.parse(data.toString('utf8')));
    } catch {
      return this.protocolError('control frame is not JSON');
    }
    if (!parsed.success) return this.protocolError(`invalid control frame: ${parsed.error.issues[0]?.message}`);
    const frame = parsed.data;
    // Frames for a stream that just ended (the sender hung up) are expected; they are dropped.
    switch (frame.type) {
      case 'response':
        return this.streams.get(frame.stream)?.onResponseHead(frame);
      case 'credit':
        return this.streams.get(frame.stream)?.onCredit(frame.bytes);
      case 'reset':
        return this.streams.get(frame.stream)?.onReset(frame.code, frame.message);
      case 'queued_ack': {
        const stream = this.streams.get(frame.stream);
        if (!stream) return;
        if (!stream.onQueuedAck) return this.protocolError(`stream ${frame.stream}: queued_ack for a request that was not queued`);
        return stream.onQueuedAck(frame.status);
      }
      case 'goaway':
        return this.onGoaway(frame.off === true);
      case 'hello':
        return this.protocolError('a second hello');
    }
  }

  /** The app is stopping: no new streams for it; open ones finish; the echo tells it none will follow. */
  private onGoaway(off: boolean): void {
    if (this.draining) return;
    this.draining = true;
    this.options.onDraining(this, off);
    this.send({ type: 'goaway' });
  }

  private onClosed(): void {
    if (this.closed) return;
    this.closed = true;
    const lost = [...this.streams.values()];
    this.streams.clear();
    this.waiting.clear();
    for (const request of lost) request.onSessionLost();
    this.options.onClosed(this);
  }
}
