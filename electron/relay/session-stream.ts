import type { RelayFrame, ResponseHead } from '../../shared/tunnel-protocol.js';

/**
 * What a tunnel session asks of a stream open on it: a live request (forwarded-request.ts) or a
 * queued one being drained (queue/queued-stream.ts).
 */
export interface SessionStream {
  /** True while bytes are queued and the stream has no credit to send them (the relay's status counts these). */
  readonly awaitingCredit: boolean;
  /** The session's socket drained below its high-water mark: send what is queued. */
  pump(): void;
  onResponseHead(head: ResponseHead): void;
  onResponseData(payload: Buffer, end: boolean): void;
  onCredit(bytes: number): void;
  onReset(code: string, message?: string): void;
  /** Only queued streams take an acknowledgement instead of a response. */
  onQueuedAck?(status: number): void;
  onSessionLost(): void;
}

/** What a stream asks of the session that carries it: one connected app (tunnel-session.ts). */
export interface StreamCarrier {
  /** The app's receive window for request bodies. */
  readonly clientWindow: number;
  /** The relay's receive window for response bodies. */
  readonly relayWindow: number;
  readonly writable: boolean;
  /** Gives the stream its id on this session. */
  open(stream: SessionStream): number;
  waitWritable(stream: SessionStream): void;
  finishStream(id: number): void;
  send(frame: RelayFrame): void;
  sendData(stream: number, payload: Uint8Array, end: boolean, onFlushed?: () => void): void;
  protocolError(what: string): void;
}
