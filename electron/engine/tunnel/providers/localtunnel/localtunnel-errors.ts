import type { TunnelError } from '../../../../../shared/api/tunnel-routes.js';
import { tunnelError } from '../../provider.js';
import type { RegistrationFailure } from './tunnel-registration.js';

export interface Verdict {
  /** Retry with backoff (reconnecting), or stop until the user changes something (failed). */
  retry: boolean;
  error: TunnelError;
}

export interface RegistrationSituation {
  host: string;
  /** The subdomain asked for, or null for a new random one. */
  subdomain: string | null;
  /** The tunnel has been online in this run: a server that worked before is given time to come back. */
  everOnline: boolean;
}

const HOST_FIX = 'Set --lt-host to a localtunnel server such as https://localtunnel.me.';

/** What a failed registration means for the user: a pure rule, so every branch is tested without a server. */
export function registrationVerdict(failure: RegistrationFailure, situation: RegistrationSituation): Verdict {
  const { host, everOnline } = situation;
  switch (failure.kind) {
    case 'unreachable':
      return {
        retry: true,
        error: tunnelError(
          'lt_server_unreachable',
          `Cannot reach the localtunnel server ${host} (${failure.detail}).`,
          'Hookbench keeps trying; check your network and --lt-host.',
        ),
      };
    case 'timeout':
      return {
        retry: everOnline,
        error: tunnelError(
          'url_timeout',
          `The localtunnel server ${host} gave no tunnel URL within ${Math.round(failure.timeoutMs / 1000)} s.`,
          `Check that ${host} is a localtunnel server and is up, then connect again.`,
        ),
      };
    case 'http_error':
      return httpErrorVerdict(failure.status, failure.message, situation);
    case 'not_localtunnel':
      return {
        retry: everOnline,
        error: tunnelError('lt_not_a_server', `${host} does not answer like a localtunnel server: ${failure.detail}.`, HOST_FIX),
      };
  }
  return exhaustive(failure);
}

function httpErrorVerdict(status: number, message: string | null, { host, subdomain, everOnline }: RegistrationSituation): Verdict {
  const said = message ?? `HTTP ${status}`;
  if (status === 429 || status >= 500) {
    return {
      retry: true,
      error: tunnelError(
        'lt_server_error',
        `The localtunnel server ${host} answered: ${said}.`,
        'Hookbench keeps trying; the server may be overloaded.',
      ),
    };
  }
  if (status >= 400 && subdomain !== null) {
    // Once granted, the subdomain is ours: a refusal while coming back is the server not yet having dropped the old session.
    return {
      retry: everOnline,
      error: tunnelError(
        'lt_subdomain_refused',
        `The localtunnel server refused the subdomain "${subdomain}": ${said}`,
        'Choose another subdomain (4 to 63 lowercase letters, digits or dashes), or clear it to get a random one.',
      ),
    };
  }
  if (status >= 400) {
    return {
      retry: everOnline,
      error: tunnelError('lt_server_refused', `The localtunnel server ${host} refused a new tunnel: ${said}`, HOST_FIX),
    };
  }
  return {
    retry: everOnline,
    error: tunnelError('lt_not_a_server', `${host} does not answer like a localtunnel server (HTTP ${status}).`, HOST_FIX),
  };
}

/** The host setting is not an http(s) URL, so nothing can be asked. */
export function hostInvalid(host: string): TunnelError {
  return tunnelError('lt_host_invalid', `The localtunnel host "${host}" is not an http(s) URL.`, HOST_FIX);
}

/** Every tunnel socket died and the server refuses new ones. */
export function connectionLost(host: string, reason: string): TunnelError {
  return tunnelError(
    'lt_connection_lost',
    `The localtunnel server ${host} closed the tunnel and refuses new connections (${reason}).`,
    'Hookbench reconnects by itself and asks for the same subdomain; if it lasts, check your network.',
  );
}

/** The server granted a tunnel but its tunnel port cannot be reached. */
export function tunnelPortUnreachable(remote: { host: string; port: number }, reason: string): TunnelError {
  return tunnelError(
    'lt_tunnel_port_unreachable',
    `The localtunnel server granted a tunnel, but ${remote.host}:${remote.port} cannot be reached (${reason}).`,
    `Allow outgoing TCP connections to ${remote.host} on high ports (a firewall may block them); Hookbench keeps trying.`,
  );
}

function exhaustive(value: never): never {
  throw new Error(`unhandled registration failure ${JSON.stringify(value)}`);
}
