import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { STATUS_CODES } from 'node:http';
import type { ResponsePlan } from '../inbound/captured-request.js';

export function writePlan(res: ServerResponse, plan: ResponsePlan): void {
  res.writeHead(plan.status, plan.headers.flat());
  // As a latin1 string (byte-exact) Node sends head and body in one write instead of a writev of two.
  res.end(plan.body.toString('latin1'), 'latin1');
}

/** Serializes a response by hand for the raw fallback path, then closes the connection. */
export function writePlanToSocket(socket: Socket, plan: ResponsePlan): void {
  const head = [`HTTP/1.1 ${plan.status} ${STATUS_CODES[plan.status] ?? 'Unknown'}`];
  for (const [name, value] of plan.headers) head.push(`${name}: ${value}`);
  head.push('Connection: close', '', '');
  socket.end(Buffer.concat([Buffer.from(head.join('\r\n'), 'latin1'), plan.body]));
}
