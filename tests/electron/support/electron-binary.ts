import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

export type ElectronBinary = { path: string } | { missing: string };

/** The Electron executable, or what the npm package said instead (it throws when its binary never downloaded). */
export function electronBinary(): ElectronBinary {
  try {
    const path: unknown = createRequire(import.meta.url)('electron');
    if (typeof path === 'string' && existsSync(path)) return { path };
    return { missing: `no executable at ${String(path)}` };
  } catch (error) {
    return { missing: (error as Error).message.split('\n')[0] };
  }
}

/**
 * Why the smoke test cannot run. Electron's own message ("failed to install correctly, please delete
 * node_modules/electron") reads like a broken checkout; here the binary is left out on purpose.
 */
export function electronSkipReason(missing: string): string {
  const said = /failed to install correctly/i.test(missing) ? '' : ` (electron said: ${missing})`;
  return (
    'the Electron binary is absent by design: installs here skip its download (ELECTRON_SKIP_BINARY_DOWNLOAD=1, and ' +
    "electron's install script is denied in package.json's allowScripts). On a machine with network access, run " +
    `\`node node_modules/electron/install.js\` to fetch it and run this test${said}`
  );
}
