import type { Session } from 'electron';

/**
 * The UI needs no camera, notifications, geolocation or anything else a page can ask for:
 * every permission request and check is refused. Copying goes through the preload instead.
 */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
