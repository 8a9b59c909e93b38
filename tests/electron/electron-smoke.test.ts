import { fileURLToPath } from 'node:url';
import { _electron, type ElectronApplication } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.js';
import { electronBinary, electronSkipReason } from './support/electron-binary.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('desktop app', () => {
  it('opens the inbox in a sandboxed window on hookbench://app, talking to its own engine', async (ctx) => {
    const binary = electronBinary();
    if ('missing' in binary) return ctx.skip(electronSkipReason(binary.missing));
    const dataDir = tempDir('hookbench-electron-');
    let app: ElectronApplication | undefined;
    try {
      app = await _electron.launch({
        executablePath: binary.path,
        args: ['.'],
        cwd: ROOT,
        env: {
          ...process.env,
          HOOKBENCH_DATA_DIR: dataDir.path,
          HOOKBENCH_API_PORT: '0',
          HOOKBENCH_HTTP_PORT: '0',
          HOOKBENCH_HTTPS_PORT: '0',
        },
      });
      const mainWindow = await app.firstWindow();
      // The Deliveries tab renders only after /api/health answered: CSP, CORS and the token all work.
      await mainWindow.getByRole('tab', { name: /Deliveries/ }).waitFor({ state: 'visible' });
      expect(mainWindow.url()).toBe('hookbench://app/index.html');

      const page = await mainWindow.evaluate(() => ({
        bridge: Object.keys((window as unknown as { hookbench?: object }).hookbench ?? {}).sort(),
        apiBase: (window as unknown as { hookbench?: { apiBase: string } }).hookbench?.apiBase,
        require: typeof (window as unknown as { require?: unknown }).require,
        process: typeof (window as unknown as { process?: unknown }).process,
        popup: window.open('https://example.com/') === null,
      }));
      expect(page.bridge).toEqual(['apiBase', 'copyText', 'openExternal', 'token']);
      expect(page.apiBase).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(page.require).toBe('undefined');
      expect(page.process).toBe('undefined');
      expect(page.popup).toBe(true);
      expect(app.windows()).toHaveLength(1);
    } finally {
      await app?.close();
      dataDir.remove();
    }
  });
});
