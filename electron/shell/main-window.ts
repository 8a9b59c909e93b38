import { BrowserWindow, nativeTheme } from 'electron';
import { APP_ENTRY_URL } from './app-url.js';
import { mainWindowOptions } from './window-options.js';

/** Opens the inbox window on the app's own scheme and shows it once it has painted. */
export function openMainWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(preloadPath, nativeTheme.shouldUseDarkColors));
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

/** A second launch brings the existing window forward instead of starting another engine. */
export function focusWindow(window: BrowserWindow | null): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
