import { LIVE_PATH } from '../../../../shared/api/session-paths.js';

/** What the Electron preload hands the renderer; absent in a plain browser. */
export interface DesktopBridge {
  apiBase: string;
  token: string;
}

declare global {
  interface Window {
    hookbench?: DesktopBridge;
  }
}

/**
 * Where the control API is and how to authenticate: the preload's bearer token in the desktop
 * window, the session cookie (same origin) in a browser.
 */
export interface ApiConnection {
  apiBase: string;
  bearerToken: string | null;
}

export function resolveApiConnection(win: Window = window): ApiConnection {
  const bridge = win.hookbench;
  if (bridge && typeof bridge.apiBase === 'string' && typeof bridge.token === 'string') {
    return { apiBase: bridge.apiBase.replace(/\/+$/, ''), bearerToken: bridge.token };
  }
  return { apiBase: win.location.origin, bearerToken: null };
}

export function liveSocketUrl(connection: ApiConnection): string {
  const url = new URL(LIVE_PATH, connection.apiBase);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

/** Browsers cannot set headers on a WebSocket, so the desktop token rides in the subprotocol list. */
export function liveSocketProtocols(connection: ApiConnection): string[] {
  return connection.bearerToken ? ['hookbench.v1', `token.${connection.bearerToken}`] : ['hookbench.v1'];
}
