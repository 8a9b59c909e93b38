import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The main window: a sandboxed renderer with no Node, isolated from its preload, on the
 * app's own scheme. Each line is an item of Electron's security checklist.
 */
export function mainWindowOptions(preloadPath: string, darkMode: boolean): BrowserWindowConstructorOptions {
  return {
    title: 'Hookbench',
    width: 1280,
    height: 820,
    minWidth: 720,
    minHeight: 480,
    show: false,
    // The renderer theme's --bg, so the window does not flash white before the first paint.
    backgroundColor: darkMode ? '#0e1014' : '#f4f5f7',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    },
  };
}
