import { parseGoDuration, parseLogLine } from './cloudflared-log-line.js';

/**
 * What cloudflared's output says about a quick tunnel. The lines come from cloudflared's source:
 * the URL box (cmd/cloudflared/tunnel/quick_tunnel.go), "Registered tunnel connection" and
 * "Unregistered tunnel connection" (connection/observer.go, control.go), "Retrying connection in up
 * to 1s" and "Connection terminated" (supervisor/), "Initiating graceful shutdown due to …"
 * (signal.go) and the CLI's final "failed to request quick Tunnel: …".
 */
export type CloudflaredEvent =
  | { kind: 'url'; url: string }
  | { kind: 'registered'; connIndex: number; location: string | null }
  /** A connection ended; connIndex null when the line did not say which (treated as all). */
  | { kind: 'disconnected'; connIndex: number | null; error: string | null }
  | { kind: 'retrying'; delayMs: number | null }
  | { kind: 'quick_tunnel_refused'; message: string; rateLimited: boolean }
  | { kind: 'shutting_down'; reason: string };

export interface CloudflaredOutputParser {
  /** Feeds one line (without its newline); returns what it says, usually nothing. */
  push(line: string): CloudflaredEvent[];
}

const BOX_HEADER = /Your quick Tunnel has been created|Your free tunnel has started/i;
const TRYCLOUDFLARE_URL = /https:\/\/[a-z0-9-]+\.trycloudflare\.com\b/i;
const ANY_URL = /^https?:\/\/[^\s|]+$/i;
const QUICK_TUNNEL_REFUSED = /failed to (?:request|unmarshal|parse|read|build) quick[ -]tunnel|Error unmarshaling QuickTunnel response/i;

/** A pure, line-by-line reader of cloudflared's log; it remembers only whether it is inside the URL box. */
export function createCloudflaredOutputParser(): CloudflaredOutputParser {
  let inUrlBox = false;
  return {
    push(raw) {
      const line = parseLogLine(raw);
      const { message, fields } = line;
      if (message.startsWith('+-')) {
        if (!inUrlBox) return [];
        // The closing border: a box without a URL line ends here.
        inUrlBox = false;
        return [];
      }
      if (message.startsWith('|')) {
        const content = message.replace(/^\|\s*/, '').replace(/\s*\|$/, '');
        if (BOX_HEADER.test(content)) {
          inUrlBox = true;
          return [];
        }
        // The stand-in's loopback URL is accepted inside the box; a trycloudflare.com URL in any box.
        const url = inUrlBox && ANY_URL.test(content) ? content : TRYCLOUDFLARE_URL.exec(content)?.[0];
        if (!url) return [];
        inUrlBox = false;
        return [{ kind: 'url', url: url.replace(/\/+$/, '') }];
      }
      const connIndex = fields.connIndex !== undefined && /^\d+$/.test(fields.connIndex) ? Number(fields.connIndex) : null;
      if (/^Registered tunnel connection$|^Connection [0-9a-f-]+ registered$|^Connection registered$/i.test(message)) {
        return [{ kind: 'registered', connIndex: connIndex ?? 0, location: fields.location ?? null }];
      }
      if (/^Unregistered tunnel connection$|^Connection terminated$/i.test(message)) {
        return [{ kind: 'disconnected', connIndex, error: fields.error ?? null }];
      }
      const retry = /^Retrying connection in up to (\S+)/i.exec(message);
      if (retry) return [{ kind: 'retrying', delayMs: parseGoDuration(retry[1]) }];
      if (QUICK_TUNNEL_REFUSED.test(message)) {
        const detail = [message, fields.status_code ? `(HTTP ${fields.status_code})` : ''].filter(Boolean).join(' ');
        return [
          {
            kind: 'quick_tunnel_refused',
            message: detail,
            rateLimited: /\b429\b|error code: 1015/.test(`${message} ${fields.status_code ?? ''}`),
          },
        ];
      }
      const shutdown = /^Initiating graceful shutdown due to (.*?)(?:\s*\.\.\.)?$|^terminating due to (.*)$/i.exec(message);
      if (shutdown) {
        const reason = shutdown[1] ?? (fields.signal ? `signal ${fields.signal}` : (fields.error ?? shutdown[2]));
        return [{ kind: 'shutting_down', reason: reason.trim() }];
      }
      return [];
    },
  };
}
