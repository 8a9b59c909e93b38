/**
 * URLs as Twilio signs them: split without normalizing (new URL() would re-encode the path and
 * query, and Twilio signs the exact characters it requested), plus the variants a handler gets wrong.
 */

interface UrlParts {
  scheme: string;
  /** "user:pass@", or "". */
  userInfo: string;
  host: string;
  /** ":8443", or "". */
  port: string;
  path: string;
  /** "?a=1", or "". */
  query: string;
}

export function splitUrl(url: string): UrlParts | null {
  const match = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)([^?#]*)(\?[^#]*)?/i.exec(url);
  if (!match) return null;
  const [, scheme, authority, path, query = ''] = match;
  const at = authority.lastIndexOf('@');
  const hostAndPort = authority.slice(at + 1);
  // A colon starts the port only after an IPv6 literal's closing bracket.
  const colon = hostAndPort.indexOf(':', hostAndPort.lastIndexOf(']') + 1);
  return {
    scheme,
    userInfo: authority.slice(0, at + 1),
    host: colon === -1 ? hostAndPort : hostAndPort.slice(0, colon),
    port: colon === -1 ? '' : hostAndPort.slice(colon),
    path,
    query,
  };
}

export function joinUrl(parts: UrlParts): string {
  return `${parts.scheme}${parts.userInfo}${parts.host}${parts.port}${parts.path}${parts.query}`;
}

/** Applies `change` to the parts of `url`; null when `url` is not absolute or nothing changed. */
function varied(url: string, change: (parts: UrlParts) => Partial<UrlParts>): string | null {
  const parts = splitUrl(url);
  if (!parts) return null;
  const next = joinUrl({ ...parts, ...change(parts) });
  return next === url ? null : next;
}

function defaultPort(scheme: string): string {
  return scheme.toLowerCase() === 'https://' ? ':443' : ':80';
}

/** The two forms twilio-node also accepts: without any port, and with the default port written out. */
export function portForms(url: string): string[] {
  return [varied(url, () => ({ port: '' })), varied(url, (parts) => (parts.port ? {} : { port: defaultPort(parts.scheme) }))].filter(
    (form): form is string => form !== null,
  );
}

export function withPort(url: string, port: string): string | null {
  return varied(url, () => ({ port }));
}

export function portOf(url: string): string {
  return splitUrl(url)?.port ?? '';
}

export function flipScheme(url: string): string | null {
  return varied(url, (parts) => ({ scheme: parts.scheme.toLowerCase() === 'https://' ? 'http://' : 'https://', port: '' }));
}

export function toggleTrailingSlash(url: string): string | null {
  return varied(url, (parts) => ({ path: parts.path.endsWith('/') ? parts.path.replace(/\/+$/, '') : `${parts.path}/` }));
}

/** The URL without its query, keeping bodySHA256 (what Twilio adds itself, so never the mistake). */
export function withoutQuery(url: string): string | null {
  return varied(url, (parts) => {
    const kept = parts.query
      .slice(1)
      .split('&')
      .filter((pair) => pair.startsWith('bodySHA256='));
    return { query: kept.length > 0 ? `?${kept.join('&')}` : '' };
  });
}

export function withQueryOf(url: string, other: string): string | null {
  const query = splitUrl(other)?.query;
  return query ? varied(url, () => ({ query })) : null;
}

export function isLoopbackUrl(url: string): boolean {
  const host = splitUrl(url)?.host.toLowerCase() ?? '';
  return host === 'localhost' || host.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '[::1]' || host === '0.0.0.0';
}

/** bodySHA256 from the URL's query, as Twilio adds it for JSON bodies; null when absent. */
export function bodyHashParam(url: string): string | null {
  const query = splitUrl(url)?.query ?? '';
  const pair = query
    .slice(1)
    .split('&')
    .find((item) => item.startsWith('bodySHA256='));
  return pair === undefined ? null : decodeURIComponentSafe(pair.slice('bodySHA256='.length));
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
