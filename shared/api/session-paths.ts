/**
 * The two control API paths outside the route table, as neither is a JSON route: the trade of the
 * printed token for a session cookie, and the live feed's WebSocket.
 */
export const SESSION_PATH = '/api/session';
export const LIVE_PATH = '/api/live';
