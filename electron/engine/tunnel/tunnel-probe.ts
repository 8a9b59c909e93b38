import http from 'node:http';
import https from 'node:https';
import { rootCertificates } from 'node:tls';
import { performance } from 'node:perf_hooks';
import type { TunnelProbe } from '../../../shared/api/tunnel-routes.js';
import { newProbeNonce, PROBE_HEADER, PROBE_PATH } from './probe-protocol.js';

export interface ProbeOptions {
  /** The public base URL, no trailing slash. */
  url: string;
  secret: string;
  timeoutMs: number;
  /** Extra CA (PEM) to trust, for a self-hosted relay with a private CA. */
  ca?: string;
}

const MAX_ANSWER_BYTES = 1024;

/**
 * Sends one probe through the public URL to this engine and times its round trip. It passes only
 * when the answer is 200 with the nonce just sent, which only this engine run can produce. A fresh
 * connection each time: a pooled one could outlive the path it is meant to test.
 */
export function sendProbe(options: ProbeOptions): Promise<TunnelProbe> {
  const nonce = newProbeNonce();
  const started = performance.now();
  const done = (ok: boolean, error: string | null, rtt: number | null): TunnelProbe => ({
    ok,
    at: new Date().toISOString(),
    rtt_ms: rtt === null ? null : Math.round(rtt * 10) / 10,
    error,
  });
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(options.url.replace(/\/+$/, '') + PROBE_PATH);
    } catch {
      return resolve(done(false, `not a URL: ${options.url}`, null));
    }
    const secure = target.protocol === 'https:';
    const request = (secure ? https : http).request(target, {
      method: 'GET',
      agent: false,
      headers: {
        [PROBE_HEADER]: `${options.secret}.${nonce}`,
        'Cache-Control': 'no-store',
        Connection: 'close',
        'User-Agent': 'hookbench-probe',
        // ngrok's free endpoints and localtunnel.me put a reminder page before browsers; these skip it.
        'ngrok-skip-browser-warning': '1',
        'Bypass-Tunnel-Reminder': '1',
      },
      ...(secure && options.ca ? { ca: [...rootCertificates, options.ca] } : {}),
    });
    let settled = false;
    const finish = (probe: TunnelProbe) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      resolve(probe);
    };
    const timer = setTimeout(
      () => finish(done(false, `no answer within ${(options.timeoutMs / 1000).toFixed(1)} s`, null)),
      options.timeoutMs,
    );
    request.on('error', (error: NodeJS.ErrnoException) => finish(done(false, error.code ?? error.message, null)));
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.byteLength;
        if (size <= MAX_ANSWER_BYTES) chunks.push(chunk);
      });
      response.on('error', (error: NodeJS.ErrnoException) => finish(done(false, error.code ?? error.message, null)));
      response.on('end', () => {
        const rtt = performance.now() - started;
        const body = Buffer.concat(chunks).toString('utf8').trim();
        if (response.statusCode !== 200) return finish(done(false, `HTTP ${response.statusCode} instead of the probe's answer`, rtt));
        if (body !== nonce) return finish(done(false, 'answered, but not by this Hookbench (another app behind the URL?)', rtt));
        finish(done(true, null, rtt));
      });
    });
    request.end();
  });
}
