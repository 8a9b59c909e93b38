/**
 * Why an exchange got no answer, as the dispatch contract names it. `network` holds the
 * connection errors none of the others describe (EHOSTUNREACH, a malformed response…).
 */
export type ConnectionFailure = 'timeout' | 'dns' | 'refused' | 'reset' | 'tls' | 'network';

/** Failure classes of one delivery attempt: no answer, or an answer that is not a 2xx. */
export type FailureClass = ConnectionFailure | `http_${number}`;

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);
const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NODATA', 'EAI_FAIL', 'EAI_NONAME']);
const REFUSED_CODES = new Set(['ECONNREFUSED']);
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'ECONNABORTED']);
const TLS_CODE =
  /^(ERR_TLS_|ERR_SSL_|ERR_OSSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|HOSTNAME_MISMATCH$|EPROTO$)/;

/** Success is any 2xx; every other status, 3xx included (redirects are not followed), is `http_<status>`. */
export function classifyStatus(status: number): FailureClass | null {
  return status >= 200 && status < 300 ? null : `http_${status}`;
}

function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string') codes.push(e.code);
  }
  return codes;
}

/** Maps a Node or undici connection error (or its cause chain) to a failure class. */
export function classifyError(error: unknown): ConnectionFailure {
  const codes = codesOf(error);
  // TLS first: undici reports a refused handshake as a closed socket with the TLS error as its cause.
  if (codes.some((code) => TLS_CODE.test(code))) return 'tls';
  if (codes.some((code) => TIMEOUT_CODES.has(code))) return 'timeout';
  if (codes.some((code) => DNS_CODES.has(code))) return 'dns';
  if (codes.some((code) => REFUSED_CODES.has(code))) return 'refused';
  if (codes.some((code) => RESET_CODES.has(code))) return 'reset';
  return 'network';
}
