/** The desktop window's own scheme and origin: the renderer is served from here, never from file://. */
export const APP_SCHEME = 'hookbench';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** True only for URLs inside `hookbench://app/`; a parse failure counts as outside. */
export function isAppUrl(raw: string | null | undefined): boolean {
  if (!raw || !raw.startsWith(`${APP_ORIGIN}/`)) return false;
  try {
    const url = new URL(raw);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}
