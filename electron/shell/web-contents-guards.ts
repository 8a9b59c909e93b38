import { shell, type WebContents } from 'electron';
import { decideNavigation, decideRedirect, decideWindowOpen } from './navigation-guard.js';

/** Applied to every web contents the app creates: no new windows, no leaving the app, no webviews. */
export function guardWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(decideWindowOpen(url).openExternally);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    const decision = decideNavigation(url);
    if (decision.allow) return;
    event.preventDefault();
    openExternally(decision.openExternally);
  });
  contents.on('will-redirect', (event, url) => {
    if (!decideRedirect(url).allow) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function openExternally(url: string | null): void {
  if (url) void shell.openExternal(url);
}
