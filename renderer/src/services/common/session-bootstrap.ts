import type { Health } from '../../../../shared/api/health.js';
import { SESSION_PATH } from '../../../../shared/api/session-paths.js';
import { ApiRequestError, type ApiClient } from './api-client.js';

export type SessionOutcome = { kind: 'ready'; health: Health } | { kind: 'unauthorized' } | { kind: 'failed'; message: string };

export function hashHasToken(location: Location): boolean {
  return new URLSearchParams(location.hash.replace(/^#/, '')).has('token');
}

/** Reads and removes `#token=…` from the address, so the token never stays in history or screenshots. */
export function takeTokenFromHash(location: Location, history: History): string | null {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const token = params.get('token');
  if (token === null) return null;
  params.delete('token');
  const rest = params.toString();
  history.replaceState(history.state, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
  return token || null;
}

/**
 * Browser start-up: trade the token from `hookbench serve`'s URL for the HttpOnly session cookie,
 * then prove the session with /api/health. The desktop window already holds a token and skips the trade.
 */
export async function bootstrapSession(client: ApiClient, location: Location, history: History): Promise<SessionOutcome> {
  try {
    if (!client.connection.bearerToken) {
      const token = takeTokenFromHash(location, history);
      if (token) await client.request('POST', SESSION_PATH, { bearerToken: token });
    }
    const health = await client.call('health');
    return { kind: 'ready', health };
  } catch (error) {
    if (error instanceof ApiRequestError && error.status === 401) return { kind: 'unauthorized' };
    return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
}
