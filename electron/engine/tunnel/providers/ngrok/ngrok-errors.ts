import type { TunnelError } from '../../../../../shared/api/tunnel-routes.js';
import { tunnelError } from '../../provider.js';

/** What a failure means: try again with backoff (reconnecting), or stop until the user changes something (failed). */
export interface NgrokVerdict {
  retry: boolean;
  error: TunnelError;
}

/** One failure as the SDK reported it, plus what Hookbench found out around it. */
export interface NgrokFailure {
  /** The SDK error's message, or the error string its disconnection handler was given. */
  message: string;
  /** The `errorCode` the SDK sets on session and listener errors (`ERR_NGROK_105`), when present. */
  errorCode?: string | null;
  /** Node's error code from Hookbench's own TCP connect to the server address, when the SDK could not connect. */
  reach?: string | null;
  /** The ngrok server address dialled, `host:port`. */
  serverAddr: string;
  domain: string | null;
}

export const DEFAULT_NGROK_SERVER_ADDR = 'connect.ngrok-agent.com:443';

const AUTHTOKEN_PAGE = 'https://dashboard.ngrok.com/get-started/your-authtoken';
const AUTHTOKEN_FIX = `Copy your authtoken from ${AUTHTOKEN_PAGE} into Hookbench's ngrok settings (or --ngrok-authtoken / NGROK_AUTHTOKEN), then connect again.`;
const DOMAINS_PAGE = 'https://dashboard.ngrok.com/domains';
const KEEPS_TRYING = 'Hookbench keeps trying';

/** The SDK's connect failures that carry no ngrok code, by the text its Rust core gives them (ngrok-rust `ConnectError`). */
const TCP_FAILED = /failed to establish tcp connection/i;
const TLS_FAILED = /tls handshake/i;
const PROXY_FAILED = /failed to connect through proxy/i;
const SESSION_START_FAILED = /failed to start ngrok session|failed to start heartbeat/i;
const SERVER_ADDR_INVALID = /invalid server address/i;
const CONNECTION_LOST = /transport error|reconnect error|session closed|connection reset|broken pipe|unexpected eof/i;

/** Maps one SDK failure to a reason and a fix in plain words; a pure rule, tested from the SDK's documented messages. */
export function ngrokVerdict(failure: NgrokFailure): NgrokVerdict {
  const code = ngrokErrorCode(failure);
  if (code !== null) return codedVerdict(code, failure);
  const { message, serverAddr } = failure;
  if (SERVER_ADDR_INVALID.test(message)) {
    return stop(
      'ngrok_server_addr_invalid',
      `The ngrok server address "${serverAddr}" is not a valid host:port.`,
      'Remove the ngrok server address setting.',
    );
  }
  if (TCP_FAILED.test(message)) return { retry: true, error: unreachable(serverAddr, failure.reach ?? null) };
  if (TLS_FAILED.test(message)) {
    return again(
      'ngrok_tls_failed',
      `The secure connection to the ngrok service at ${serverAddr} failed: something other than ngrok answered (a proxy, firewall or captive portal).`,
      `Let this computer reach ${serverAddr} directly over TLS; ${KEEPS_TRYING}.`,
    );
  }
  if (PROXY_FAILED.test(message)) {
    return again(
      'ngrok_proxy_failed',
      'The proxy between this computer and ngrok refused the connection.',
      `Check your proxy settings; ${KEEPS_TRYING}.`,
    );
  }
  if (SESSION_START_FAILED.test(message)) {
    return again(
      'ngrok_session_failed',
      `The ngrok service at ${serverAddr} accepted the connection but the session did not start.`,
      `${KEEPS_TRYING}; if it lasts, check https://status.ngrok.com.`,
    );
  }
  if (CONNECTION_LOST.test(message)) {
    return again(
      'ngrok_connection_lost',
      'The connection to the ngrok service was lost.',
      `${KEEPS_TRYING}; check your network if it lasts.`,
    );
  }
  return again('ngrok_error', `ngrok failed: ${plainLine(message)}`, `${KEEPS_TRYING}; if it lasts, check https://status.ngrok.com.`);
}

/** The SDK could not even open a TCP connection: worth a plain connect of Hookbench's own to learn why. */
export function needsReachCheck(message: string): boolean {
  return TCP_FAILED.test(message);
}

