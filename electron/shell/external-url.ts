const MAX_URL_LENGTH = 8192;
const EXTERNAL_PROTOCOLS = new Set(['http:', 'https:']);

/**
 * The URL to hand to the OS browser, or null. Only http(s) after a real parse: `file:`, `smb:`,
 * `javascript:` and custom handlers can run programs, and credentials in a link are a phishing tell.
 */
export function externalUrlToOpen(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_URL_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (!EXTERNAL_PROTOCOLS.has(url.protocol) || url.hostname === '') return null;
  if (url.username !== '' || url.password !== '') return null;
  return url.href;
}
