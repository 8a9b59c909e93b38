import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from '../../electron/shell/window-options.js';

describe('main window options', () => {
  const options = mainWindowOptions('/app/dist/electron/preload.cjs', false);

  it('runs the renderer sandboxed, context-isolated and without Node', () => {
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
    });
  });

  it('keeps web security on, insecure content, webviews and experimental features off', () => {
    expect(options.webPreferences).toMatchObject({
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
    });
    expect(options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
  });

  it('loads the given preload and nothing else', () => {
    expect(options.webPreferences?.preload).toBe('/app/dist/electron/preload.cjs');
    expect(options.webPreferences).not.toHaveProperty('additionalArguments');
  });

  it('stays hidden until painted, on the background of the current theme', () => {
    expect(options.show).toBe(false);
    expect(mainWindowOptions('/p', true).backgroundColor).not.toBe(options.backgroundColor);
  });
});
