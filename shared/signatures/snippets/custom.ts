import type { CustomSchemeConfig } from '../custom-config.js';
import { parseTemplate, type TemplatePart } from '../custom-template.js';
import { flaskApp, NODE_SAFE_EQUAL, nodeServer, PUBLIC_URL_ENV, type SchemeSnippets } from './snippet.js';

const ENV = 'WEBHOOK_SECRET';

/** Snippets for a custom scheme, written out from its description (plain HMAC: there is no sender library). */
export function customSnippets(config: CustomSchemeConfig): SchemeSnippets {
  const parsed = parseTemplate(config.template);
  const parts: TemplatePart[] = parsed.ok ? parsed.parts : [{ kind: 'body' }];
  const usesUrl = parts.some((part) => part.kind === 'url');
  return {
    secretEnv: ENV,
    ...(usesUrl ? { publicUrlEnv: PUBLIC_URL_ENV } : {}),
    node: { language: 'node', runtime: 'Node.js 18+ · no dependency', code: nodeCode(config, parts, usesUrl) },
    python: { language: 'python', runtime: 'Python 3.8+ · pip install flask (hmac is built in)', code: pythonCode(config, parts, usesUrl) },
  };
}

const js = (text: string) => JSON.stringify(text);
// A JSON string literal is a valid Python string literal too.
const py = (text: string) => JSON.stringify(text);

function headerFor(part: TemplatePart, config: CustomSchemeConfig): string | null {
  if (part.kind === 'timestamp') return config.timestampHeader ?? null;
  if (part.kind === 'id') return config.idHeader ?? null;
  return part.kind === 'header' ? part.name : null;
}

function nodeCode(config: CustomSchemeConfig, parts: TemplatePart[], usesUrl: boolean): string {
  const chunks = parts.map((part) => {
    if (part.kind === 'literal') return `Buffer.from(${js(part.text)})`;
    if (part.kind === 'body') return 'rawBody';
    if (part.kind === 'url') return 'Buffer.from(publicBaseUrl + req.url)';
    return `Buffer.from(header(req, ${js(headerFor(part, config) ?? '')}) ?? '')`;
  });
  const key = config.secretEncoding === 'base64' ? "Buffer.from(secret.replace(/^whsec_/, ''), 'base64')" : 'secret';
  const tolerance = config.timestampHeader
    ? `const timestamp = header(req, ${js(config.timestampHeader)}) ?? '';
// Refuse timestamps more than ${config.toleranceSeconds} s away: a replayed request keeps its signature.
if (!/^[0-9]+$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > ${config.toleranceSeconds}) return false;
`
    : '';
  return nodeServer({
    title: `Verify webhooks signed ${js(config.prefix)} + ${config.encoding} HMAC-${config.algorithm.toUpperCase()} in ${config.header}`,
    imports: ["import { createHmac, timingSafeEqual } from 'node:crypto';"],
    setup: [
      `const secret = requireEnv('${ENV}');`,
      `const key = ${key};`,
      ...(usesUrl
        ? [
            `// The URL the sender called: your public (tunnel) URL, not this local server's.`,
            `const publicBaseUrl = requireEnv('${PUBLIC_URL_ENV}').replace(/\\/+$/, '');`,
          ]
        : []),
    ].join('\n'),
    helpers: `${NODE_SAFE_EQUAL}

function header(req, name) {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}`,
    verify: `${tolerance}// The signed string: ${config.template}
const signed = Buffer.concat([${chunks.join(', ')}]);
const expected = ${js(config.prefix)} + createHmac(${js(config.algorithm)}, key).update(signed).digest(${js(config.encoding)});
return safeEqual(header(req, ${js(config.header)}), expected);`,
  });
}

function pythonCode(config: CustomSchemeConfig, parts: TemplatePart[], usesUrl: boolean): string {
  const chunks = parts.map((part) => {
    if (part.kind === 'literal') return `${py(part.text)}.encode("utf-8")`;
    if (part.kind === 'body') return 'raw_body';
    if (part.kind === 'url') return 'public_url().encode("utf-8")';
    return `request.headers.get(${py(headerFor(part, config) ?? '')}, "").encode("utf-8")`;
  });
  const key =
    config.secretEncoding === 'base64'
      ? 'KEY = base64.b64decode(SECRET[len("whsec_"):] if SECRET.startswith("whsec_") else SECRET)'
      : 'KEY = SECRET.encode("utf-8")';
  const encode = config.encoding === 'hex' ? 'digest.hex()' : 'base64.b64encode(digest).decode("ascii")';
  const tolerance = config.timestampHeader
    ? `timestamp = request.headers.get(${py(config.timestampHeader)}, "")
if not re.fullmatch(r"[0-9]+", timestamp) or abs(time.time() - int(timestamp)) > ${config.toleranceSeconds}:
    return False
`
    : '';
  return flaskApp({
    title: `Verify webhooks signed ${py(config.prefix)} + ${config.encoding} HMAC-${config.algorithm.toUpperCase()} in ${config.header}`,
    install: 'pip install flask',
    imports: ['import base64', 'import hashlib', 'import hmac', 'import re', 'import time'],
    setup: [
      `SECRET = os.environ["${ENV}"]`,
      key,
      ...(usesUrl ? [`PUBLIC_BASE_URL = os.environ["${PUBLIC_URL_ENV}"].rstrip("/")`] : []),
    ].join('\n'),
    ...(usesUrl
      ? {
          helpers: `def public_url() -> str:
    """The URL the sender called: your public (tunnel) URL, not this local server's."""
    query = request.query_string.decode("utf-8")
    return PUBLIC_BASE_URL + request.path + ("?" + query if query else "")`,
        }
      : {}),
    route: '/webhooks',
    verify: `${tolerance}# The signed string: ${config.template}
signed = b"".join([${chunks.join(', ')}])
digest = hmac.new(KEY, signed, hashlib.${config.algorithm}).digest()
expected = ${py(config.prefix)} + ${encode}
received = request.headers.get(${py(config.header)}, "")
return hmac.compare_digest(expected.encode("utf-8"), received.encode("utf-8"))`,
  });
}
