/**
 * The window's policy, sent as a header with every app file: only the app's own scripts run,
 * and the only place it may talk to is the engine's control API on loopback.
 */
export function desktopContentSecurityPolicy(apiPort: number): string {
  const api = `127.0.0.1:${apiPort}`;
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src 'self' http://${api} ws://${api}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
