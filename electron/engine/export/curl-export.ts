import type { RawHeaders } from '../../../shared/api/common.js';

export interface CurlRequest {
  method: string;
  url: string;
  headers: RawHeaders;
  body: Buffer;
}

/** POSIX single quotes: every byte is literal inside '…' except the quote itself. */
function quote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** curl writes Host itself (from the URL, first, spelled "Host"); the rest go as -H in arrival order. */
const CURL_WRITES = new Set(['host']);
/** Headers curl adds on its own; an empty `-H 'Name:'` removes each one the original lacked. */
const CURL_ADDS = ['User-Agent', 'Accept', 'Expect'];

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function asText(body: Buffer): string | null {
  try {
    const text = strictUtf8.decode(body);
    // A NUL cannot travel in a shell word.
    return text.includes('\u0000') ? null : text;
  } catch {
    return null;
  }
}

/**
 * A sh script that sends the same method, path and query, headers (order, case, duplicates,
 * Content-Length and Transfer-Encoding included, so curl frames the body the same way) and body
 * bytes. Text bodies are piped from printf; binary ones go through a temporary file decoded from base64.
 */
export function curlScript(request: CurlRequest): string {
  const present = new Set(request.headers.map(([name]) => name.toLowerCase()));
  const args = ['curl', '--http1.1', '--globoff', '--path-as-is', '-sS'];
  args.push(request.method.toUpperCase() === 'HEAD' ? '--head' : `-X ${quote(request.method)}`);
  args.push(quote(request.url));
  for (const [name, value] of request.headers) {
    // `Name;` is how curl sends an empty header; `Name:` would remove it.
    if (!CURL_WRITES.has(name.toLowerCase())) args.push(`-H ${quote(value === '' ? `${name};` : `${name}: ${value}`)}`);
  }
  for (const name of CURL_ADDS) if (!present.has(name.toLowerCase())) args.push(`-H ${quote(`${name}:`)}`);
  if (request.body.byteLength === 0) return `${args.join(' \\\n  ')}\n`;

  if (!present.has('content-type')) args.push(`-H ${quote('Content-Type:')}`);
  const text = asText(request.body);
  if (text !== null) {
    args.push('--data-binary @-');
    return `printf '%s' ${quote(text)} | ${args.join(' \\\n  ')}\n`;
  }
  args.push('--data-binary @"$body_file"');
  return [
    `# The body is binary (${request.body.byteLength} bytes): decoded from base64 into a file, then sent byte for byte.`,
    'body_file=$(mktemp)',
    `printf '%s' ${quote(request.body.toString('base64'))} | base64 -d > "$body_file"`,
    args.join(' \\\n  '),
    'rm -f "$body_file"',
    '',
  ].join('\n');
}
