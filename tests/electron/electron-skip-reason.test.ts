import { expect, it } from 'vitest';
import { electronSkipReason } from './support/electron-binary.js';

it('says the Electron binary is absent by design, not that the checkout is broken and node_modules should be deleted', () => {
  const reason = electronSkipReason('Electron failed to install correctly, please delete node_modules/electron and try installing again');
  expect(reason).toMatch(/^the Electron binary is absent by design/);
  expect(reason).toContain('node node_modules/electron/install.js');
  expect(reason).not.toMatch(/please delete/i);
});
