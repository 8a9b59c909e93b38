/** Failure classes as the dispatch engine stores them: timeout, dns, refused, reset, tls, network, http_<status>. */
const LABELS: Record<string, string> = {
  timeout: 'Timed out',
  dns: 'DNS lookup failed',
  refused: 'Connection refused',
  reset: 'Connection reset',
  tls: 'TLS handshake failed',
  network: 'Network error',
  manual: 'Disabled by hand',
};

/** The HTTP status a class like `http_500` names, or null. */
export function httpStatusOfClass(failureClass: string): number | null {
  const match = /^http_(\d{3})$/.exec(failureClass);
  return match ? Number(match[1]) : null;
}

/** "HTTP 500", "Timed out", "Connection refused"; unknown classes read as they are. */
export function failureClassLabel(failureClass: string): string {
  const status = httpStatusOfClass(failureClass);
  if (status !== null) return status >= 300 && status < 400 ? `HTTP ${status} (redirects are not followed)` : `HTTP ${status}`;
  return LABELS[failureClass] ?? failureClass;
}
