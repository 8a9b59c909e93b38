import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { STATUS_CODES } from 'node:http';
import { resetSocket } from '../../net/reset-socket.js';
import type { ResponsePlan } from '../inbound/captured-request.js';
import { actOut, type ActStage } from '../inbound/failure-actor.js';
import { writePlan, writePlanToSocket } from './response-writer.js';

/** What a direct connection adds to the stage: the socket a hang holds and a reset cuts. */
function socketStage(socket: Socket): Pick<ActStage, 'reset' | 'hold' | 'closeUnanswered'> {
  return {
    reset: () => resetSocket(socket),
    // A sender that closes its side has given up; Node would keep the half-open socket waiting for an answer.
    hold: () => void socket.once('end', () => socket.destroy()),
    closeUnanswered: () => socket.destroy(),
  };
}

/** Node's response object as the stage. */
function responseStage(res: ServerResponse): ActStage {
  return {
    ...socketStage(res.socket!),
    gone: () => res.destroyed || res.writableEnded,
    onGone: (listener) => void res.once('close', listener),
    writeHead: (plan) => void res.writeHead(plan.status, plan.headers.flat()),
    writeBody: (chunk) => {
      res.write(chunk);
      return chunk.byteLength;
    },
    end: () => void res.end(),
  };
}

/** A bare socket on the raw-parser path as the stage; the connection closes after the answer. */
function rawSocketStage(socket: Socket): ActStage {
  return {
    ...socketStage(socket),
    gone: () => socket.destroyed,
    onGone: (listener) => void socket.once('close', listener),
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
    writeBody: (chunk) => {
      socket.write(chunk);
      return chunk.byteLength;
    },
    end: () => void socket.end(),
  };
}

/** Writes a plan, acting out its simulated failure if it has one; resolves when the exchange is over. */
export function actOutResponse(res: ServerResponse, plan: ResponsePlan): Promise<void> {
  if (!plan.act) return Promise.resolve(writePlan(res, plan));
  return actOut(responseStage(res), plan, plan.act);
}

/** The raw-parser path's twin of actOutResponse; the connection is closed after the answer. */
export function actOutOnSocket(socket: Socket, plan: ResponsePlan): Promise<void> {
  if (!plan.act) return Promise.resolve(writePlanToSocket(socket, plan));
  return actOut(rawSocketStage(socket), plan, plan.act);
}
