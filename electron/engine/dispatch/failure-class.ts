/**
 * Failure classes of one delivery attempt, as the dispatch contract names them. `network` holds
 * the connection errors none of the others describe (EHOSTUNREACH, a malformed response…).
 */
export type FailureClass = 'timeout' | 'dns' | 'refused' | 'reset' | 'tls' | 'network' | `http_${number}`;

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
export function classifyError(error: unknown): FailureClass {
  const codes = codesOf(error);
  // TLS first: undici reports a refused handshake as a closed socket with the TLS error as its cause.
  if (codes.some((code) => TLS_CODE.test(code))) return 'tls';
  if (codes.some((code) => TIMEOUT_CODES.has(code))) return 'timeout';
  if (codes.some((code) => DNS_CODES.has(code))) return 'dns';
  if (codes.some((code) => REFUSED_CODES.has(code))) return 'refused';
  if (codes.some((code) => RESET_CODES.has(code))) return 'reset';
  return 'network';
}

/** A sentence for the attempt log that says what happened in terms a user can act on. */
export function describeFailure(errorClass: FailureClass, detail: string, timeoutMs: number): string {
  switch (errorClass) {
    case 'timeout':
      return `No response within ${timeoutMs} ms; InboundFlow gives up after its delivery timeout. Answer with a 2xx first and do slow work afterwards.`;
    case 'dns':
      return `The host name could not be resolved (${detail}). Check the URL for typos.`;
    case 'refused':
      return `The connection was refused (${detail}); nothing is listening at that address and port.`;
    case 'reset':
      return `The connection was closed before a response arrived (${detail}).`;
    case 'tls':
      return `The TLS handshake failed (${detail}); the endpoint needs a certificate from a trusted CA that matches its host name.`;
    case 'network':
      return `The request could not be sent (${detail}).`;
    default:
      return `The endpoint answered ${errorClass.slice(5)}; only a 2xx counts as delivered${/^http_3/.test(errorClass) ? ' and redirects are not followed' : ''}.`;
  }
}
