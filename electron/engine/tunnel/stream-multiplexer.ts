import WebSocket from 'ws';
import {
  CLOSE,
  DEAD_AFTER_INTERVALS,
  decodeDataFrame,
  encodeDataFrame,
  type ClientFrame,
  type Welcome,
} from '../../../shared/tunnel-protocol.js';
import { batchedSend } from './batched-send.js';
import type { ConnectionEnd, ConnectionOptions, TunnelConnection } from './connection-contract.js';
import { InboundStream, type StreamHost } from './inbound-stream.js';
import { readRelayFrame } from './relay-frame-reader.js';

/** After the welcome: route frames to streams, watch the heartbeat, and close gracefully on request. */
export function serveStreams(ws: WebSocket, welcome: Welcome, options: ConnectionOptions): TunnelConnection {
  const streams = new Map<number, InboundStream>();
  const admitted = new Set<InboundStream>();
  const waiting: InboundStream[] = [];
  let lastHeard = Date.now();
  let goawayEchoed: (() => void) | null = null;
  let allDone: (() => void) | null = null;

  const sendFrame = batchedSend(ws);
  const send = (frame: ClientFrame) => {
    if (ws.readyState === WebSocket.OPEN) sendFrame(JSON.stringify(frame));
  };

  const host: StreamHost = {
    ingest: options.ingest,
    maxBody: options.maxBody,
    window: options.window,
    relayWindow: welcome.window,
    send,
    sendData: (stream, payload, end) => {
      if (ws.readyState === WebSocket.OPEN) sendFrame(encodeDataFrame(stream, payload, end));
    },
    admit: (stream) => {
      if (admitted.size < options.maxLargeBodies) {
        admitted.add(stream);
        return true;
      }
      waiting.push(stream);
      return false;
    },
    done: (stream) => {
      streams.delete(stream.id);
      const index = waiting.indexOf(stream);
      if (index >= 0) waiting.splice(index, 1);
      if (admitted.delete(stream)) {
        const next = waiting.shift();
        if (next) {
          admitted.add(next);
          next.grant();
        }
      }
      if (streams.size === 0) allDone?.();
    },
    onQueued: (outcome) =>
      options.onQueueEvent?.({ type: 'delivered', stored: outcome === 'stored' ? 1 : 0, duplicates: outcome === 'duplicate' ? 1 : 0 }),
    log: options.log,
  };

  ws.on('message', (data: Buffer, isBinary: boolean) => {
    lastHeard = Date.now();
    if (isBinary) {
      const frame = decodeDataFrame(data);
      if (!frame) return protocolError('malformed data frame');
      streams.get(frame.stream)?.onData(frame.payload as Buffer, frame.end);
      return;
    }
    const frame = readRelayFrame(data);
    if (!frame) return protocolError('invalid control frame');
    switch (frame.type) {
      case 'request':
        if (streams.has(frame.stream)) return protocolError(`stream ${frame.stream} opened twice`);
        if (streams.size >= options.maxStreams) {
          send({ type: 'reset', stream: frame.stream, code: 'too_many_streams', message: 'the app has too many requests in progress' });
          return;
        }
        streams.set(frame.stream, new InboundStream(frame, host));
        return;
      case 'credit':
        return streams.get(frame.stream)?.onCredit(frame.bytes);
      case 'reset':
        return streams.get(frame.stream)?.abandon();
      case 'goaway':
        return goawayEchoed?.();
      case 'queue_notice':
        return options.onQueueEvent?.({
          type: 'notice',
          waiting: frame.waiting,
          droppedExpired: frame.dropped_expired,
          refusedFull: frame.refused_full,
        });
      default:
        return protocolError(`unexpected ${frame.type} frame`);
    }
  });
  ws.on('ping', () => (lastHeard = Date.now()));

  const protocolError = (what: string) => {
    options.log(`tunnel: protocol error from the relay (${what}); reconnecting`);
    ws.close(CLOSE.protocolError, 'protocol error');
  };

  // The relay pings every heartbeat_ms; this much silence means it (or the path to it) is gone.
  // Checked four times an interval, so a dead relay is noticed within 2.75 intervals (27.5 s by default).
  const watchdog = setInterval(() => {
    if (Date.now() - lastHeard > welcome.heartbeat_ms * DEAD_AFTER_INTERVALS) {
      options.log('tunnel: no heartbeat from the relay; reconnecting');
      ws.terminate();
    }
  }, welcome.heartbeat_ms / 4);
  watchdog.unref();

  const ended = new Promise<ConnectionEnd>((resolve) => {
    ws.on('close', (code, reason) => {
      clearInterval(watchdog);
      // Requests cut off mid-way: their senders get an error from the relay; finished ingests stay committed.
      for (const stream of [...streams.values()]) stream.abandon();
      streams.clear();
      allDone?.();
      goawayEchoed?.();
      resolve({ code, reason: reason.toString() });
    });
    ws.on('error', () => ws.terminate());
  });

  return {
    welcome,
    ended,
    async close(graceMs, switchedOff = false) {
      if (ws.readyState !== WebSocket.OPEN) return void (await ended);
      const deadline = new Promise<void>((r) => setTimeout(r, graceMs).unref());
      // After the echo no new request can arrive; then the open ones get until the deadline.
      const echoed = new Promise<void>((r) => (goawayEchoed = r));
      // Switched off (not quitting): the relay refuses its senders instead of holding or queueing them.
      send(switchedOff ? { type: 'goaway', off: true } : { type: 'goaway' });
      await Promise.race([echoed, deadline]);
      if (streams.size > 0) await Promise.race([new Promise<void>((r) => (allDone = r)), deadline]);
      ws.close(CLOSE.clientStopping, 'client stopping');
      setTimeout(() => ws.terminate(), 1_000).unref();
      await ended;
    },
  };
}