/** `ERR_NGROK_<n>` as a number, from the SDK's `errorCode` or from the message it ends with (`… error_code: ERR_NGROK_105`). */
export function ngrokErrorCode(failure: Pick<NgrokFailure, 'message' | 'errorCode'>): number | null {
  const match = /ERR_NGROK_(\d+)/.exec(failure.errorCode ?? '') ?? /ERR_NGROK_(\d+)/.exec(failure.message);
  return match ? Number(match[1]) : null;
}

function codedVerdict(code: number, failure: NgrokFailure): NgrokVerdict {
  const domain = failure.domain ?? 'the domain';
  switch (code) {
    case 105:
    case 106:
      return stop('ngrok_authtoken_invalid', 'ngrok refused the authtoken: it does not look like an ngrok authtoken.', AUTHTOKEN_FIX);
    case 107:
    case 300:
      return stop(
        'ngrok_authtoken_revoked',
        'ngrok refused the authtoken: it is well formed but no longer valid (reset, revoked, or from a team you left).',
        AUTHTOKEN_FIX,
      );
    case 4018:
      return stop(
        'ngrok_authtoken_required',
        'ngrok needs a verified account and its authtoken.',
        `Sign up at https://dashboard.ngrok.com/signup, then copy your authtoken from ${AUTHTOKEN_PAGE} into Hookbench's ngrok settings or NGROK_AUTHTOKEN.`,
      );
    case 123:
      return stop(
        'ngrok_account_unverified',
        'ngrok will not start a session until the account e-mail is verified.',
        'Verify your e-mail at https://dashboard.ngrok.com/user/settings, then connect again.',
      );
    case 108:
    case 348:
      // Retried: a session Hookbench just closed still counts until ngrok drops it (the SDK's close leaves its connection open).
      return again(
        'ngrok_session_limit',
        'Your ngrok account already runs as many agent sessions as its plan allows: another ngrok agent, or a session Hookbench just closed that ngrok has not dropped yet.',
        `Stop any other ngrok agent (see https://dashboard.ngrok.com/agents); ${KEEPS_TRYING}.`,
      );
    case 102:
    case 103:
    case 205:
    case 247:
    case 337:
    case 338:
      return stop(
        'ngrok_account_suspended',
        'ngrok has suspended this account.',
        'Sign in at https://dashboard.ngrok.com to see why (billing or terms of service).',
      );
    case 115:
    case 116:
      return stop(
        'ngrok_ip_restricted',
        "Your ngrok account's IP restrictions do not allow this computer's address.",
        'Update the agent IP restrictions at https://dashboard.ngrok.com/security/ip-restrictions, or connect from an allowed network.',
      );
    case 120:
    case 121:
      return stop('ngrok_agent_outdated', 'ngrok no longer accepts the ngrok library built into this Hookbench.', 'Update Hookbench.');
    case 318:
    case 319:
    case 354:
      return stop(
        'ngrok_domain_not_reserved',
        `${domain} is not reserved in your ngrok account.`,
        `Use the domain shown at ${DOMAINS_PAGE} (your free static domain), or clear the ngrok domain to get a random URL.`,
      );
    case 320:
      return stop(
        'ngrok_domain_other_account',
        `${domain} is reserved by another ngrok account.`,
        `Use a domain of the account this authtoken belongs to (${DOMAINS_PAGE}), or that account's authtoken.`,
      );
    case 313:
    case 314:
    case 315:
      return stop(
        'ngrok_domain_plan',
        `Your ngrok plan cannot use ${domain}.`,
        `Use your free static domain from ${DOMAINS_PAGE}, or clear the ngrok domain to get a random URL.`,
      );
    case 326:
    case 327:
    case 328:
    case 329:
    case 330:
    case 331:
    case 347:
    case 355:
      return stop(
        'ngrok_domain_invalid',
        `ngrok refused ${domain}: it is not a valid public host name.`,
        'Enter the host name only, such as example.ngrok-free.app (no https://, no path).',
      );
    case 334:
      return again(
        'ngrok_endpoint_in_use',
        `${failure.domain ? `https://${failure.domain}` : 'This URL'} is already online in another ngrok session.`,
        `Stop the other agent using it (https://dashboard.ngrok.com/endpoints); ${KEEPS_TRYING}, since ngrok drops a lost session after a short while.`,
      );
    case 3200:
      return again(
        'ngrok_endpoint_offline',
        'ngrok says the endpoint is offline: no agent serves this URL right now.',
        `${KEEPS_TRYING}; if it lasts, check https://dashboard.ngrok.com/endpoints.`,
      );
    case 8012:
      return again(
        'ngrok_upstream_refused',
        "ngrok reached Hookbench's agent, but the agent could not connect to Hookbench's local receiver.",
        'Restart the tunnel; if it lasts, restart Hookbench.',
      );
    case 349:
    case 351:
    case 353:
      return again('ngrok_rate_limited', 'ngrok is rate limiting new sessions for this account.', `${KEEPS_TRYING}, more slowly.`);
    default:
      return stop(
        'ngrok_refused',
        `ngrok refused the session (ERR_NGROK_${code}): ${plainLine(failure.message)}`,
        `See https://ngrok.com/docs/errors/err_ngrok_${code}/ for what to change, then connect again.`,
      );
  }
}

