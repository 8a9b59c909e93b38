import type { Body, RawHeaders } from '../../../../shared/api/common.js';
import { bodyBytes } from './body-bytes.js';
import { printfFormat, shellQuote } from '../common/shell-quote.js';

export interface ReproducibleRequest {
  method: string;
  path: string;
  headers: RawHeaders;
  body: Body;
}

/** Headers curl computes itself or that describe one hop of the connection, not the request. */
const SKIPPED_HEADERS = new Set([
  'host',
  'content-length',
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'expect',
]);

/** Headers curl adds on its own; when the original lacked them an empty `-H 'Name:'` removes curl's. */
const CURL_DEFAULT_HEADERS = ['User-Agent', 'Accept'];

/** Above this a text body goes through a `printf` pipe: one exec'd argument may not exceed 128 KiB on Linux. */
const INLINE_TEXT_LIMIT = 64 * 1024;

function headerArgument(name: string, value: string): string {
  // `Name;` is curl's way to send a header with an empty value; `Name:` would remove it.
  return `-H ${shellQuote(value === '' ? `${name};` : `${name}: ${value}`)}`;
}

function bodyNeedsPrintf(body: Body): boolean {
  if (body.encoding === 'base64') return true;
  // NUL cannot travel in an argument; a leading @ would make curl read a file.
  return body.data.includes('\u0000') || body.data.startsWith('@') || body.data.length > INLINE_TEXT_LIMIT;
}

/**
 * A curl command that sends the same method, path, headers (in order, original case, duplicates) and
 * body bytes to `targetOrigin` (e.g. http://127.0.0.1:4610).
 */
export function buildCurlCommand(request: ReproducibleRequest, targetOrigin: string): string {
  const url = targetOrigin.replace(/\/+$/, '') + (request.path.startsWith('/') ? request.path : `/${request.path}`);
  const hasBody = request.body.size > 0 || request.body.data.length > 0;
  const method = request.method.toUpperCase();
  const viaPrintf = hasBody && bodyNeedsPrintf(request.body);

  const args: string[] = ['curl', '--globoff', '--path-as-is'];
  if (method === 'HEAD' && !hasBody) args.push('--head');
  else if (!(method === 'GET' && !hasBody) && !(method === 'POST' && hasBody)) args.push(`-X ${shellQuote(request.method)}`);
  args.push(shellQuote(url));

  const present = new Set<string>();
  for (const [name, value] of request.headers) {
    const lower = name.toLowerCase();
    present.add(lower);
    if (!SKIPPED_HEADERS.has(lower)) args.push(headerArgument(name, value));
  }
  for (const name of CURL_DEFAULT_HEADERS) {
    if (!present.has(name.toLowerCase())) args.push(`-H ${shellQuote(`${name}:`)}`);
  }
  if (hasBody) {
    if (!present.has('content-type')) args.push(`-H ${shellQuote('Content-Type:')}`);
    args.push(`-H ${shellQuote('Expect:')}`);
    args.push(viaPrintf ? '--data-binary @-' : `--data-binary ${shellQuote(request.body.data)}`);
  }

  const command = args.join(' \\\n  ');
  if (!viaPrintf) return command;
  const source =
    request.body.encoding === 'utf8' && !request.body.data.includes('\u0000')
      ? `printf '%s' ${shellQuote(request.body.data)}`
      : `printf ${printfFormat(bodyBytes(request.body))}`;
  return `${source} | ${command}`;
}

export interface CurlTarget {
  origin: string;
  path: string;
}

/**
 * Where "Copy as curl" sends a delivery: a received one back to this receiver, a sent one to the
 * URL its latest attempt went to (path and query exactly as sent there). Null when there is nowhere.
 */
export function curlTargetOf(
  record: { direction: 'in' | 'out'; path: string; target_url?: string | null },
  receiverOrigin: string | null,
): CurlTarget | null {
  if (record.direction === 'in') return receiverOrigin ? { origin: receiverOrigin, path: record.path } : null;
  if (!record.target_url) return null;
  try {
    const url = new URL(record.target_url);
    return { origin: url.origin, path: `${url.pathname}${url.search}` };
  } catch {
    return null;
  }
}
