import http from 'node:http';
import https from 'node:https';

export interface SentResponse {
  status: number;
  headers: string[];
  body: Buffer;
}

export interface SendOptions {
  method?: string;
  /** Raw headers as ordered pairs, case and duplicates kept. */
  headers?: Array<[string, string]>;
  body?: Buffer;
  agent?: http.Agent;
  ca?: string;
}

/** One request as a sender makes it; the headers go out in the given order and case. */
export function send(url: string, options: SendOptions = {}): Promise<SentResponse> {
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  const flat = (options.headers ?? []).flat();
  // With array headers Node adds no Host header of its own.
  if (!flat.some((h, i) => i % 2 === 0 && h.toLowerCase() === 'host')) flat.unshift('Host', target.host);
  if (options.body && !flat.some((h, i) => i % 2 === 0 && /^(content-length|transfer-encoding)$/i.test(h))) {
    flat.push('Content-Length', String(options.body.byteLength));
  }
  return new Promise((resolve, reject) => {
    const req = (secure ? https : http).request(
      {
        host: target.hostname,
        port: target.port,
        method: options.method ?? 'POST',
        path: target.pathname + target.search,
        headers: flat as unknown as http.OutgoingHttpHeaders,
        agent: options.agent,
        ca: options.ca,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.rawHeaders, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- an answer read untyped, as the engine's JSON answers are; the assertions are the check
export function json(response: SentResponse): any {
  return JSON.parse(response.body.toString('utf8'));
}