/** The SDK could not open a TCP connection; Hookbench's own connect to the same address says why. */
function unreachable(serverAddr: string, reach: string | null): TunnelError {
  const host = serverAddr.replace(/:\d+$/, '');
  switch (reach) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
      return tunnelError(
        'ngrok_dns_failed',
        `Cannot look up ${host}: no network, or DNS does not answer.`,
        `Check your network connection; ${KEEPS_TRYING}.`,
      );
    case 'ECONNREFUSED':
      return tunnelError(
        'ngrok_connection_refused',
        `The ngrok service at ${serverAddr} refused the connection.`,
        `Check that a firewall allows ${serverAddr}; ${KEEPS_TRYING}.`,
      );
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
    case 'ENETDOWN':
      return tunnelError('ngrok_no_network', `No network route to ${serverAddr}.`, `Check your network connection; ${KEEPS_TRYING}.`);
    case 'ETIMEDOUT':
      return tunnelError(
        'ngrok_unreachable',
        `Connecting to ${serverAddr} timed out (a firewall may drop it).`,
        `Let this computer reach ${serverAddr}; ${KEEPS_TRYING}.`,
      );
    default:
      return tunnelError(
        'ngrok_unreachable',
        `Cannot connect to the ngrok service at ${serverAddr}${reach ? ` (${reach})` : ''}.`,
        `Check your network connection; ${KEEPS_TRYING}.`,
      );
  }
}

/** No authtoken anywhere: nothing is sent to ngrok. */
export function authtokenMissing(): TunnelError {
  return tunnelError('ngrok_authtoken_missing', 'ngrok needs an authtoken and none is set.', AUTHTOKEN_FIX);
}

/** No public URL within the time allowed; the attempt may still finish. */
export function urlTimeout(timeoutMs: number, serverAddr: string): TunnelError {
  return tunnelError(
    'url_timeout',
    `ngrok gave no public URL within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}.`,
    `Check that this computer can reach ${serverAddr}; ${KEEPS_TRYING}.`,
  );
}

/** The SDK's native part could not be loaded on this platform. */
export function sdkUnavailable(detail: string): TunnelError {
  return tunnelError(
    'ngrok_sdk_unavailable',
    `The ngrok library could not be loaded on ${process.platform}-${process.arch}: ${plainLine(detail)}`,
    'Reinstall Hookbench (its ngrok part is installed per platform), or use another tunnel provider.',
  );
}

/** The session was up and ngrok's own quick reconnects did not bring it back. */
export function sessionLost(detail: string): TunnelError {
  return tunnelError(
    'ngrok_connection_lost',
    `The connection to the ngrok service was lost (${plainLine(detail)}).`,
    `${KEEPS_TRYING}; check your network if it lasts.`,
  );
}

/** The first line of an SDK message, without the SDK's prefix, its code suffix, or anything that quotes the authtoken. */
export function plainLine(message: string): string {
  const line =
    message
      .replace(/^failed to [a-z ]+?: /i, '')
      .replace(/\s*error_code: ERR_NGROK_\d+\s*$/, '')
      .split(/\r?\n/)
      .map((part) => part.trim())
      .find((part) => part !== '' && !/authtoken:/i.test(part)) ?? 'no detail';
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

function stop(code: string, message: string, fix: string): NgrokVerdict {
  return { retry: false, error: tunnelError(code, message, fix) };
}

function again(code: string, message: string, fix: string): NgrokVerdict {
  return { retry: true, error: tunnelError(code, message, fix) };
}
