import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { CapturedRequest, ResponsePlan } from '../inbound/captured-request.js';
import { headerValue } from '../inbound/raw-headers.js';

/** The path a probe asks for through the public URL; the provider forwards it like any request. */
export const PROBE_PATH = '/.well-known/hookbench-probe';
/** `<per-run secret>.<nonce>`: only this engine run's secret is answered, and only the nonce sent comes back. */
export const PROBE_HEADER = 'X-Hookbench-Probe';

/** A fresh secret for one engine run; a probe carrying any other is an ordinary request. */
export function newProbeSecret(): string {
  return randomBytes(24).toString('hex');
}

export function newProbeNonce(): string {
  return randomBytes(12).toString('hex');
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.byteLength === y.byteLength && timingSafeEqual(x, y);
}

/**
 * Whether a request has a probe's shape, whatever its secret: a relay never queues one (its sender,
 * an app checking its URL, is long gone by a drain), and an app never stores a queued one.
 */
export function looksLikeProbe(request: Pick<CapturedRequest, 'method' | 'target' | 'headers'>): boolean {
  return request.method === 'GET' && request.target.split('?')[0] === PROBE_PATH && headerValue(request.headers, PROBE_HEADER) !== null;
}

/** The nonce of a probe carrying `secret`, or null when the request is not this run's probe. */
export function probeNonceOf(request: Pick<CapturedRequest, 'method' | 'target' | 'headers'>, secret: string): string | null {
  if (request.method !== 'GET') return null;
  const path = request.target.split('?')[0];
  if (path !== PROBE_PATH) return null;
  const value = headerValue(request.headers, PROBE_HEADER);
  const dot = value?.lastIndexOf('.') ?? -1;
  if (!value || dot < 1) return null;
  const nonce = value.slice(dot + 1);
  if (!/^[0-9a-f]{8,64}$/.test(nonce) || !sameText(value.slice(0, dot), secret)) return null;
  return nonce;
}

/** The answer to a probe: 200 with the nonce, never cached on the way back. */
export function probeAnswer(nonce: string): ResponsePlan {
  const body = Buffer.from(nonce);
  return {
    status: 200,
    headers: [
      ['Content-Type', 'text/plain; charset=utf-8'],
      ['Cache-Control', 'no-store'],
      ['Content-Length', String(body.byteLength)],
    ],
    body,
  };
}
