import { isAppUrl } from './app-url.js';
import { externalUrlToOpen } from './external-url.js';

export interface NavigationDecision {
  /** Let the window itself go there. */
  allow: boolean;
  /** Hand this URL to the OS browser instead (already parsed and limited to http/https). */
  openExternally: string | null;
}

/** `will-navigate`: stay inside the app; a link to the web opens in the user's browser. */
export function decideNavigation(url: string): NavigationDecision {
  if (isAppUrl(url)) return { allow: true, openExternally: null };
  return { allow: false, openExternally: externalUrlToOpen(url) };
}

/** `will-redirect`: a redirect is never a user's click, so leaving the app is refused outright. */
export function decideRedirect(url: string): NavigationDecision {
  return { allow: isAppUrl(url), openExternally: null };
}

/** `setWindowOpenHandler`: no new Electron windows ever; web links go to the OS browser. */
export function decideWindowOpen(url: string): NavigationDecision {
  return { allow: false, openExternally: externalUrlToOpen(url) };
}
