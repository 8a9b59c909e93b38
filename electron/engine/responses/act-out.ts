import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { STATUS_CODES } from 'node:http';
import type { PlanAct, ResponsePlan } from '../receiver/captured-request.js';
import { resetSocket } from '../../net/reset-socket.js';
import { writePlan, writePlanToSocket } from '../receiver/response-writer.js';
import { tricklePace } from './trickle-pace.js';

/** Where an answer goes: Node's response object, or a bare socket on the raw-parser path. */
interface Sink {
  readonly socket: Socket;
  writeAll(plan: ResponsePlan): void;
  writeHead(plan: ResponsePlan): void;
  write(chunk: Buffer): void;
  end(): void;
  closed(): boolean;
  onClose(listener: () => void): void;
}

function responseSink(res: ServerResponse): Sink {
  return {
    socket: res.socket!,
    writeAll: (plan) => writePlan(res, plan),
    writeHead: (plan) => res.writeHead(plan.status, plan.headers.flat()),
    write: (chunk) => void res.write(chunk),
    end: () => res.end(),
    closed: () => res.destroyed || res.writableEnded,
    onClose: (listener) => void res.once('close', listener),
  };
}

function socketSink(socket: Socket): Sink {
  return {
    socket,
    writeAll: (plan) => writePlanToSocket(socket, plan),
    writeHead: (plan) => {
      const head = [
        `HTTP/1.1 ${plan.status} ${STATUS_CODES[plan.status] ?? 'Unknown'}`,
        ...plan.headers.map(([n, v]) => `${n}: ${v}`),
        'Connection: close',
        '',
        '',
      ];
      socket.write(Buffer.from(head.join('\r\n'), 'latin1'));
    },
    write: (chunk) => void socket.write(chunk),
    end: () => socket.end(),
    closed: () => socket.destroyed,
    onClose: (listener) => void socket.once('close', listener),
  };
}

function act(sink: Sink, plan: ResponsePlan, action: PlanAct): Promise<void> {
  return new Promise((resolve) => {
    if (sink.closed()) return resolve();
    if (action.type === 'reset') {
      resetSocket(sink.socket);
      return resolve();
    }
    let timer: NodeJS.Timeout | null = null;
    sink.onClose(() => {
      if (timer) clearTimeout(timer);
      resolve();
    });
    if (action.type === 'hang') {
      // No answer: the sender gives up first (closing its side counts), or after `ms` the connection is closed unanswered.
      sink.socket.once('end', () => sink.socket.destroy());
      if (action.ms !== undefined) timer = setTimeout(() => sink.socket.destroy(), action.ms);
      return;
    }
    // Trickle: the head at once (with the full Content-Length), then the body a slice per tick.
    const { tickMs, slice } = tricklePace(action.bytesPerSecond);
    let offset = 0;
    sink.writeHead(plan);
    const tick = () => {
      if (sink.closed()) return;
      sink.write(plan.body.subarray(offset, offset + slice));
      offset += slice;
      if (offset >= plan.body.byteLength) sink.end();
      else timer = setTimeout(tick, tickMs);
    };
    if (plan.body.byteLength === 0) sink.end();
    else tick();
  });
}

/** Writes a plan, acting out its simulated failure if it has one; resolves when the exchange is over. */
export function actOutResponse(res: ServerResponse, plan: ResponsePlan): Promise<void> {
  if (!plan.act) return Promise.resolve(writePlan(res, plan));
  return act(responseSink(res), plan, plan.act);
}

/** The raw-parser path's twin of actOutResponse; the connection is closed after the answer. */
export function actOutOnSocket(socket: Socket, plan: ResponsePlan): Promise<void> {
  if (!plan.act) return Promise.resolve(writePlanToSocket(socket, plan));
  return act(socketSink(socket), plan, plan.act);
}
